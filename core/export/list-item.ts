import type { JobError, JobStatus } from "../jobs/status";
import type { ExportFormat } from "./formats";

/** One row of `GET /api/exports`: the job, and what it was asked to export. */
export interface ExportListItem {
  job_id: string;
  status: JobStatus;
  step: string | null;
  percent: number;
  error: JobError | null;
  format: ExportFormat | null;
  resume_id: string | null;
  resume_title: string | null;
  version: number | null;
  filename: string | null;
  size: number | null;
  download_path: string | null;
  created_at: string;
  finished_at: string | null;
}
