import { createSignal, Match, Show, Switch } from "solid-js";
import type { SanctionAction } from "~core/contract/sanctions";
import { type ManualStrikeRequest, manualStrikeRequestSchema } from "~core/contract/strikes";
import { MODERATION_CATEGORIES, type ModerationCategory } from "~core/moderation/model";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { actOnAccount, addUserStrike } from "../api/standing";
import { CATEGORY_LABELS } from "../moderation/labels";
import { BanReasonSelect } from "./BanReasonSelect";
import { StepUpActionDialog } from "./StepUpActionDialog";
import { checkSanctionDraft, type SanctionField, strikeRequestId } from "./standing-view";

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

type Field = SanctionField | "category";

/** What was sent: the escalation request to wait for, and words for the wait. */
export interface SentAction {
  requestId: string;
  label: string;
}

/** A checked action: a strike, or a suspension, ban or lift. */
type Draft = { strike: ManualStrikeRequest } | { sanction: SanctionAction };

/**
 * Adds a strike, or suspends, bans or lifts: checked with the API's own schemas before sending,
 * sent through the step-up action dialog (an `Idempotency-Key`, maybe a fresh second factor).
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
  const words = () => TITLES[props.action];

  function check(): Draft | null {
    if (props.action === "strike") {
      const parsed = manualStrikeRequestSchema.safeParse({ category: category(), reason: note() });
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error?.issues ?? []) {
        if (issue.path[0] === "category") found.category ??= "Choose a category.";
        if (issue.path[0] === "reason") found.note ??= issue.message;
      }
      setIssues(found);
      return parsed.success ? { strike: parsed.data } : null;
    }
    const checked = checkSanctionDraft({
      action: props.action,
      days: days(),
      reason: reason(),
      note: note(),
    });
    setIssues(checked.ok ? {} : checked.issues);
    return checked.ok ? { sanction: checked.action } : null;
  }

  async function send(draft: Draft, key: string) {
    if ("strike" in draft) {
      const strike = await addUserStrike(adminApi, props.userId, draft.strike, key);
      props.onSent({ requestId: strikeRequestId(strike.id), label: "the new strike" });
      return;
    }
    const request = await actOnAccount(adminApi, props.userId, draft.sanction, key);
    props.onSent({ requestId: request.id, label: SENT_LABELS[draft.sanction.action] });
  }

  const noteLabel = () =>
    props.action === "strike" ? "Reason" : props.action === "lift" ? "Why it is lifted" : "Note";

  return (
    <StepUpActionDialog
      title={words().title}
      description={words().description}
      formLabel={words().title}
      submitLabel={words().submit}
      submitVariant={props.action === "lift" || props.action === "strike" ? "primary" : "danger"}
      failureTitle="Not done"
      check={check}
      send={send}
      onClose={props.onClose}
    >
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
          <BanReasonSelect value={reason()} onChange={setReason} error={issues().reason} />
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
    </StepUpActionDialog>
  );
}
