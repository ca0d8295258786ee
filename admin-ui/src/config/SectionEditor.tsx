import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import type { ConfigSectionView } from "~core/contract/live-config";
import type { StrikeThreshold } from "~core/moderation/strikes";
import { PLAN_PRICES_CENTS, PLANS, type Plan } from "~core/plans/entitlements";
import { WRITING_MODELS } from "~core/writing/model";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Checkbox } from "~kit/design-system/components/Checkbox";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { answerMayBeLost, newIdempotencyKey } from "../standing/standing-view";
import { thresholdEffect } from "../standing/threshold-draft";
import { saveConfig } from "./config-api";
import {
  type Cell,
  checkDraft,
  type Draft,
  fieldKey,
  type SectionValue,
  serverIssues,
  toDraft,
} from "./draft";
import { entryLabel, fieldLabel } from "./labels";

/**
 * A section's form: one group of fields per entry (a plan, a rate-limit rule), checked with
 * the section's zod schema before sending; the server's issues land on the same fields. Saved
 * as the section's next version with the reason given; a fresh second factor may be asked for
 * first (the layout's step-up dialog), and the `Idempotency-Key` is kept while an answer may
 * have been lost.
 */
export function SectionEditor(props: {
  section: ConfigSectionView;
  onSaved: (view: ConfigSectionView) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = createSignal<Draft>(toDraft(props.section.value as SectionValue));
  const [reason, setReason] = createSignal("");
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();
  const entries = () => Object.keys(props.section.defaults);
  /** Free text (a plan's name or tagline), not a number, by the type of the field's default. */
  const isText = (entry: string, field: string) =>
    typeof (props.section.defaults[entry] as Record<string, unknown> | undefined)?.[field] ===
    "string";

  const setCell = (entry: string, field: string, cell: Cell) =>
    setDraft((current) => ({ ...current, [entry]: { ...current[entry], [field]: cell } }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    const checked = checkDraft(props.section.section, draft(), entries());
    const why = reason().trim();
    const found = checked.ok ? {} : { ...checked.errors };
    if (why.length < 3) found.reason = "Say why (at least 3 characters).";
    setErrors(found);
    if (!checked.ok || why.length < 3) return;
    setSending(true);
    try {
      const saved = await saveConfig(
        adminApi,
        props.section.section,
        { value: checked.value, reason: why },
        key,
      );
      props.onSaved(saved);
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      const placed = serverIssues(cause);
      if (placed) setErrors(placed);
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <form class="ds-stack" onSubmit={submit} aria-label={`Edit ${props.section.label}`} novalidate>
      <div class="config-entries">
        <For each={Object.entries(draft())}>
          {([entry, fields]) => (
            <fieldset class="config-entry">
              <legend>{entryLabel(entry)}</legend>
              <For each={Object.entries(fields)}>
                {([field, cell]) =>
                  Array.isArray(cell) ? (
                    <fieldset class="config-entry">
                      <legend>{fieldLabel(field)}</legend>
                      <For each={PLANS}>
                        {(plan) => (
                          <Checkbox
                            label={entryLabel(plan)}
                            checked={cell.includes(plan)}
                            onChange={(checked) =>
                              setCell(
                                entry,
                                field,
                                PLANS.filter((p) => (p === plan ? checked : cell.includes(p))),
                              )
                            }
                          />
                        )}
                      </For>
                      <Show when={errors()[fieldKey(entry, field)]}>
                        {(message) => <p class="ds-field__error">{message()}</p>}
                      </Show>
                    </fieldset>
                  ) : typeof cell === "object" ? (
                    <div class="ds-stack">
                      <p>
                        {fieldLabel(field)}:{" "}
                        {(cell.kept as StrikeThreshold[])
                          .map((t) => `${t.strikes} → ${thresholdEffect(t)}`)
                          .join(", ")}
                        . Edited on the <A href="/moderation/strikes">strike thresholds page</A> and
                        saved here unchanged.
                      </p>
                      <Show when={errors()[fieldKey(entry, field)]}>
                        {(message) => <p class="ds-field__error">{message()}</p>}
                      </Show>
                    </div>
                  ) : typeof cell === "boolean" ? (
                    <Checkbox
                      label={fieldLabel(field)}
                      checked={cell}
                      onChange={(checked) => setCell(entry, field, checked)}
                    />
                  ) : (
                    <TextField
                      label={fieldLabel(field)}
                      value={cell}
                      inputMode={isText(entry, field) ? "text" : "numeric"}
                      onChange={(text) => setCell(entry, field, text)}
                      error={errors()[fieldKey(entry, field)]}
                      description={
                        props.section.section === "plan_details" && field === "priceCents"
                          ? `Charged: ${formatCents(PLAN_PRICES_CENTS[entry as Plan])} a month (${PLAN_PRICES_CENTS[entry as Plan]} cents)`
                          : undefined
                      }
                    />
                  )
                }
              </For>
            </fieldset>
          )}
        </For>
      </div>
      <Show when={props.section.section === "plans"}>
        <p class="ds-muted">
          An empty count is unlimited. Prices charged stay in Stripe; these are the limits the
          Worker enforces and both apps show.
        </p>
      </Show>
      <Show when={props.section.section === "plan_details"}>
        <p class="ds-muted">
          What the pricing page, billing settings, landing page, sign-up and the change-plan dialog
          show: each plan's name, the monthly price quoted (in cents) and a one-line tagline. The
          amount charged does not change here: the local provider charges the code's price and
          Stripe its price ids (the “Charged” figure under each price).
        </p>
      </Show>
      <Show when={props.section.section === "moderation"}>
        <p class="ds-muted">
          Report weights are in tenths: a first report from someone unknown weighs 10, a trusted
          signed-in reporter up to 20. Open reports adding up to “open a case” put the page in the
          review queue; to “take offline”, it is withheld until a moderator decides.
        </p>
      </Show>
      <Show when={props.section.section === "ai"}>
        <p class="ds-muted">
          Models: {WRITING_MODELS.join(", ")}. The monthly allowance of each plan is its “Writing
          help a month” under plan limits.
        </p>
      </Show>
      <Show when={props.section.section === "feature_flags"}>
        <p class="ds-muted">
          No plan ticked: every plan. A user is in the rollout percentage by a stable hash of the
          flag and their id, so the same users keep the feature as the percentage grows.
        </p>
      </Show>
      <Show when={errors()[""]}>
        {(message) => (
          <Alert tone="error" title="Not valid">
            {message()}
          </Alert>
        )}
      </Show>
      <TextField
        label="Reason for this change"
        value={reason()}
        onChange={setReason}
        maxLength={500}
        error={errors().reason}
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
        <Button type="submit" loading={sending()}>
          Save as a new version
        </Button>
        <Button variant="ghost" disabled={sending()} onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
