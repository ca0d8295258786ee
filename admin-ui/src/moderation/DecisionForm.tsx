import { createSignal, createUniqueId, Show } from "solid-js";
import { MODERATOR_VERDICTS, type ModeratorVerdict } from "~core/moderation/model";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { RadioCardGroup } from "~kit/design-system/components/RadioCardGroup";
import { Textarea } from "~kit/design-system/components/Textarea";
import { createForm } from "~kit/forms/create-form";
import { adminApi } from "../api/admin-api";
import {
  type DecisionResult,
  decideModerationCase,
  type ModerationCaseDetail,
} from "../api/moderation";
import { can } from "../auth/admin-session";
import { describeDecision } from "./decision-results";
import { OUTCOME_LABELS, VERDICT_EFFECTS, VERDICT_LABELS } from "./labels";
import { reasonProblem } from "./reason";

const VERDICT_OPTIONS = MODERATOR_VERDICTS.map((verdict) => ({
  value: verdict,
  label: VERDICT_LABELS[verdict],
  description: VERDICT_EFFECTS[verdict],
}));

/** Why the form cannot be used for this case by this person, or null when it can. */
function blocked(item: ModerationCaseDetail): string | null {
  if (!can("content.moderate")) return "Your role can read cases but not decide them.";
  if (item.status === "closed") {
    const outcome = item.outcome ? `: ${OUTCOME_LABELS[item.outcome].toLowerCase()}` : "";
    return `This case is closed${outcome}. A decided case is not decided again here.`;
  }
  if (item.status === "checking") {
    return "The automated checks are still running; the case can be decided once it waits for review.";
  }
  return null;
}

/**
 * Approve, reject or request changes, with the reason the owner and the audit log get. The
 * API may ask for a fresh second factor first (the layout's step-up dialog), and answers 409
 * when the case was decided otherwise meanwhile: that message shows on the form, and the case
 * is read again either way so the page shows where it stands now.
 */
export function DecisionForm(props: { item: ModerationCaseDetail; onChanged: () => void }) {
  const [verdict, setVerdict] = createSignal<ModeratorVerdict | "">("");
  const [reason, setReason] = createSignal("");
  const [done, setDone] = createSignal<{
    result: DecisionResult;
    verdict: ModeratorVerdict;
  } | null>(null);
  const explanationId = createUniqueId();
  const form = createForm({
    fields: { verdict: "moderation-verdict", reason: "moderation-reason" },
    validate: () => ({
      verdict: verdict() ? undefined : "Choose a decision.",
      reason: reasonProblem(verdict() || "approve", reason()),
    }),
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const chosen = verdict();
      if (!chosen) return;
      setDone(null);
      let result: DecisionResult;
      try {
        result = await decideModerationCase(adminApi, props.item.id, {
          verdict: chosen,
          reason: reason().trim(),
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) props.onChanged();
        throw error;
      }
      setDone({ result, verdict: chosen });
      setReason("");
      setVerdict("");
      form.reset();
      props.onChanged();
    });

  return (
    <div class="ds-stack">
      <div aria-live="polite">
        <Show when={done()}>
          {(shown) => (
            <Alert tone="success" title="Decision recorded">
              {describeDecision(shown().result, shown().verdict)}
            </Alert>
          )}
        </Show>
      </div>
      <Show when={blocked(props.item)}>
        {(why) => (
          <p id={explanationId} class="moderation-blocked">
            {why()}
          </p>
        )}
      </Show>
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <form
        class="ds-stack moderation-decision-form"
        onSubmit={submit}
        aria-label="Decision"
        aria-describedby={blocked(props.item) ? explanationId : undefined}
        novalidate
      >
        <RadioCardGroup
          id="moderation-verdict"
          label="Decision"
          options={VERDICT_OPTIONS}
          value={verdict()}
          onChange={(value) => {
            setVerdict(value as ModeratorVerdict);
            form.edited("verdict");
          }}
          error={form.error("verdict")}
          disabled={blocked(props.item) !== null}
          required
        />
        {/* the wrapper carries the id the error summary links to (Textarea takes none) */}
        <div id="moderation-reason">
          <Textarea
            label="Reason"
            description="Sent to the owner and recorded in the audit log."
            value={reason()}
            onChange={(value) => {
              setReason(value);
              form.edited("reason");
            }}
            error={form.error("reason")}
            disabled={blocked(props.item) !== null}
            required
            rows={3}
          />
        </div>
        <div class="ds-cluster">
          <Button
            type="submit"
            variant={verdict() === "approve" || verdict() === "" ? "primary" : "danger"}
            loading={form.pending()}
            disabled={blocked(props.item) !== null}
          >
            {verdict() ? VERDICT_LABELS[verdict() as ModeratorVerdict] : "Decide"}
          </Button>
        </div>
      </form>
    </div>
  );
}
