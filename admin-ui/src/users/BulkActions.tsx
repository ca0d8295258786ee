import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { saveBlob } from "~kit/browser/download";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { ProgressBar } from "~kit/design-system/components/ProgressBar";
import { showToast } from "~kit/design-system/components/Toast";
import { formatBytes, formatCount } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { type BulkSuspendResult, exportUsersCsv } from "../api/users-bulk";
import { can } from "../auth/admin-session";
import { BulkEmailDialog } from "./BulkEmailDialog";
import { BulkSuspendDialog } from "./BulkSuspendDialog";
import {
  apiSelection,
  type ListSelection,
  offerAllMatching,
  SKIP_REASON_LABELS,
  selectedCount,
  selectionLabel,
  suspendProblem,
  suspendSummary,
} from "./bulk-view";

interface ExportRun {
  received: number;
  rows: number | null;
  controller: AbortController;
}

type Outcome =
  | { kind: "suspended"; result: BulkSuspendResult }
  | { kind: "emailing"; jobId: string }
  | { kind: "export_failed"; message: string };

/**
 * The Users list's bulk action bar (README "Admin: users", bulk actions): how many accounts are
 * selected, "select all matching", clear, and the actions the role may use — Export CSV
 * (`users.read`), Suspend… and Email… (`users.write`). The server checks each again and asks
 * for a fresh second factor through the layout's step-up dialog.
 */
export function BulkActions(props: {
  selection: ListSelection;
  /** The ids on the page shown now. */
  pageIds: readonly string[];
  /** Accounts the search matches. */
  total: number;
  /** The email of an account of the page, for the results (else its id is shown). */
  emailOf: (id: string) => string | undefined;
  onSelectAllMatching: () => void;
  onClear: () => void;
  /** Something changed on the server: the list is read again. */
  onChanged: () => void;
}) {
  const [dialog, setDialog] = createSignal<"suspend" | "email" | null>(null);
  const [exporting, setExporting] = createSignal<ExportRun | null>(null);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  const count = () => selectedCount(props.selection);
  const sendable = () => apiSelection(props.selection);
  const suspendBlocked = () => suspendProblem(props.selection);
  const hint = () => {
    const checked = sendable();
    if (count() > 0 && !checked.ok) return checked.problem;
    if (count() > 0 && can("users.write")) return suspendBlocked();
    return null;
  };

  async function runExport() {
    const checked = sendable();
    if (!checked.ok || exporting()) return;
    const controller = new AbortController();
    setOutcome(null);
    setExporting({ received: 0, rows: null, controller });
    try {
      const file = await exportUsersCsv(
        adminApi,
        checked.selection,
        (received, rows) => setExporting({ received, rows, controller }),
        controller.signal,
      );
      saveBlob(file.blob, file.filename ?? "users.csv");
      showToast({ title: "CSV downloaded", tone: "success" });
    } catch (cause) {
      if (!(cause instanceof DOMException && cause.name === "AbortError")) {
        setOutcome({ kind: "export_failed", message: describeError(cause) });
      }
    } finally {
      setExporting(null);
    }
  }

  const accountLabel = (id: string) => props.emailOf(id) ?? id;
  const exportFailure = () => {
    const shown = outcome();
    return shown?.kind === "export_failed" ? shown.message : null;
  };
  const emailJob = () => {
    const shown = outcome();
    return shown?.kind === "emailing" ? shown.jobId : null;
  };
  const suspension = () => {
    const shown = outcome();
    return shown?.kind === "suspended" ? shown.result : null;
  };
  const tickedIds = () =>
    props.selection.kind === "ids" && props.selection.ids.size > 0
      ? [...props.selection.ids]
      : null;
  const emailSelection = () => {
    const checked = sendable();
    return checked.ok ? checked.selection : null;
  };

  return (
    <div class="ds-stack">
      <fieldset class="users-bulk">
        <legend class="ds-visually-hidden">Act on the selected accounts</legend>
        <span aria-live="polite">{selectionLabel(props.selection)}</span>
        <Show when={offerAllMatching(props.selection, props.pageIds, props.total)}>
          <Button size="sm" variant="ghost" onClick={props.onSelectAllMatching}>
            Select all {formatCount(props.total)} matching accounts
          </Button>
        </Show>
        <Show when={count() > 0}>
          <Button size="sm" variant="ghost" onClick={props.onClear}>
            Clear selection
          </Button>
        </Show>
        <Show when={can("users.read")}>
          <Button
            size="sm"
            variant="secondary"
            disabled={count() === 0 || !sendable().ok}
            loading={exporting() !== null}
            onClick={runExport}
          >
            Export CSV
          </Button>
        </Show>
        <Show when={can("users.write")}>
          <Button
            size="sm"
            variant="outline"
            disabled={count() === 0 || suspendBlocked() !== null}
            onClick={() => setDialog("suspend")}
          >
            Suspend…
          </Button>
          <Button
            size="sm"
            variant="outline"
            disabled={count() === 0 || !sendable().ok}
            onClick={() => setDialog("email")}
          >
            Email…
          </Button>
        </Show>
      </fieldset>
      <Show when={hint()}>{(text) => <p class="ds-muted users-bulk-hint">{text()}</p>}</Show>
      <Show when={exporting()}>
        {(run) => (
          <div class="users-bulk-export">
            <ProgressBar
              indeterminate
              value={0}
              label={`Exporting${run().rows === null ? "" : ` ${formatCount(run().rows ?? 0)} accounts`}: ${formatBytes(run().received)} received`}
            />
            <Button size="sm" variant="ghost" onClick={() => run().controller.abort()}>
              Cancel export
            </Button>
          </div>
        )}
      </Show>
      <div aria-live="polite">
        <Show when={exportFailure()}>
          {(message) => (
            <Alert tone="error" title="The export did not finish">
              {message()}
            </Alert>
          )}
        </Show>
        <Show when={emailJob()}>
          {(jobId) => (
            <Alert tone="success" title="Emails are on their way">
              A background job sends them in batches.{" "}
              <A href={`/jobs/${encodeURIComponent(jobId())}`}>Follow the job</A>
            </Alert>
          )}
        </Show>
        <Show when={suspension()}>
          {(result) => (
            <Alert
              tone={result().skipped.length ? "warning" : "success"}
              title={suspendSummary(result())}
            >
              <p>Each account's workflow applies its suspension within seconds.</p>
              <ul class="users-bulk-results">
                <For each={result().requested}>
                  {(id) => (
                    <li>
                      <A href={`/users/${encodeURIComponent(id)}`}>{accountLabel(id)}</A>:
                      suspension requested
                    </li>
                  )}
                </For>
                <For each={result().skipped}>
                  {(skip) => (
                    <li>
                      <Show
                        when={skip.reason !== "not_found"}
                        fallback={<span class="ds-mono">{skip.id}</span>}
                      >
                        <A href={`/users/${encodeURIComponent(skip.id)}`}>
                          {accountLabel(skip.id)}
                        </A>
                      </Show>
                      : skipped, {SKIP_REASON_LABELS[skip.reason]}
                    </li>
                  )}
                </For>
              </ul>
            </Alert>
          )}
        </Show>
      </div>
      <Show when={dialog() === "suspend" && tickedIds()}>
        {(ids) => (
          <BulkSuspendDialog
            ids={ids()}
            onClose={() => setDialog(null)}
            onDone={(result) => {
              setDialog(null);
              setOutcome({ kind: "suspended", result });
              props.onClear();
              props.onChanged();
            }}
          />
        )}
      </Show>
      <Show when={dialog() === "email" && emailSelection()}>
        {(selection) => (
          <BulkEmailDialog
            selection={selection()}
            recipients={
              props.selection.kind === "filter"
                ? `all ${formatCount(count())} matching accounts`
                : `${formatCount(count())} ${count() === 1 ? "account" : "accounts"}`
            }
            onClose={() => setDialog(null)}
            onStarted={(jobId) => {
              setDialog(null);
              setOutcome({ kind: "emailing", jobId });
              props.onClear();
            }}
          />
        )}
      </Show>
    </div>
  );
}
