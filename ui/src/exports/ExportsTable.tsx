import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "~/auth/session";
import type { ExportItem } from "~core/contract/exports";
import { EXPORT_LABELS } from "~core/export/formats";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import { JOB_STATUS_TONE } from "~kit/jobs/job-status";
import { downloadExport, formatSize } from "./download";
import { exportPhase, PHASE_LABEL } from "./phase";
import "./exports.css";
import { describeError } from "~kit/forms/describe-error";

/** Export history: what was exported when, how it went, and the file again. */
export function ExportsTable(props: { exports: ExportItem[] }) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ jobId: string; message: string } | null>(null);

  const save = async (item: ExportItem) => {
    if (!item.download_path) return;
    setBusy(item.job_id);
    setFailure(null);
    try {
      await downloadExport(
        api,
        item.job_id,
        item.download_path,
        item.filename ?? `${item.job_id}.${item.format ?? "bin"}`,
      );
    } catch (cause) {
      setFailure({
        jobId: item.job_id,
        message: describeError(cause),
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Table caption="Your exports" hideCaption>
      <thead>
        <tr>
          <th scope="col">Exported</th>
          <th scope="col">Resume</th>
          <th scope="col">Format</th>
          <th scope="col">Status</th>
          <th scope="col" class="ds-table__num">
            Size
          </th>
          <th scope="col">File</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.exports}>
          {(item) => (
            <tr>
              <th scope="row">{formatDateTime(item.created_at)}</th>
              <td>
                <Show when={item.resume_id} fallback={item.resume_title ?? "—"}>
                  {(id) => (
                    <A href={`/resumes/${encodeURIComponent(id())}`}>
                      {item.resume_title ?? "Resume"}
                      {item.version ? ` (version ${item.version})` : ""}
                    </A>
                  )}
                </Show>
              </td>
              <td>{item.format ? EXPORT_LABELS[item.format] : "—"}</td>
              <td class="exports-page__status">
                <Badge tone={JOB_STATUS_TONE[item.status]}>{PHASE_LABEL[exportPhase(item)]}</Badge>
                <Show when={item.error}>
                  {(error) => <p class="exports-page__error">{error().message}</p>}
                </Show>
              </td>
              <td class="ds-table__num">{formatSize(item.size)}</td>
              <td>
                <Show when={item.download_path} fallback="—">
                  <Button
                    size="sm"
                    variant="outline"
                    icon="download"
                    loading={busy() === item.job_id}
                    onClick={() => void save(item)}
                    aria-label={`Download ${item.filename ?? "the file"}`}
                  >
                    Download
                  </Button>
                </Show>
                <Show when={failure()?.jobId === item.job_id}>
                  <p class="exports-page__error" role="alert">
                    {failure()?.message}
                  </p>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
