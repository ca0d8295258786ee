import { createSignal, Show } from "solid-js";
import { BAN_REASONS } from "~core/moderation/sanctions";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Checkbox } from "~kit/design-system/components/Checkbox";
import { Modal } from "~kit/design-system/components/Modal";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { banLinkedAccounts } from "../api/bans";
import type { EscalationRequestView } from "../api/standing";
import { checkLinkedBanDraft, type LinkedBanField } from "../bans/ban-view";
import { BAN_REASON_NAMES } from "./labels";
import { answerMayBeLost, newIdempotencyKey } from "./standing-view";

const REASON_OPTIONS = BAN_REASONS.map((value) => ({ value, label: BAN_REASON_NAMES[value] }));

export interface LinkedBanSent {
  /** Every account asked to be banned, this one first when it was included. */
  userIds: string[];
  requests: EscalationRequestView[];
}

/**
 * Bans the linked accounts the admin ticked — and this account, when asked — together, each
 * through its own escalation workflow. Checked with the API's schema, sent with an
 * `Idempotency-Key` kept while the answer may have been lost; the API may ask for a fresh
 * second factor first (the layout's step-up dialog).
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
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();
  const count = () => props.selected.length;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    const userIds = [
      ...(withThis() && props.mayBanThisAccount ? [props.userId] : []),
      ...props.selected.map((account) => account.user_id),
    ];
    const check = checkLinkedBanDraft({ userIds, reason: reason(), note: note() });
    if (!check.ok) {
      setIssues(check.issues);
      return;
    }
    setIssues({});
    setSending(true);
    try {
      const requests = await banLinkedAccounts(adminApi, props.userId, check.request, key);
      props.onSent({ userIds, requests });
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && !sending() && props.onClose()}
      title={`Ban ${count()} linked ${count() === 1 ? "account" : "accounts"}`}
      description="Each account is banned until someone lifts it: sessions end, sign-in is refused and subscriptions end at their period's end."
    >
      <form class="ds-stack" onSubmit={submit} aria-label="Ban linked accounts" novalidate>
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
        <Select
          label="Reason"
          options={REASON_OPTIONS}
          value={reason()}
          onChange={setReason}
          error={issues().reason}
          required
        />
        <Textarea
          label="Note"
          description="Optional; for staff, recorded with each ban. Left empty, each says which account it was linked to."
          value={note()}
          onChange={setNote}
          error={issues().note}
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
          <Button type="submit" variant="danger" loading={sending()}>
            Ban together
          </Button>
          <Button variant="ghost" disabled={sending()} onClick={props.onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
