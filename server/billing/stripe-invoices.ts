import Stripe from "stripe";
import { conflict } from "../errors";
import type {
  CreditNoteInput,
  CreditNoteOutcome,
  ManualInvoiceInput,
  ManualInvoiceOutcome,
  PaymentResult,
} from "./provider";

/**
 * The Stripe provider's invoice actions (README "Admin: payments"): a manual invoice, a credit
 * note, a void. Stripe's refusal of what it will not do (void a paid invoice, credit more than is
 * left) is a 409 with Stripe's words; the webhook events bring the results back to the mirror.
 */

/** Stripe said no to the request itself (not "no such object"): its words, as a 409. */
function refusal(error: unknown): never {
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code !== "resource_missing")
    throw conflict(error.message);
  throw error;
}

/**
 * A draft invoice that takes no pending items, one invoice item per line, finalized; then paid
 * off-session (`pay`, the provider's own `payInvoice`) or sent. Each call has its own key derived
 * from the request's, so a retry repeats none of them.
 */
export async function createStripeInvoice(
  stripe: Stripe,
  input: ManualInvoiceInput,
  key: string,
  pay: (invoiceId: string, key: string) => Promise<PaymentResult>,
): Promise<ManualInvoiceOutcome> {
  const send = input.collection === "send";
  const invoice = await stripe.invoices.create(
    {
      customer: input.customerId,
      collection_method: send ? "send_invoice" : "charge_automatically",
      ...(send ? { days_until_due: input.daysUntilDue } : {}),
      auto_advance: false,
      pending_invoice_items_behavior: "exclude",
      metadata: input.metadata,
    },
    { idempotencyKey: `${key}:invoice` },
  );
  for (const [index, line] of input.lines.entries()) {
    await stripe.invoiceItems.create(
      {
        customer: input.customerId,
        invoice: invoice.id,
        amount: line.amountCents,
        currency: "usd",
        description: line.description,
      },
      { idempotencyKey: `${key}:line:${index}` },
    );
  }
  await stripe.invoices.finalizeInvoice(
    invoice.id,
    { auto_advance: false },
    { idempotencyKey: `${key}:finalize` },
  );
  if (send) {
    await stripe.invoices.sendInvoice(invoice.id, {}, { idempotencyKey: `${key}:send` });
    return { invoiceId: invoice.id, paid: null, message: null };
  }
  return { invoiceId: invoice.id, ...(await pay(invoice.id, `${key}:pay`)) };
}

/** Credited to the customer's balance (`credit_amount`), which later invoices draw on. */
export async function createStripeCreditNote(
  stripe: Stripe,
  input: CreditNoteInput,
  key: string,
): Promise<CreditNoteOutcome> {
  try {
    const note = await stripe.creditNotes.create(
      {
        invoice: input.invoiceId,
        amount: input.amountCents,
        credit_amount: input.amountCents,
        reason: input.reason,
        ...(input.memo ? { memo: input.memo } : {}),
        metadata: input.metadata,
      },
      { idempotencyKey: key },
    );
    return { creditNoteId: note.id, amountCents: note.amount };
  } catch (error) {
    return refusal(error);
  }
}

export async function voidStripeInvoice(stripe: Stripe, invoiceId: string, key: string) {
  try {
    await stripe.invoices.voidInvoice(invoiceId, {}, { idempotencyKey: key });
  } catch (error) {
    refusal(error);
  }
}
