import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  call,
  customerIdOf,
  eventStatus,
  newPerson,
  type Person,
  postWebhook,
  signedEvent,
  waitForCards,
  waitForEventStatus,
} from "./billing-support";
import { uniqueId } from "./helpers";
import { stripeFixture } from "./stripe-fixtures";

/**
 * Every Stripe payment-method type reaches the mirror, not only cards: a bank account, Link
 * or a type Stripe adds later is attached in the Dashboard or on a Checkout page offering
 * more types, and an event that fails to apply would hold back all of its customer's later
 * events. Events are Stripe's own fixture with the type's sub-object swapped in, posted
 * signed to the webhook and applied by the queue consumer (local mode).
 */

interface MirroredRow {
  type: string;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  wallet: string | null;
  bank_name: string | null;
  email: string | null;
  detached_at: number | null;
}

const mirrored = (id: string) =>
  env.DB.prepare(
    "SELECT type, brand, last4, exp_month, exp_year, wallet, bank_name, email, detached_at FROM payment_methods WHERE id = ?",
  )
    .bind(id)
    .first<MirroredRow>();

async function personWithCustomer() {
  const person = await newPerson();
  // opening "Add a card" creates the customer; nothing is saved
  expect((await call(person, "/api/payment-methods/setup", "POST", {})).status).toBe(201);
  return { person, customerId: (await customerIdOf(person.userId))! };
}

/** Stripe's payment_method fixture as another type: its card replaced by `details`. */
const paymentMethodOf = (customerId: string, type: string, details: Record<string, unknown>) =>
  stripeFixture("payment_method", {
    id: uniqueId("pm"),
    customer: customerId,
    type,
    card: null,
    ...details,
  });

async function deliver(type: string, object: Record<string, unknown>, created: number) {
  const event = await signedEvent(type, object, created);
  const answer = await postWebhook(event.payload, event.signature);
  expect(answer.status).toBe(200);
  expect(answer.body.data).toMatchObject({ event_id: event.id, duplicate: false });
  return event;
}

const listed = async (person: Person) => (await call(person, "/api/payment-methods")).body.data;

async function detailOf(userId: string, type: string, paymentMethodId: string) {
  const { results } = await env.DB.prepare(
    "SELECT detail_json FROM billing_events WHERE user_id = ? AND type = ? ORDER BY created_at, rowid",
  )
    .bind(userId, type)
    .all<{ detail_json: string }>();
  return results
    .map((row) => JSON.parse(row.detail_json) as Record<string, unknown>)
    .find((detail) => detail.payment_method_id === paymentMethodId);
}

describe("payment_method.attached of every type", () => {
  it("mirrors a card, a US bank account, Link and an unknown type, and the customer's later events still apply", async () => {
    const { person, customerId } = await personWithCustomer();
    const t0 = Math.floor(Date.now() / 1000);

    // Stripe's card fixture as sent: a Visa kept in Link's wallet
    const card = stripeFixture("payment_method", {
      id: uniqueId("pm"),
      customer: customerId,
      card: { exp_month: 12, exp_year: 2040 },
    });
    const bank = paymentMethodOf(customerId, "us_bank_account", {
      us_bank_account: {
        account_holder_type: "individual",
        account_type: "checking",
        bank_name: "STRIPE TEST BANK",
        financial_connections_account: null,
        fingerprint: "FFDMA0xfhBjWSZLu",
        last4: "6789",
        networks: { preferred: "ach", supported: ["ach"] },
        routing_number: "110000000",
        status_details: null,
      },
    });
    const link = paymentMethodOf(customerId, "link", { link: { email: "jenny@example.com" } });
    // a type this code has never heard of, with a sub-object of a shape it does not know
    const future = paymentMethodOf(customerId, "stripe_future_wallet", {
      stripe_future_wallet: { handle: { nested: true }, last4: 42 },
    });

    const attached = [];
    for (const [i, pm] of [card, bank, link, future].entries()) {
      attached.push(await deliver("payment_method.attached", pm, t0 + i));
    }
    for (const event of attached) await waitForEventStatus(event.id, "applied");

    expect(await mirrored(card.id)).toEqual({
      type: "card",
      brand: "visa",
      last4: "4242",
      exp_month: 12,
      exp_year: 2040,
      wallet: "link",
      bank_name: null,
      email: null,
      detached_at: null,
    });
    expect(await mirrored(bank.id)).toEqual({
      type: "us_bank_account",
      brand: null,
      last4: "6789",
      exp_month: null,
      exp_year: null,
      wallet: null,
      bank_name: "STRIPE TEST BANK",
      email: null,
      detached_at: null,
    });
    expect(await mirrored(link.id)).toMatchObject({
      type: "link",
      brand: null,
      last4: null,
      email: "jenny@example.com",
    });
    expect(await mirrored(future.id)).toEqual({
      type: "stripe_future_wallet",
      brand: null,
      last4: null,
      exp_month: null,
      exp_year: null,
      wallet: null,
      bank_name: null,
      email: null,
      detached_at: null,
    });

    // the list answers every type, each with what it has (newest first)
    const methods = await listed(person);
    expect(methods.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([card.id, bank.id, link.id, future.id]),
    );
    expect(methods).toHaveLength(4);
    const byId = new Map(methods.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(bank.id)).toEqual({
      id: bank.id,
      type: "us_bank_account",
      brand: null,
      last4: "6789",
      exp_month: null,
      exp_year: null,
      wallet: null,
      bank_name: "STRIPE TEST BANK",
      email: null,
      is_default: false,
      created_at: expect.any(String),
    });
    expect(byId.get(link.id)).toMatchObject({ type: "link", email: "jenny@example.com" });
    expect(byId.get(card.id)).toMatchObject({
      type: "card",
      brand: "visa",
      last4: "4242",
      exp_month: 12,
      exp_year: 2040,
      wallet: "link",
    });
    expect(byId.get(future.id)).toMatchObject({ type: "stripe_future_wallet", last4: null });

    // the history names each by its type
    expect(await detailOf(person.userId, "payment_method.added", bank.id)).toEqual({
      payment_method_id: bank.id,
      type: "us_bank_account",
      brand: null,
      last4: "6789",
      wallet: null,
      bank_name: "STRIPE TEST BANK",
    });
    expect(await detailOf(person.userId, "payment_method.added", link.id)).toMatchObject({
      type: "link",
    });

    // the customer's later event applies: the bank account becomes the default
    const updated = await deliver(
      "customer.updated",
      stripeFixture("customer", {
        id: customerId,
        invoice_settings: { default_payment_method: bank.id },
      }),
      t0 + 10,
    );
    await waitForEventStatus(updated.id, "applied");
    const after = await waitForCards(person, (cards) =>
      cards.some((c) => c.id === bank.id && c.is_default),
    );
    expect(after.filter((c) => c.is_default).map((c) => c.id)).toEqual([bank.id]);
    expect(await detailOf(person.userId, "payment_method.default_changed", bank.id)).toMatchObject({
      type: "us_bank_account",
      bank_name: "STRIPE TEST BANK",
      last4: "6789",
    });
  });

  it("detaches a SEPA debit and a PayPal account like a card, and a redelivery changes nothing", async () => {
    const { person, customerId } = await personWithCustomer();
    const t0 = Math.floor(Date.now() / 1000);
    const sepa = paymentMethodOf(customerId, "sepa_debit", {
      sepa_debit: {
        bank_code: "37040044",
        branch_code: "",
        country: "DE",
        fingerprint: "Fw6TtD4ZBd9cqVv0",
        generated_from: { charge: null, setup_attempt: null },
        last4: "3000",
      },
    });
    const paypal = paymentMethodOf(customerId, "paypal", {
      paypal: { country: "US", payer_email: "jenny@example.com", payer_id: "ZYX123" },
    });
    for (const [i, pm] of [sepa, paypal].entries()) {
      const event = await deliver("payment_method.attached", pm, t0 + i);
      await waitForEventStatus(event.id, "applied");
    }
    expect(await mirrored(sepa.id)).toMatchObject({ type: "sepa_debit", last4: "3000" });
    // PayPal is named by its type alone: its payer email is not what the mirror keeps
    expect(await mirrored(paypal.id)).toMatchObject({ type: "paypal", last4: null, email: null });

    const detached = await deliver("payment_method.detached", { ...sepa, customer: null }, t0 + 5);
    await waitForEventStatus(detached.id, "applied");
    expect((await mirrored(sepa.id))?.detached_at).toEqual(expect.any(Number));
    expect((await listed(person)).map((m: { id: string }) => m.id)).toEqual([paypal.id]);
    expect(await detailOf(person.userId, "payment_method.removed", sepa.id)).toMatchObject({
      type: "sepa_debit",
      last4: "3000",
    });

    // the same event again: recorded once, applied once
    const again = await postWebhook(detached.payload, detached.signature);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ event_id: detached.id, duplicate: true });
    expect(await eventStatus(detached.id)).toBe("applied");
    const removed = await env.DB.prepare(
      "SELECT count(*) AS n FROM billing_events WHERE user_id = ? AND type = 'payment_method.removed'",
    )
      .bind(person.userId)
      .first<number>("n");
    expect(removed).toBe(1);
  });
});
