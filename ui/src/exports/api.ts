import type { ExportFormat } from "~core/export/formats";
import type { ExportListItem } from "~core/export/list-item";
import type { JobStatus } from "~core/jobs/status";
import type { ApiClient, ListPage } from "~kit/api/client";

export interface ExportOptions {
  page_size?: "A4" | "Letter";
  template?: string;
}

export interface StartedExport {
  job_id: string;
  status: JobStatus;
  status_url: string;
  usage: { used: number; limit: number | null };
}

/** One row of GET /api/exports (the server's own type). */
export type ExportItem = ExportListItem;

/** What a finished export job holds in `result`. */
export interface ExportResult {
  format: ExportFormat;
  filename: string;
  size: number;
  content_type: string;
  download_path: string;
}

export const startExport = (
  api: ApiClient,
  resumeId: string,
  format: ExportFormat,
  options: ExportOptions,
): Promise<StartedExport> =>
  api.post<StartedExport>(`/api/resumes/${encodeURIComponent(resumeId)}/export`, {
    format,
    options,
  });

export const listExports = (api: ApiClient, page = 1): Promise<ListPage<ExportItem>> =>
  api.list<ExportItem>("/api/exports", { query: { page, per_page: 20 } });

export const isExportResult = (value: unknown): value is ExportResult =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as ExportResult).download_path === "string" &&
  typeof (value as ExportResult).filename === "string";
