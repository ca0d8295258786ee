import type { AnalyticsReport, AnalyticsReportView } from "~core/contract/analytics";
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
