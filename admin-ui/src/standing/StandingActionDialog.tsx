import { createSignal, Match, Show, Switch } from "solid-js";
import { manualStrikeRequestSchema } from "~core/contract/strikes";
import { MODERATION_CATEGORIES, type ModerationCategory } from "~core/moderation/model";
import { BAN_REASONS } from "~core/moderation/sanctions";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { actOnAccount, addUserStrike } from "../api/standing";
import { CATEGORY_LABELS } from "../moderation/labels";
import { BAN_REASON_NAMES } from "./labels";
import {
  answerMayBeLost,
  checkSanctionDraft,
  newIdempotencyKey,
  type SanctionField,
  strikeRequestId,
} from "./standing-view";

export type StandingAction = "strike" | "suspend" | "ban" | "lift";

const TITLES: Record<StandingAction, { title: string; submit: string; description: string }> = {
  strike: {
    title: "Add a strike",
    submit: "Add strike",
    description:
      "A strike counts toward the thresholds: enough active strikes suspend or ban the account.",
  },
  suspend: {
    title: "Suspend the account",
    submit: "Suspend",
    description:
      "The owner cannot sign in until it ends, every session ends at once and the public pages go offline.",
  },
  ban: {
    title: "Ban the account",
    submit: "Ban",
    description: "A ban lasts until someone lifts it; the subscription ends at its period's end.",
  },
  lift: {
    title: "Lift every active suspension and ban",
    submit: "Lift",
    description: "The account's status before the sanctions comes back; sessions stay ended.",
  },
};

const SENT_LABELS = { suspend: "the suspension", ban: "the ban", lift: "the lift" } as const;

const CATEGORY_OPTIONS = MODERATION_CATEGORIES.map((value) => ({
  value,
  label: CATEGORY_LABELS[value],
}));
const REASON_OPTIONS = BAN_REASONS.map((value) => ({ value, label: BAN_REASON_NAMES[value] }));

type Field = SanctionField | "category";

/** What was sent: the escalation request to wait for, and words for the wait. */
export interface SentAction {
  requestId: string;
  label: string;
}

/**
 * Adds a strike, or suspends, bans or lifts: checked with the API's own schemas before sending,
 * sent with an `Idempotency-Key` kept while the answer may have been lost. The API may ask for
 * a fresh second factor first; the layout's step-up dialog handles that and the request is sent
 * again. A refusal stays in the dialog.
 */
export function StandingActionDialog(props: {
  userId: string;
  action: StandingAction;
  onClose: () => void;
  onSent: (sent: SentAction) => void;
}) {
  const [category, setCategory] = createSignal<ModerationCategory | "">("");
  const [days, setDays] = createSignal("7");
  const [reason, setReason] = createSignal("");
  const [note, setNote] = createSignal("");
  const [issues, setIssues] = createSignal<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();
  const words = () => TITLES[props.action];

  async function send(): Promise<SentAction | null> {
    if (props.action === "strike") {
      const parsed = manualStrikeRequestSchema.safeParse({ category: category(), reason: note() });
      if (!parsed.success) {
        const found: Partial<Record<Field, string>> = {};
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === "category") found.category ??= "Choose a category.";
          if (issue.path[0] === "reason") found.note ??= issue.message;
        }
        setIssues(found);
        return null;
      }
      const strike = await addUserStrike(adminApi, props.userId, parsed.data, key);
      return { requestId: strikeRequestId(strike.id), label: "the new strike" };
    }
    const check = checkSanctionDraft({
      action: props.action,
      days: days(),
      reason: reason(),
      note: note(),
    });
    if (!check.ok) {
      setIssues(check.issues);
      return null;
    }
    const request = await actOnAccount(adminApi, props.userId, check.action, key);
    return { requestId: request.id, label: SENT_LABELS[check.action.action] };
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setIssues({});
    setFailure(null);
    setSending(true);
    try {
      const sent = await send();
      if (sent) props.onSent(sent);
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  const noteLabel = () =>
    props.action === "strike" ? "Reason" : props.action === "lift" ? "Why it is lifted" : "Note";

  return (
    <Modal
      open
      onOpenChange={(open) => !open && !sending() && props.onClose()}
      title={words().title}
      description={words().description}
    >
      <form class="ds-stack" onSubmit={submit} aria-label={words().title} novalidate>
        <Switch>
          <Match when={props.action === "strike"}>
            <Select
              label="Category"
              options={CATEGORY_OPTIONS}
              value={category()}
              onChange={(value) => setCategory(value as ModerationCategory)}
              error={issues().category}
              required
            />
          </Match>
          <Match when={props.action === "suspend" || props.action === "ban"}>
            <Show when={props.action === "suspend"}>
              <TextField
                label="Days (1–30)"
                type="number"
                inputMode="numeric"
                value={days()}
                onChange={setDays}
                error={issues().days}
                required
              />
            </Show>
            <Select
              label="Reason"
              options={REASON_OPTIONS}
              value={reason()}
              onChange={setReason}
              error={issues().reason}
              required
            />
          </Match>
        </Switch>
        <Textarea
          label={noteLabel()}
          description={
            props.action === "strike" || props.action === "lift"
              ? "Recorded in the account's history and the audit log."
              : "Optional; for staff, recorded with the sanction."
          }
          value={note()}
          onChange={setNote}
          error={issues().note}
          required={props.action === "strike" || props.action === "lift"}
          rows={3}
        />
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="Not done">
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button
            type="submit"
            variant={props.action === "lift" || props.action === "strike" ? "primary" : "danger"}
            loading={sending()}
          >
            {words().submit}
          </Button>
          <Button variant="ghost" disabled={sending()} onClick={props.onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
