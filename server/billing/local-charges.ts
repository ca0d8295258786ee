import type { Env } from "../env";
import {
  behaviourOf,
  type LocalInvoice,
  type LocalPaymentMethod,
  type LocalSubscription,
  newInvoice,
  paymentObjects,
} from "./local-objects";
import { clockNow, emitEvent, listObjects, readObject, writeObject } from "./local-store";
import type { PaymentResult } from "./provider";

/**
 * The local provider's charges (README "Billing"), kept out of local-provider.ts: an invoice
 * charged to a test card and reported as Stripe reports it — `invoice.payment_succeeded` or
 * `invoice.payment_failed`, with the PaymentIntent, charge and `invoice_payment` behind it.
 */

export const DECLINED = "Your card was declined.";

/** The customer's next invoice number (its invoices so far, plus one). */
export async function nextInvoiceNumber(env: Env, customerId: string) {
  return (await listObjects(env, customerId, "invoice")).length + 1;
}

export async function invoiceAndChargeLocally(
  env: Env,
  input: {
    sub: LocalSubscription;
    reason: "subscription_create" | "subscription_cycle";
    lines: { description: string; amount: number; proration: boolean }[];
    pm: LocalPaymentMethod | null;
  },
  key: string | null,
): Promise<PaymentResult> {
  const { sub } = input;
  const now = await clockNow(env, sub.customer);
  const invoice = newInvoice({
    sub,
    now,
    reason: input.reason,
    lines: input.lines,
    sequence: await nextInvoiceNumber(env, sub.customer),
  });
  return settleLocally(env, invoice, input.pm, key);
}

/** Charges an invoice and tells the webhook how it went (nothing to charge: paid). */
export async function settleLocally(
  env: Env,
  invoice: LocalInvoice,
  pm: LocalPaymentMethod | null,
  key: string | null,
): Promise<PaymentResult> {
  const now = await clockNow(env, invoice.customer);
  const due = invoice.amount_due - invoice.amount_paid;
  const succeeds = due <= 0 || (pm !== null && behaviourOf(pm) === "succeeds");
  invoice.attempt_count += due > 0 ? 1 : 0;
  if (due > 0 && pm) {
    for (const object of paymentObjects({ invoice, pm, amount: due, succeeds, now }))
      await writeObject(env, object, invoice.customer);
  }
  if (!succeeds) {
    await writeObject(env, invoice, invoice.customer);
    await emitEvent(env, "invoice.payment_failed", invoice, invoice.customer, key);
    return { paid: false, message: pm ? DECLINED : "No payment method on file." };
  }
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.status_transitions = { paid_at: now };
  await writeObject(env, invoice, invoice.customer);
  await emitEvent(env, "invoice.payment_succeeded", invoice, invoice.customer, key);
  // A paid invoice brings a past-due subscription back to active, as Stripe does.
  const subId = invoice.parent?.subscription_details.subscription;
  const sub = subId ? await readObject<LocalSubscription>(env, subId) : null;
  if (sub && (sub.status === "past_due" || sub.status === "unpaid")) {
    sub.status = "active";
    await writeObject(env, sub, sub.customer);
    await emitEvent(env, "customer.subscription.updated", sub, sub.customer, key);
  }
  return { paid: true, message: null };
}
