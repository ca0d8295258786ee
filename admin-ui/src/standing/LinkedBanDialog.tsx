import { createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Checkbox } from "~kit/design-system/components/Checkbox";
import { Textarea } from "~kit/design-system/components/Textarea";
import { adminApi } from "../api/admin-api";
import { banLinkedAccounts } from "../api/bans";
import type { EscalationRequestView } from "../api/standing";
import { checkLinkedBanDraft, type LinkedBanField } from "../bans/ban-view";
import { BanReasonSelect } from "./BanReasonSelect";
import { StepUpActionDialog } from "./StepUpActionDialog";

export interface LinkedBanSent {
  /** Every account asked to be banned, this one first when it was included. */
  userIds: string[];
  requests: EscalationRequestView[];
}

/**
 * Bans the linked accounts the admin ticked — and this account, when asked — together, each
 * through its own escalation workflow. Checked with the API's schema, sent through the step-up
 * action dialog (an `Idempotency-Key`, maybe a fresh second factor).
 */
export function LinkedBanDialog(props: {
  userId: string;
  /** The ticked linked accounts' ids and emails. */
  selected: { user_id: string; email: string }[];
  /** Whether this account itself may still be banned (not banned or deleted already). */
  mayBanThisAccount: boolean;
  onClose: () => void;
  onSent: (sent: LinkedBanSent) => void;
}) {
  const [withThis, setWithThis] = createSignal(props.mayBanThisAccount);
  const [reason, setReason] = createSignal("");
  const [note, setNote] = createSignal("");
  const [issues, setIssues] = createSignal<Partial<Record<LinkedBanField, string>>>({});
  const count = () => props.selected.length;

  function check() {
    const userIds = [
      ...(withThis() && props.mayBanThisAccount ? [props.userId] : []),
      ...props.selected.map((account) => account.user_id),
    ];
    const checked = checkLinkedBanDraft({ userIds, reason: reason(), note: note() });
    setIssues(checked.ok ? {} : checked.issues);
    return checked.ok ? { userIds, request: checked.request } : null;
  }

  return (
    <StepUpActionDialog
      title={`Ban ${count()} linked ${count() === 1 ? "account" : "accounts"}`}
      description="Each account is banned until someone lifts it: sessions end, sign-in is refused and subscriptions end at their period's end."
      formLabel="Ban linked accounts"
      submitLabel="Ban together"
      submitVariant="danger"
      failureTitle="Not done"
      check={check}
      send={async ({ userIds, request }, key) => {
        const requests = await banLinkedAccounts(adminApi, props.userId, request, key);
        props.onSent({ userIds, requests });
      }}
      onClose={props.onClose}
    >
      <ul class="moderation-results">
        {props.selected.map((account) => (
          <li class="moderation-id">{account.email}</li>
        ))}
      </ul>
      <Show when={issues().user_ids}>
        {(message) => (
          <Alert tone="error" title="Nothing to ban">
            {message()}
          </Alert>
        )}
      </Show>
      <Show when={props.mayBanThisAccount}>
        <Checkbox label="Ban this account too" checked={withThis()} onChange={setWithThis} />
      </Show>
      <BanReasonSelect value={reason()} onChange={setReason} error={issues().reason} />
      <Textarea
        label="Note"
        description="Optional; for staff, recorded with each ban. Left empty, each says which account it was linked to."
        value={note()}
        onChange={setNote}
        error={issues().note}
        rows={3}
      />
    </StepUpActionDialog>
  );
}
