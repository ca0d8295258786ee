import { createSignal, For, Index, Show } from "solid-js";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Select } from "~kit/design-system/components/Select";
import { Table } from "~kit/design-system/components/Table";
import { TextField } from "~kit/design-system/components/TextField";
import { showToast } from "~kit/design-system/components/Toast";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { type StrikeThresholdsView, saveStrikeThresholds } from "../api/standing";
import { answerMayBeLost, newIdempotencyKey } from "./standing-view";
import {
  checkThresholdRows,
  NEW_THRESHOLD_ROW,
  rowsOf,
  type ThresholdIssues,
  type ThresholdRow,
  thresholdIssues,
} from "./threshold-draft";

const ACTION_OPTIONS = [
  { value: "suspend", label: "Suspend" },
  { value: "ban", label: "Ban" },
];
const MAX_ROWS = 10;
const NO_ISSUES: ThresholdIssues = { list: [], rows: {} };

/**
 * The super admin's form for the strike thresholds: rows checked with the API's own schema
 * before saving, and the API's 400 issues (same paths) put under the row and field they name.
 * Saved as a new version of the `moderation` config section with the reason given (rolled back
 * on the configuration page); the `Idempotency-Key` is kept while an answer may have been lost.
 */
export function ThresholdsEditor(props: {
  view: StrikeThresholdsView;
  onSaved: (view: StrikeThresholdsView) => void;
  onCancel: () => void;
}) {
  const [rows, setRows] = createSignal<ThresholdRow[]>(rowsOf(props.view.thresholds));
  const [issues, setIssues] = createSignal<ThresholdIssues>(NO_ISSUES);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [reason, setReason] = createSignal("");
  let key = newIdempotencyKey();

  const update = (index: number, changes: Partial<ThresholdRow>) => {
    setRows((list) => list.map((row, at) => (at === index ? { ...row, ...changes } : row)));
    setIssues(NO_ISSUES);
  };

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (saving()) return;
    setFailure(null);
    const check = checkThresholdRows(rows(), reason().trim());
    if (!check.ok) {
      setIssues(check.issues);
      return;
    }
    setSaving(true);
    try {
      const saved = await saveStrikeThresholds(adminApi, check.request, key);
      showToast({ title: "Strike thresholds saved", tone: "success" });
      props.onSaved(saved);
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      if (
        cause instanceof ApiError &&
        cause.code === "validation_failed" &&
        Array.isArray(cause.details)
      ) {
        setIssues(thresholdIssues(cause.details as { path?: PropertyKey[]; message?: string }[]));
      }
      setFailure(describeError(cause));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="ds-stack" onSubmit={save} aria-label="Strike thresholds" novalidate>
      <Table caption="Edit the strike thresholds" hideCaption>
        <thead>
          <tr>
            <th scope="col">Active strikes</th>
            <th scope="col">Action</th>
            <th scope="col">Suspension hours (1–720)</th>
            <th scope="col">
              <span class="ds-visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <Index each={rows()}>
            {(row, index) => (
              <tr>
                <td>
                  <TextField
                    label={`Strikes, row ${index + 1}`}
                    type="number"
                    inputMode="numeric"
                    value={row().strikes}
                    onChange={(strikes) => update(index, { strikes })}
                    error={issues().rows[index]?.strikes}
                  />
                </td>
                <td>
                  <Select
                    label={`Action, row ${index + 1}`}
                    options={ACTION_OPTIONS}
                    value={row().action}
                    onChange={(action) =>
                      update(index, { action: action as ThresholdRow["action"] })
                    }
                    error={issues().rows[index]?.action}
                  />
                </td>
                <td>
                  <Show
                    when={row().action === "suspend"}
                    fallback={<span class="ds-muted">Permanent</span>}
                  >
                    <TextField
                      label={`Hours, row ${index + 1}`}
                      type="number"
                      inputMode="numeric"
                      value={row().hours}
                      onChange={(hours) => update(index, { hours })}
                      error={issues().rows[index]?.hours}
                    />
                  </Show>
                </td>
                <td>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setRows((list) => list.filter((_, at) => at !== index));
                      setIssues(NO_ISSUES);
                    }}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            )}
          </Index>
        </tbody>
      </Table>
      <Show when={issues().list.length > 0}>
        <Alert tone="error" title="Check the thresholds">
          <For each={issues().list}>{(message) => <p>{message}</p>}</For>
        </Alert>
      </Show>
      <TextField
        label="Reason for this change"
        value={reason()}
        onChange={(text) => {
          setReason(text);
          setIssues(NO_ISSUES);
        }}
        maxLength={500}
        error={issues().reason}
        required
      />
      <Show when={failure()}>
        {(message) => (
          <Alert tone="error" title="Not saved">
            {message()}
          </Alert>
        )}
      </Show>
      <div class="ds-cluster">
        <Button
          variant="outline"
          disabled={rows().length >= MAX_ROWS}
          onClick={() => setRows((list) => [...list, { ...NEW_THRESHOLD_ROW }])}
        >
          Add threshold
        </Button>
        <Button type="submit" loading={saving()}>
          Save thresholds
        </Button>
        <Button variant="ghost" disabled={saving()} onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
