import { createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { type AppealDetail, type AppealView, decideAppeal } from "../api/appeals";
import { adminIdentity, can } from "../auth/admin-session";
import { staffUser } from "../auth/staff-session";
import { appealDecisionBlocked, appealRefusal, checkAppealDecision } from "./appeal-view";

type Decision = "accept" | "reject";

const EFFECTS: Record<Decision, string> = {
  accept:
    "Accepting removes the contested strike or sanction, lifts whatever it caused and tells the account's escalation workflow.",
  reject: "Rejecting keeps the decision; the owner is told why and cannot appeal it again.",
};

/**
 * Who is signed in, as decisions name their actor (server/auth/principal.ts): `user:{id}` for
 * a staff member, `operator` for the operator token.
 */
const viewerActorId = (): string | null => {
  const user = staffUser();
  if (user) return `user:${user.id}`;
  return adminIdentity()?.kind === "operator" ? "operator" : null;
};

/**
 * Accept or reject an appeal, with the note the owner and the audit log get. Sending the same
 * decision again is safe (the API answers the appeal as decided); the API may ask for a fresh
 * second factor first (the layout's step-up dialog). A moderator who took the contested
 * decision is told at once that another must decide (and the server refuses it again, 409
 * `same_moderator`); someone deciding first (409 `appeal_decided`) is said in words, and the
 * appeal is read again either way.
 */
export function AppealDecisionForm(props: {
  appeal: AppealDetail;
  onDecided: (appeal: AppealView | null) => void;
}) {
  const [note, setNote] = createSignal("");
  const [noteError, setNoteError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal<Decision | null>(null);
  const blocked = () =>
    appealDecisionBlocked(props.appeal, {
      canModerate: can("content.moderate"),
      actorId: viewerActorId(),
    });

  async function decide(decision: Decision) {
    if (sending()) return;
    setFailure(null);
    const check = checkAppealDecision(decision, note());
    if (!check.ok) {
      setNoteError(check.note);
      return;
    }
    setNoteError(undefined);
    setSending(decision);
    try {
      props.onDecided(await decideAppeal(adminApi, props.appeal.id, check.request));
    } catch (cause) {
      const refusal = appealRefusal(cause);
      setFailure(refusal ?? describeError(cause));
      // someone else decided it: show where it stands now
      if ((cause as { code?: unknown }).code === "appeal_decided") props.onDecided(null);
    } finally {
      setSending(null);
    }
  }

  return (
    <Show
      when={!blocked()}
      fallback={
        <Alert
          tone={props.appeal.status === "pending" ? "warning" : "info"}
          title={props.appeal.status === "pending" ? "Not yours to decide" : "Already decided"}
        >
          {blocked()}
        </Alert>
      }
    >
      <form
        class="ds-stack"
        aria-label="Decide the appeal"
        novalidate
        onSubmit={(event) => event.preventDefault()}
      >
        <Textarea
          label="Note to the owner"
          description="Required. Sent to the owner with the decision and recorded in the audit log."
          value={note()}
          onChange={(value) => {
            setNote(value);
            setNoteError(undefined);
          }}
          error={noteError()}
          required
          rows={4}
        />
        <ul class="moderation-results ds-muted">
          <li>{EFFECTS.accept}</li>
          <li>{EFFECTS.reject}</li>
        </ul>
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="The appeal was not decided">
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button
            variant="primary"
            loading={sending() === "accept"}
            disabled={sending() === "reject"}
            onClick={() => void decide("accept")}
          >
            Accept appeal
          </Button>
          <Button
            variant="danger"
            loading={sending() === "reject"}
            disabled={sending() === "accept"}
            onClick={() => void decide("reject")}
          >
            Reject appeal
          </Button>
        </div>
      </form>
    </Show>
  );
}
