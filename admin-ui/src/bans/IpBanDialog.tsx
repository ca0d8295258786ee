import { createSignal } from "solid-js";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { banAddress, type IpBanView } from "../api/bans";
import { BanReasonSelect } from "../standing/BanReasonSelect";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { checkIpBanDraft, type IpBanField, isRangeRefusal } from "./ban-view";

/**
 * Bans an address or a range: checked with the API's schema before sending, sent through the
 * step-up action dialog (an `Idempotency-Key`, maybe a fresh second factor). A range the server
 * refuses (not an address, too wide, holding your own address) is said on the field.
 */
export function IpBanDialog(props: { onClose: () => void; onBanned: (ban: IpBanView) => void }) {
  const [range, setRange] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [days, setDays] = createSignal("");
  const [note, setNote] = createSignal("");
  const [issues, setIssues] = createSignal<Partial<Record<IpBanField, string>>>({});

  function check() {
    const checked = checkIpBanDraft({
      range: range(),
      reason: reason(),
      days: days(),
      note: note(),
    });
    setIssues(checked.ok ? {} : checked.issues);
    return checked.ok ? checked.request : null;
  }

  function placeRefusal(cause: unknown) {
    if (!isRangeRefusal(cause)) return false;
    setIssues({ range: describeError(cause) });
    return true;
  }

  return (
    <StepUpActionDialog
      title="Ban an address"
      description="Registration and sign-in from the address or range are refused. Accounts already signed in from it are not affected."
      formLabel="Ban an address"
      submitLabel="Ban the address"
      submitVariant="danger"
      failureTitle="Not banned"
      check={check}
      send={async (request, key) => props.onBanned(await banAddress(adminApi, request, key))}
      placeRefusal={placeRefusal}
      onClose={props.onClose}
    >
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
      <BanReasonSelect value={reason()} onChange={setReason} error={issues().reason} />
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
    </StepUpActionDialog>
  );
}
