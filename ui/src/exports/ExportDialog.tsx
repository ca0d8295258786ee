import { A } from "@solidjs/router";
import { createEffect, createSignal, on, Show } from "solid-js";
import { api } from "~/auth/session";
import type { PageSize } from "~core/contract/exports";
import { EXPORT_LABELS, type ExportFormat } from "~core/export/formats";
import { fetchJob } from "~kit/api/jobs";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { ProgressBar } from "~kit/design-system/components/ProgressBar";
import { RadioCardGroup } from "~kit/design-system/components/RadioCardGroup";
import { Select } from "~kit/design-system/components/Select";
import { createJobPoller } from "~kit/jobs/create-job-poller";
import { isExportResult, startExport } from "./api";
import { downloadExport, formatSize } from "./download";
import { exportPhase, PHASE_LABEL } from "./phase";
import "./exports.css";
import { describeError } from "~kit/forms/describe-error";

const FORMAT_OPTIONS: { value: ExportFormat; description: string }[] = [
  { value: "pdf", description: "Looks exactly like the preview. Best for applications." },
  { value: "docx", description: "Opens in Word or LibreOffice to keep editing." },
  { value: "txt", description: "Plain text for application forms and tracking systems." },
  { value: "json", description: "JSON Resume: a backup you can import again." },
];

export interface ExportDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  resumeId: string;
  /** The page size the resume is styled with, preselected. */
  pageSize: PageSize;
  /** Saves pending edits first, so the export is of what the person sees. */
  beforeExport?: () => Promise<unknown>;
}

/** Format and page size, then a progress bar until the file can be downloaded. */
export function ExportDialog(props: ExportDialogProps) {
  const [format, setFormat] = createSignal<ExportFormat>("pdf");
  const [pageSize, setPageSize] = createSignal<PageSize>(props.pageSize);
  const [jobId, setJobId] = createSignal<string | null>(null);
  const [starting, setStarting] = createSignal(false);
  const [error, setError] = createSignal("");

  // A fresh dialog each time it opens; a finished export stays listed on /exports.
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setJobId(null);
        setError("");
        setPageSize(props.pageSize);
      },
    ),
  );

  const start = async () => {
    setStarting(true);
    setError("");
    try {
      await props.beforeExport?.();
      const started = await startExport(api, props.resumeId, format(), {
        ...(format() === "pdf" || format() === "docx" ? { page_size: pageSize() } : {}),
      });
      setJobId(started.job_id);
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Export"
      description="Download this resume as a file. We also email you a link to it."
    >
      <Show
        when={jobId()}
        keyed
        fallback={
          <form
            class="ds-stack export-dialog"
            onSubmit={(event) => {
              event.preventDefault();
              void start();
            }}
          >
            <RadioCardGroup
              label="Format"
              name="export-format"
              value={format()}
              onChange={(value) => setFormat(value as ExportFormat)}
              options={FORMAT_OPTIONS.map((option) => ({
                value: option.value,
                label: EXPORT_LABELS[option.value],
                description: option.description,
              }))}
            />
            <Show when={format() === "pdf" || format() === "docx"}>
              <Select
                label="Page size"
                value={pageSize()}
                onChange={(value) => setPageSize(value as PageSize)}
                options={[
                  { value: "A4", label: "A4 (210 × 297 mm)" },
                  { value: "Letter", label: "US Letter (8.5 × 11 in)" },
                ]}
              />
            </Show>
            <Show when={error()}>
              <Alert tone="error">{error()}</Alert>
            </Show>
            <div class="export-dialog__actions">
              <Button type="submit" icon="download" loading={starting()}>
                Export {EXPORT_LABELS[format()]}
              </Button>
            </div>
          </form>
        }
      >
        {(id) => <ExportProgress jobId={id} onRetry={() => void start()} />}
      </Show>
    </Modal>
  );
}

function ExportProgress(props: { jobId: string; onRetry: () => void }) {
  const poller = createJobPoller(
    () => props.jobId,
    (id, signal) => fetchJob(api, id, signal),
  );
  const [downloading, setDownloading] = createSignal(false);
  const [downloadError, setDownloadError] = createSignal("");
  const phase = () => exportPhase(poller.job());
  const result = () => {
    const value = poller.job()?.result;
    return isExportResult(value) ? value : null;
  };

  const save = async () => {
    const file = result();
    if (!file) return;
    setDownloading(true);
    setDownloadError("");
    try {
      await downloadExport(api, props.jobId, file.download_path, file.filename);
    } catch (cause) {
      setDownloadError(describeError(cause));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div class="ds-stack export-dialog" data-phase={phase()}>
      <p class="ds-visually-hidden" role="status" aria-live="polite">
        {PHASE_LABEL[phase()]}
      </p>
      <ProgressBar
        label={PHASE_LABEL[phase()]}
        value={poller.job()?.percent ?? 0}
        indeterminate={phase() === "queued"}
        tone={phase() === "failed" ? "error" : phase() === "done" ? "success" : "primary"}
      />
      <Show when={phase() === "failed"}>
        <Alert tone="error" title="The export failed">
          {poller.job()?.error?.message ?? "Something went wrong."}
        </Alert>
        <div class="export-dialog__actions">
          <Button icon="refresh" onClick={() => props.onRetry()}>
            Try again
          </Button>
        </div>
      </Show>
      <Show when={poller.error()}>
        {(failure) => <Alert tone="warning">{failure().message}</Alert>}
      </Show>
      <Show when={result()}>
        {(file) => (
          <>
            <p>
              {file().filename} · {formatSize(file().size)}
            </p>
            <Show when={downloadError()}>
              <Alert tone="error">{downloadError()}</Alert>
            </Show>
            <div class="export-dialog__actions">
              <Button icon="download" loading={downloading()} onClick={() => void save()}>
                Download
              </Button>
              <A href="/exports" class="export-dialog__history">
                All exports
              </A>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
