import { createSignal } from "solid-js";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { type BulkSuspendResult, suspendUsers } from "../api/users-bulk";
import { BanReasonSelect } from "../standing/BanReasonSelect";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { checkSuspendDraft, type SuspendField } from "./bulk-view";

/**
 * Suspends the ticked accounts for 1–30 days: checked with the API's own schema, sent through
 * the step-up action dialog (an `Idempotency-Key`, maybe a fresh second factor), as one
 * account's Suspend is. Each account goes to its own ban workflow; the answer says which were
 * skipped and why.
 */
export function BulkSuspendDialog(props: {
  ids: readonly string[];
  onClose: () => void;
  onDone: (result: BulkSuspendResult) => void;
}) {
  const [days, setDays] = createSignal("7");
  const [reason, setReason] = createSignal("");
  const [note, setNote] = createSignal("");
  const [issues, setIssues] = createSignal<Partial<Record<SuspendField, string>>>({});
  const accounts = () => `${props.ids.length} ${props.ids.length === 1 ? "account" : "accounts"}`;

  return (
    <StepUpActionDialog
      title={`Suspend ${accounts()}`}
      description="Each owner cannot sign in until the suspension ends, every session ends at once and the public pages go offline. Your own account, staff accounts and banned accounts are skipped."
      formLabel="Suspend the selected accounts"
      submitLabel={`Suspend ${accounts()}`}
      submitVariant="danger"
      failureTitle="Not suspended"
      check={() => {
        const checked = checkSuspendDraft(props.ids, {
          days: days(),
          reason: reason(),
          note: note(),
        });
        setIssues(checked.ok ? {} : checked.issues);
        return checked.ok ? checked.request : null;
      }}
      send={async (request, key) => {
        props.onDone(await suspendUsers(adminApi, request, key));
      }}
      onClose={props.onClose}
    >
      <TextField
        label="Days (1–30)"
        type="number"
        inputMode="numeric"
        value={days()}
        onChange={setDays}
        error={issues().days}
        required
      />
      <BanReasonSelect value={reason()} onChange={setReason} error={issues().reason} />
      <Textarea
        label="Note"
        description="Optional; for staff, recorded with each suspension."
        value={note()}
        onChange={setNote}
        error={issues().note}
        rows={3}
      />
    </StepUpActionDialog>
  );
}
