import { formatCents } from "~core/billing/lifecycle";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { type AdminInvoiceDetail, createCreditNote } from "../api/payments";
import { createDraftForm } from "../kit/draft-form";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { checkCreditNoteDraft, creditNoteReasonOptions } from "./invoice-drafts";
import { AmountField, ReasonSelect } from "./MoneyFields";

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
  const { draft, set, issues, check } = createDraftForm(
    { amount: "", reason: "", memo: "", note: "" },
    (typed) => checkCreditNoteDraft(typed, props.invoice.creditable),
  );
  const left = () => formatCents(props.invoice.creditable, props.invoice.currency);

  return (
    <StepUpActionDialog
      title={`Credit note for invoice ${props.invoice.number ?? props.invoice.id}`}
      description={`Up to ${left()} can be credited. It goes to the customer's balance, which their next invoices draw on, and shows on this invoice.`}
      formLabel="Issue a credit note"
      submitLabel="Issue credit note"
      failureTitle="Not credited"
      check={check}
      send={async (request, key) => {
        const result = await createCreditNote(adminApi, props.invoice.id, request, key);
        props.onDone(result.amount_cents);
      }}
      onClose={props.onClose}
    >
      <AmountField
        label="Amount to credit"
        currency={props.invoice.currency}
        value={draft().amount}
        onChange={(amount) => set({ amount })}
        error={issues().amount}
      />
      <ReasonSelect
        options={creditNoteReasonOptions()}
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
      <NoteField value={draft().note} onChange={(note) => set({ note })} error={issues().note} />
    </StepUpActionDialog>
  );
}
