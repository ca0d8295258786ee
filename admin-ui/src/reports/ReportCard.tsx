import { createResource, createSignal, type JSX, Show } from "solid-js";
import { saveBlob } from "~kit/browser/download";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import {
  type AnalyticsReport,
  type AnalyticsReportView,
  downloadReportCsv,
  getReport,
} from "../api/analytics";
import type { ReportQuery } from "./report-view";

/**
 * One report as a card: loads it for the page's range and plan, and offers its daily table as
 * a CSV download (the same rows the charts draw). `children` draws the loaded report.
 */
export function ReportCard(props: {
  report: AnalyticsReport;
  title: string;
  /** What the CSV button names, e.g. "sign-ups": "Download CSV of sign-ups". */
  csvName: string;
  query: ReportQuery;
  children: (view: AnalyticsReportView) => JSX.Element;
}) {
  const [view, { refetch }] = createResource(
    () => props.query,
    (query) => getReport(adminApi, props.report, query),
  );
  const [downloading, setDownloading] = createSignal(false);
  const [downloadError, setDownloadError] = createSignal<string | null>(null);

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    try {
      const file = await downloadReportCsv(adminApi, props.report, props.query);
      saveBlob(file.blob, file.filename ?? `${props.report}.csv`);
    } catch (cause) {
      setDownloadError(describeError(cause));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card
      title={props.title}
      class="report-card"
      actions={
        <Button
          variant="outline"
          size="sm"
          icon="download"
          loading={downloading()}
          aria-label={`Download CSV of ${props.csvName}`}
          onClick={download}
        >
          Download CSV
        </Button>
      }
    >
      <div class="ds-stack">
        <Show when={downloadError()}>
          {(message) => (
            <Alert tone="error" title="The CSV could not be downloaded">
              {message()}
            </Alert>
          )}
        </Show>
        <Show when={view.error}>
          {(error) => <LoadError what={props.title} error={error()} onRetry={refetch} />}
        </Show>
        <Show
          // a failed resource throws when read, so only the alert above shows then
          when={view.error ? undefined : view.latest}
          fallback={
            <Show when={!view.error}>
              <SkeletonText lines={6} label={`Loading ${props.csvName}…`} />
            </Show>
          }
        >
          {(loaded) => (
            <div class="ds-stack" aria-busy={view.loading ? "true" : undefined}>
              {props.children(loaded())}
            </div>
          )}
        </Show>
      </div>
    </Card>
  );
}
