import type {
  ExportItem,
  ExportOptions,
  ExportResult,
  StartedExport,
} from "~core/contract/exports";
import type { ExportFormat } from "~core/export/formats";
import type { ApiClient, ListPage } from "~kit/api/client";

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

/** A finished export job's `result` is `unknown` on the wire; this is the part the app reads. */
export const isExportResult = (value: unknown): value is ExportResult =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as ExportResult).download_path === "string" &&
  typeof (value as ExportResult).filename === "string";
