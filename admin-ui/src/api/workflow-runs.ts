import type { WorkflowRun, WorkflowRunDetail } from "~core/contract/admin";
import type { WorkflowStats } from "~core/contract/workflow-runs";
import type { RunAction } from "~core/workflows/runs";
import type { ApiClient, ListPage } from "~kit/api/client";

export type { RunStep, WorkflowRun, WorkflowRunDetail } from "~core/contract/admin";
export type { WorkflowStats, WorkflowStepRecord } from "~core/contract/workflow-runs";
export {
  ACTIONS_ALLOWED_FROM,
  LIVE_STATUSES,
  RUN_STATUSES,
  type RunAction,
  WORKFLOW_NAMES,
} from "~core/workflows/runs";

export interface RunFilters {
  page: number;
  workflow?: string;
  status?: string;
  /** Subject, params, or a user's email. */
  q?: string;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
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

/** Runs, attempts and failure rates per workflow and step since a day (YYYY-MM-DD). */
export const getWorkflowStats = (api: ApiClient, since?: string): Promise<WorkflowStats> =>
  api.get<WorkflowStats>("/api/admin/workflows/stats", since ? { query: { since } } : undefined);

export const controlWorkflowRun = (
  api: ApiClient,
  id: string,
  action: RunAction,
): Promise<WorkflowRun> =>
  api.post<WorkflowRun>(`/api/admin/workflows/${encodeURIComponent(id)}/${action}`);
