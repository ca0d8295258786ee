import type { JobError, JobStatus } from "../../core/jobs/status";
import type { ApiClient } from "./client";

export type { JobStatus };

/** GET /api/jobs/:id — one long-running job (export, backup, …) as the apps see it. */
export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  step: string | null;
  /** 0–100. */
  percent: number;
  result: unknown | null;
  error: JobError | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export const fetchJob = (api: ApiClient, id: string, signal?: AbortSignal): Promise<Job> =>
  api.get<Job>(`/api/jobs/${encodeURIComponent(id)}`, { signal });
