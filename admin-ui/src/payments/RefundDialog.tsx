import { Show } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import { Select } from "~kit/design-system/components/Select";
import { adminApi } from "../api/admin-api";
import { type AdminInvoice, refundInvoice } from "../api/payments";
import { createDraftForm } from "../kit/draft-form";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { AmountField, ReasonSelect } from "./MoneyFields";
import { checkRefundDraft, type RefundDraft, refundReasonOptions } from "./refund-draft";

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
  const empty: RefundDraft = { kind: "full", amount: "", reason: "", note: "" };
  const { draft, set, issues, check } = createDraftForm(empty, (typed) =>
    checkRefundDraft(typed, props.invoice.refundable),
  );
  const left = () => formatCents(props.invoice.refundable, props.invoice.currency);

  return (
    <StepUpActionDialog
      title={`Refund invoice ${props.invoice.number ?? props.invoice.id}`}
      description={`Up to ${left()} can be refunded${
        props.invoice.amount_credited > 0
          ? ` (${formatCents(props.invoice.amount_credited, props.invoice.currency)} was already credited to the customer's balance)`
          : ""
      }. The money goes back to the card that paid.`}
      formLabel="Refund the invoice"
      submitLabel="Refund"
      submitVariant="danger"
      failureTitle="Not refunded"
      check={check}
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
        <AmountField
          label="Amount to refund"
          currency={props.invoice.currency}
          value={draft().amount}
          onChange={(amount) => set({ amount })}
          error={issues().amount}
        />
      </Show>
      <ReasonSelect
        options={refundReasonOptions()}
        value={draft().reason}
        onChange={(reason) => set({ reason })}
        error={issues().reason}
      />
      <NoteField value={draft().note} onChange={(note) => set({ note })} error={issues().note} />
    </StepUpActionDialog>
  );
}
