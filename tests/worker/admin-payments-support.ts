import { expect, vi } from "vitest";
import type { useStripeMode } from "./billing-stripe-harness";
import { STRIPE_PRICES } from "./billing-stripe-harness";
import {
  call,
  customerIdOf,
  idempotencyKey,
  newPerson,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { api } from "./helpers";

/** What the admin Payments tests share (README "Admin: payments"), in both billing modes. */

export type Headers = Record<string, string>;
export const PAYMENTS = "/api/admin/payments";

const postInit = (headers: Headers, body: unknown, key: string) => ({
  method: "POST",
  headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": key },
  body: JSON.stringify(body),
});

/** A staff POST under /api/admin/payments with a fresh Idempotency-Key unless one is given. */
export const adminPost = (headers: Headers, path: string, body: unknown, key = idempotencyKey()) =>
  api(`${PAYMENTS}${path}`, postInit(headers, body, key));

/** A Standard subscriber out of the trial, paying with the card on file (local provider). */
export async function activeLocalSubscriber() {
  const person = await newPerson();
  await subscribe(person, "standard");
  await waitForSubscription(person, (d) => d.state === "trialing");
  expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
  const active = await waitForSubscription(person, (d) => d.state === "active");
  return { person, subId: (active.subscription as { id: string }).id };
}

/**
 * Stripe mode's side: staff calls through the SDK's fake (`mode.send`), Stripe's signed events
 * delivered and applied, and a Premium subscriber with a $29.99 invoice mirrored from them.
 */
export function stripeAdminKit(mode: ReturnType<typeof useStripeMode>) {
  const eventStatus = async (id: string) =>
    (
      await mode.env.DB.prepare("SELECT status FROM stripe_events WHERE event_id = ?")
        .bind(id)
        .first<{ status: string }>()
    )?.status;

  async function deliver(type: string, object: Record<string, unknown>) {
    const event = await mode.webhook(type, object);
    expect(event.answer.status).toBe(200);
    await mode.drainQueue();
    expect(await eventStatus(event.id)).toBe("applied");
  }

  const adminSend = (headers: Headers, path: string, body: unknown, key = idempotencyKey()) =>
    mode.send(`${PAYMENTS}${path}`, postInit(headers, body, key));

  async function paidStripeInvoice(status: "paid" | "open" = "paid") {
    const person = await newPerson();
    await mode.post(person, "/api/subscription/checkout", { plan: "premium" });
    const customerId = (await customerIdOf(person.userId))!;
    const card = mode.stripe.addCard(customerId);
    const sub = mode.stripe.addSubscription({
      customer: customerId,
      price: STRIPE_PRICES.premium,
      paymentMethod: card.id,
    });
    await deliver("customer.subscription.created", sub);
    const { invoice, charge } = mode.stripe.addInvoice({
      customer: customerId,
      subscription: sub.id,
      amount: 2999,
      status,
    });
    await deliver(
      status === "paid" ? "invoice.payment_succeeded" : "invoice.payment_failed",
      invoice,
    );
    return { person, invoice, charge };
  }

  return { deliver, adminSend, paidStripeInvoice };
}

/** Waits (polling the customer's own API) until `find` picks an invoice from their list. */
export const waitForInvoice = <T>(
  person: Parameters<typeof call>[0],
  find: (invoice: Record<string, unknown>) => boolean,
  waitingFor: string,
) =>
  vi.waitFor(
    async () => {
      const { body } = await call(person, "/api/invoices");
      const found = body.data.find(find);
      if (!found) throw new Error(`waiting for ${waitingFor}`);
      return found as T;
    },
    { timeout: 15_000, interval: 150 },
  );
