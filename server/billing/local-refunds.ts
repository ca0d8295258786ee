import type { Env } from "../env";
import { type LocalCharge, type LocalInvoice, newRefund } from "./local-objects";
import {
  clockNow,
  emitEvent,
  type LocalObject,
  listObjects,
  readObject,
  writeObject,
} from "./local-store";
import { type RefundInput, type RefundOutcome, refundExceedsPaid } from "./provider";

/**
 * The local provider's refunds (README "Admin: payments"): money back from a charge, refused
 * past what it took and has not yet given back, as Stripe refuses it, and reported the way
 * Stripe reports it — `charge.refunded` carrying the charge with its running refunded total.
 */
export async function refundLocally(
  env: Env,
  input: RefundInput,
  key: string,
): Promise<RefundOutcome> {
  const charge =
    "chargeId" in input
      ? await readObject<LocalCharge>(env, input.chargeId)
      : await paidChargeOf(env, input.invoiceId);
  if (!charge?.paid) throw refundExceedsPaid(0);
  const refundable = charge.amount - charge.amount_refunded;
  const amount = input.amountCents ?? refundable;
  if (amount <= 0 || amount > refundable) throw refundExceedsPaid(refundable);
  const now = await clockNow(env, charge.customer);
  const refund = newRefund({ charge, amount, reason: input.reason, now, metadata: input.metadata });
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  await writeObject(env, refund, charge.customer);
  await writeObject(env, charge, charge.customer);
  await emitEvent(env, "charge.refunded", charge, charge.customer, key);
  return { refundId: refund.id, amountCents: amount };
}

/** The charge of an invoice's paid payment: its `invoice_payment` names the PaymentIntent. */
export async function paidChargeOf(env: Env, invoiceId: string): Promise<LocalCharge | null> {
  const invoice = await readObject<LocalInvoice>(env, invoiceId);
  if (!invoice) return null;
  const payments = await listObjects<LocalObject>(env, invoice.customer, "invoice_payment");
  const paid = payments.find(
    (payment) => payment.invoice === invoiceId && payment.status === "paid",
  );
  const intentId = (paid?.payment as { payment_intent?: string } | undefined)?.payment_intent;
  const intent = intentId
    ? await readObject<LocalObject & { latest_charge: string }>(env, intentId)
    : null;
  return intent ? readObject<LocalCharge>(env, intent.latest_charge) : null;
}
