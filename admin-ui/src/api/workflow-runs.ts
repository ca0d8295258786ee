import type { RunAction } from "~core/workflows/runs";
import type { ApiClient, ListPage } from "~kit/api/client";

export {
  ACTIONS_ALLOWED_FROM,
  LIVE_STATUSES,
  RUN_STATUSES,
  type RunAction,
  WORKFLOW_NAMES,
} from "~core/workflows/runs";

export interface WorkflowRun {
  instance_id: string;
  workflow: string;
  subject: string;
  job_id: string | null;
  created_by: string;
  status: string;
  error: string | null;
  params: unknown;
  restarts: number;
  created_at: string;
  updated_at: string;
}

export interface RunStep {
  status: string;
  step: string | null;
  percent: number;
  message: string | null;
  at: string;
}

export interface WorkflowRunDetail extends WorkflowRun {
  output: unknown;
  steps: RunStep[];
}

export interface RunFilters {
  page: number;
  workflow?: string;
  status?: string;
}

export const RUNS_PER_PAGE = 25;

export const listWorkflowRuns = (
  api: ApiClient,
  filters: RunFilters,
): Promise<ListPage<WorkflowRun>> =>
  api.list<WorkflowRun>("/api/admin/workflows", {
    query: { ...filters, per_page: RUNS_PER_PAGE },
  });

export const getWorkflowRun = (api: ApiClient, id: string): Promise<WorkflowRunDetail> =>
  api.get<WorkflowRunDetail>(`/api/admin/workflows/${encodeURIComponent(id)}`);

export const controlWorkflowRun = (
  api: ApiClient,
  id: string,
  action: RunAction,
): Promise<WorkflowRun> =>
  api.post<WorkflowRun>(`/api/admin/workflows/${encodeURIComponent(id)}/${action}`);
