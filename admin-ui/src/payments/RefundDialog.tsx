import { createSignal, Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { adminApi } from "../api/admin-api";
import { type AdminInvoice, refundInvoice } from "../api/payments";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import {
  checkRefundDraft,
  type RefundDraft,
  type RefundField,
  refundReasonOptions,
} from "./refund-draft";

/**
 * Refunds an invoice in full or in part, with a reason (Stripe's) and a note for staff: sent
 * through the step-up action dialog (an `Idempotency-Key`, a fresh second factor when asked).
 * The invoice's refunded total follows once the provider's event is applied.
 */
export function RefundDialog(props: {
  invoice: AdminInvoice;
  onClose: () => void;
  onDone: (amountCents: number) => void;
}) {
  const [draft, setDraft] = createSignal<RefundDraft>({
    kind: "full",
    amount: "",
    reason: "",
    note: "",
  });
  const [issues, setIssues] = createSignal<Partial<Record<RefundField, string>>>({});
  const set = (patch: Partial<RefundDraft>) => setDraft({ ...draft(), ...patch });
  const left = () => formatCents(props.invoice.refundable, props.invoice.currency);

  return (
    <StepUpActionDialog
      title={`Refund invoice ${props.invoice.number ?? props.invoice.id}`}
      description={`Up to ${left()} can be refunded. The money goes back to the card that paid.`}
      formLabel="Refund the invoice"
      submitLabel="Refund"
      submitVariant="danger"
      failureTitle="Not refunded"
      check={() => {
        const checked = checkRefundDraft(draft(), props.invoice.refundable);
        setIssues(checked.ok ? {} : checked.issues);
        return checked.ok ? checked.request : null;
      }}
      send={async (request, key) => {
        const result = await refundInvoice(adminApi, props.invoice.id, request, key);
        props.onDone(result.amount_cents);
      }}
      onClose={props.onClose}
    >
      <Select
        label="Amount"
        options={[
          { value: "full", label: `Everything left (${left()})` },
          { value: "partial", label: "Part of it" },
        ]}
        value={draft().kind}
        onChange={(kind) => set({ kind: kind === "partial" ? "partial" : "full" })}
      />
      <Show when={draft().kind === "partial"}>
        <TextField
          label={`Amount to refund (${props.invoice.currency.toUpperCase()})`}
          inputMode="decimal"
          placeholder="14.99"
          value={draft().amount}
          onChange={(amount) => set({ amount })}
          error={issues().amount}
          required
        />
      </Show>
      <Select
        label="Reason"
        options={[{ value: "", label: "Choose a reason" }, ...refundReasonOptions()]}
        value={draft().reason}
        onChange={(reason) => set({ reason })}
        error={issues().reason}
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
