import { createSignal } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { type AdminInvoiceDetail, createCreditNote } from "../api/payments";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import {
  type CreditNoteDraft,
  type CreditNoteField,
  checkCreditNoteDraft,
  creditNoteReasonOptions,
} from "./invoice-drafts";

/**
 * Issues a credit note against a paid invoice (README "Admin: payments"): an amount up to what
 * is neither refunded nor credited, a reason, a memo the customer reads and a note for staff.
 * The invoice's credited total follows once the provider's event is applied.
 */
export function CreditNoteDialog(props: {
  invoice: AdminInvoiceDetail;
  onClose: () => void;
  onDone: (amountCents: number) => void;
}) {
  const [draft, setDraft] = createSignal<CreditNoteDraft>({
    amount: "",
    reason: "",
    memo: "",
    note: "",
  });
  const [issues, setIssues] = createSignal<Partial<Record<CreditNoteField, string>>>({});
  const set = (patch: Partial<CreditNoteDraft>) => setDraft({ ...draft(), ...patch });
  const left = () => formatCents(props.invoice.creditable, props.invoice.currency);

  return (
    <StepUpActionDialog
      title={`Credit note for invoice ${props.invoice.number ?? props.invoice.id}`}
      description={`Up to ${left()} can be credited. It goes to the customer's balance, which their next invoices draw on, and shows on this invoice.`}
      formLabel="Issue a credit note"
      submitLabel="Issue credit note"
      failureTitle="Not credited"
      check={() => {
        const checked = checkCreditNoteDraft(draft(), props.invoice.creditable);
        setIssues(checked.ok ? {} : checked.issues);
        return checked.ok ? checked.request : null;
      }}
      send={async (request, key) => {
        const result = await createCreditNote(adminApi, props.invoice.id, request, key);
        props.onDone(result.amount_cents);
      }}
      onClose={props.onClose}
    >
      <TextField
        label={`Amount to credit (${props.invoice.currency.toUpperCase()})`}
        inputMode="decimal"
        placeholder="14.99"
        value={draft().amount}
        onChange={(amount) => set({ amount })}
        error={issues().amount}
        required
      />
      <Select
        label="Reason"
        options={[{ value: "", label: "Choose a reason" }, ...creditNoteReasonOptions()]}
        value={draft().reason}
        onChange={(reason) => set({ reason })}
        error={issues().reason}
      />
      <TextField
        label="Memo"
        description="Optional; printed on the credit note, the customer reads it."
        value={draft().memo}
        onChange={(memo) => set({ memo })}
        error={issues().memo}
      />
      <Textarea
        label="Note"
        description="Optional; for staff, kept in the audit log."
        value={draft().note}
        onChange={(note) => set({ note })}
        error={issues().note}
        rows={3}
      />
    </StepUpActionDialog>
  );
}
