import { createSignal, Show } from "solid-js";
import { BAN_REASONS } from "~core/moderation/sanctions";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { banAddress, type IpBanView } from "../api/bans";
import { BAN_REASON_NAMES } from "../standing/labels";
import { answerMayBeLost, newIdempotencyKey } from "../standing/standing-view";
import { checkIpBanDraft, type IpBanField, isRangeRefusal } from "./ban-view";

const REASON_OPTIONS = BAN_REASONS.map((value) => ({ value, label: BAN_REASON_NAMES[value] }));

/**
 * Bans an address or a range: checked with the API's schema before sending, sent with an
 * `Idempotency-Key` kept while the answer may have been lost. The API may ask for a fresh
 * second factor first (the layout's step-up dialog). A range the server refuses (not an
 * address, too wide, holding your own address) is said on the field.
 */
export function IpBanDialog(props: { onClose: () => void; onBanned: (ban: IpBanView) => void }) {
  const [range, setRange] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [days, setDays] = createSignal("");
  const [note, setNote] = createSignal("");
  const [issues, setIssues] = createSignal<Partial<Record<IpBanField, string>>>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sending, setSending] = createSignal(false);
  let key = newIdempotencyKey();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (sending()) return;
    setFailure(null);
    const check = checkIpBanDraft({ range: range(), reason: reason(), days: days(), note: note() });
    if (!check.ok) {
      setIssues(check.issues);
      return;
    }
    setIssues({});
    setSending(true);
    try {
      props.onBanned(await banAddress(adminApi, check.request, key));
    } catch (cause) {
      if (!answerMayBeLost(cause)) key = newIdempotencyKey();
      if (isRangeRefusal(cause)) setIssues({ range: describeError(cause) });
      else setFailure(describeError(cause));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && !sending() && props.onClose()}
      title="Ban an address"
      description="Registration and sign-in from the address or range are refused. Accounts already signed in from it are not affected."
    >
      <form class="ds-stack" onSubmit={submit} aria-label="Ban an address" novalidate>
        <TextField
          label="Address or range"
          description="An IPv4 or IPv6 address, or a CIDR range up to /16 (IPv4) or /32 (IPv6)."
          placeholder="203.0.113.0/24"
          value={range()}
          onChange={setRange}
          error={issues().range}
          maxLength={50}
          required
        />
        <Select
          label="Reason"
          options={REASON_OPTIONS}
          value={reason()}
          onChange={setReason}
          error={issues().reason}
          required
        />
        <TextField
          label="Days (1–365)"
          description="Leave empty to ban until someone lifts it."
          type="number"
          inputMode="numeric"
          value={days()}
          onChange={setDays}
          error={issues().days}
        />
        <Textarea
          label="Note"
          description="Optional; for staff, recorded with the ban and in the audit log."
          value={note()}
          onChange={setNote}
          error={issues().note}
          rows={3}
        />
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="Not banned">
              {message()}
            </Alert>
          )}
        </Show>
        <div class="ds-cluster">
          <Button type="submit" variant="danger" loading={sending()}>
            Ban the address
          </Button>
          <Button variant="ghost" disabled={sending()} onClick={props.onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
