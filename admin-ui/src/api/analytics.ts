import type {
  AnalyticsBackfillStatus,
  AnalyticsReport,
  AnalyticsReportView,
} from "~core/contract/analytics";
import type { ApiClient, DownloadedFile } from "~kit/api/client";
import type { ReportQuery } from "../reports/report-view";

/** README "Analytics": the admin reports, as JSON for the page and CSV for a download. */

export type { AnalyticsReport, AnalyticsReportView } from "~core/contract/analytics";

const reportPath = (report: AnalyticsReport) => `/api/admin/analytics/${report}`;

const queryOf = (query: ReportQuery) => ({ from: query.from, to: query.to, plan: query.plan });

export const getReport = (
  api: ApiClient,
  report: AnalyticsReport,
  query: ReportQuery,
  signal?: AbortSignal,
): Promise<AnalyticsReportView> =>
  api.get<AnalyticsReportView>(reportPath(report), { query: queryOf(query), signal });

/** The report's daily table as CSV, named by the server (report, range and plan). */
export const downloadReportCsv = (
  api: ApiClient,
  report: AnalyticsReport,
  query: ReportQuery,
): Promise<DownloadedFile> =>
  api.download("GET", reportPath(report), undefined, {
    query: { ...queryOf(query), format: "csv" },
  });

export type { AnalyticsBackfillStatus } from "~core/contract/analytics";

const BACKFILL = "/api/admin/analytics/backfill";

/** The latest backfill's job, or `{ job: null }` when none ever ran. */
export const getBackfill = (api: ApiClient, signal?: AbortSignal) =>
  api.get<AnalyticsBackfillStatus>(BACKFILL, { signal });

/** Starts a backfill; a retried click with the same key reaches the same job. */
export const startBackfill = (api: ApiClient, key: string) =>
  api.post<{ job_id: string }>(BACKFILL, undefined, { headers: { "Idempotency-Key": key } });
