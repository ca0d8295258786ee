import type { Job } from "../../core/contract/jobs";
import type { ApiClient } from "./client";

/** GET /api/jobs/:id — one long-running job (export, backup, …) as the apps see it. */
export const fetchJob = (api: ApiClient, id: string, signal?: AbortSignal): Promise<Job> =>
  api.get<Job>(`/api/jobs/${encodeURIComponent(id)}`, { signal });
