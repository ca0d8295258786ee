import type { Env } from "../env";
import {
  behaviourOf,
  chargesSucceed,
  type LocalInvoice,
  type LocalPaymentMethod,
  type LocalSubscription,
  newInvoice,
  paymentObjects,
} from "./local-objects";
import {
  clockNow,
  emitEvent,
  type LocalObject,
  listObjects,
  localId,
  readObject,
  writeObject,
} from "./local-store";
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
  const succeeds = due <= 0 || (pm !== null && chargesSucceed(pm));
  invoice.attempt_count += due > 0 ? 1 : 0;
  const payment = due > 0 && pm ? paymentObjects({ invoice, pm, amount: due, succeeds, now }) : [];
  for (const object of payment) await writeObject(env, object, invoice.customer);
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
  if (pm && payment.length > 0 && behaviourOf(pm) === "disputed") {
    await openDispute(env, payment, now, key);
  }
  return { paid: true, message: null };
}

/** Stripe gives a merchant about a week to answer a fraud dispute with evidence. */
const EVIDENCE_DAYS = 7;

/**
 * The dispute Stripe's card 4000 0000 0000 0259 brings: the charge went through, and the
 * cardholder's bank opens a fraud dispute over all of it (`charge.dispute.created`, which the
 * webhook consumer keeps for the admin's disputes list, README "Admin: payments").
 */
async function openDispute(env: Env, payment: LocalObject[], now: number, key: string | null) {
  const charge = payment.find((object) => object.object === "charge")!;
  const dispute: LocalObject & { customer: string } = {
    id: localId("du"),
    object: "dispute",
    customer: charge.customer as string,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    amount: charge.amount,
    currency: charge.currency,
    reason: "fraudulent",
    status: "needs_response",
    evidence_details: { due_by: now + EVIDENCE_DAYS * 86_400, has_evidence: false },
    is_charge_refundable: false,
    created: now,
    livemode: false,
  };
  await writeObject(env, dispute, dispute.customer);
  await emitEvent(
    env,
    "charge.dispute.created",
    dispute,
    dispute.customer,
    key && `${key}:dispute`,
  );
}
