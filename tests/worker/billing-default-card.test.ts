import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  call,
  customerIdOf,
  localObject,
  newPerson,
  type Person,
  payOnCheckoutPage,
  postWebhook,
  recordedEvents,
  signedEvent,
  waitForCards,
  waitForEventStatus,
} from "./billing-support";
import { countRows, uniqueId } from "./helpers";

/**
 * The customer's own default card (`invoice_settings.default_payment_method`), mirrored from
 * `customer.updated`: the default of an account without a subscription.
 */

async function addCard(person: Person, card: string, makeDefault: boolean) {
  const started = await call(person, "/api/payment-methods/setup", "POST", {
    make_default: makeDefault,
  });
  expect(started.status).toBe(201);
  const page = await payOnCheckoutPage(started.body.data.checkout_url, card);
  expect(page.status).toBe(303);
  return started.body.data.session_id as string;
}

const mirroredDefault = (customerId: string) =>
  env.DB.prepare(
    "SELECT default_payment_method_id AS id FROM billing_customers WHERE customer_id = ?",
  )
    .bind(customerId)
    .first<string | null>("id");

async function defaultChanges(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT detail_json, stripe_event_id FROM billing_events WHERE user_id = ? AND type = 'payment_method.default_changed' ORDER BY created_at, rowid",
  )
    .bind(userId)
    .all<{ detail_json: string; stripe_event_id: string }>();
  return results.map((row) => ({
    ...(JSON.parse(row.detail_json) as {
      payment_method_id: string | null;
      previous_payment_method_id: string | null;
    }),
    event: row.stripe_event_id,
  }));
}

const defaults = (cards: { id: string; is_default: boolean }[]) =>
  cards.filter((card) => card.is_default).map((card) => card.id);

describe("the default card of an account without a subscription", () => {
  it("follows the customer: a card added without make_default is not the default; make default and removal move it", async () => {
    const person = await newPerson();
    await addCard(person, "4242 4242 4242 4242", false);
    // the first card becomes the default even unasked: there was none
    const [visa] = await waitForCards(
      person,
      (cards) => cards.length === 1 && cards[0]!.is_default,
    );
    const customerId = (await customerIdOf(person.userId))!;
    expect(await mirroredDefault(customerId)).toBe(visa!.id);

    const masterSession = await addCard(person, "5555 5555 5555 4444", false);
    const completed = async () =>
      (await recordedEvents(customerId, "checkout.session.completed")).find(
        (e) => e.event.data.object.id === masterSession,
      );
    await waitUntilApplied(completed);
    const both = await waitForCards(person, (cards) => cards.length === 2);
    const mastercard = both.find((card) => card.last4 === "4444")!;
    // newest first, yet the older Visa stays the default
    expect(both.map((card) => card.id)).toEqual([mastercard.id, visa!.id]);
    expect(defaults(both)).toEqual([visa!.id]);
    expect(await mirroredDefault(customerId)).toBe(visa!.id);

    const made = await call(person, `/api/payment-methods/${mastercard.id}/default`, "POST");
    expect(made.status).toBe(202);
    const after = await waitForCards(person, (cards) => defaults(cards)[0] === mastercard.id);
    expect(defaults(after)).toEqual([mastercard.id]);
    const updates = await recordedEvents(customerId, "customer.updated");
    expect(updates.at(-1)!.event.data.object).toMatchObject({
      id: customerId,
      object: "customer",
      invoice_settings: { default_payment_method: mastercard.id },
    });
    await waitForEventStatus(updates.at(-1)!.id, "applied");

    // Stripe clears the customer's default when that card is deleted; nothing replaces it
    const removed = await call(person, `/api/payment-methods/${mastercard.id}`, "DELETE");
    expect(removed.status).toBe(202);
    const left = await waitForCards(
      person,
      (cards) => cards.length === 1 && defaults(cards).length === 0,
    );
    expect(left[0]).toMatchObject({ id: visa!.id, is_default: false });
    expect(await mirroredDefault(customerId)).toBeNull();
    expect(
      (await localObject<{ invoice_settings: unknown }>(customerId))!.invoice_settings,
    ).toEqual({ default_payment_method: null });

    const changes = await defaultChanges(person.userId);
    expect(changes).toEqual([
      expect.objectContaining({ payment_method_id: visa!.id, previous_payment_method_id: null }),
      expect.objectContaining({
        payment_method_id: mastercard.id,
        previous_payment_method_id: visa!.id,
        brand: "mastercard",
        last4: "4444",
      }),
      expect.objectContaining({
        payment_method_id: null,
        previous_payment_method_id: mastercard.id,
      }),
    ]);
    // every customer.updated the provider sent was recorded under its customer and applied
    const sent = await recordedEvents(customerId, "customer.updated");
    expect(sent).toHaveLength(3);
    expect(sent.map((e) => e.status)).toEqual(["applied", "applied", "applied"]);
  });

  it("takes a customer.updated only when newer than the last one applied; a duplicate changes nothing", async () => {
    const person = await newPerson();
    // opening "Add a card" creates the customer; nothing is saved
    expect((await call(person, "/api/payment-methods/setup", "POST", {})).status).toBe(201);
    const customerId = (await customerIdOf(person.userId))!;
    const t0 = Math.floor(Date.now() / 1000);
    const card = (last4: string) => ({
      id: uniqueId("pm"),
      object: "payment_method",
      type: "card",
      customer: customerId,
      card: { brand: "visa", last4, exp_month: 12, exp_year: 2040 },
    });
    const [first, second] = [card("1111"), card("2222")];
    for (const pm of [first, second]) {
      const attached = await signedEvent("payment_method.attached", pm, t0);
      expect((await postWebhook(attached.payload, attached.signature)).status).toBe(200);
      await waitForEventStatus(attached.id, "applied");
    }
    const customer = (defaultPaymentMethod: unknown, email = "ada@example.test") => ({
      id: customerId,
      object: "customer",
      email,
      invoice_settings: { default_payment_method: defaultPaymentMethod },
    });
    const post = async (created: number, object: Record<string, unknown>) => {
      const event = await signedEvent("customer.updated", object, created);
      const answer = await postWebhook(event.payload, event.signature);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toMatchObject({ duplicate: false });
      return event;
    };

    const newer = await post(t0 + 20, customer(second.id));
    await waitForEventStatus(newer.id, "applied");
    expect(defaults(await waitForCards(person, (cards) => cards.length === 2))).toEqual([
      second.id,
    ]);
    // recorded under its customer: the consumer orders the customer's events by that id
    expect(
      await countRows(
        "SELECT count(*) AS n FROM stripe_events WHERE event_id = ? AND customer_id = ?",
        newer.id,
        customerId,
      ),
    ).toBe(1);

    // an older state delivered late loses
    const older = await post(t0 + 10, customer(first.id));
    await waitForEventStatus(older.id, "ignored");
    expect(await mirroredDefault(customerId)).toBe(second.id);
    expect(defaults((await call(person, "/api/payment-methods")).body.data)).toEqual([second.id]);

    // a redelivery is acknowledged and does nothing a second time
    const again = await postWebhook(newer.payload, newer.signature);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ event_id: newer.id, duplicate: true });
    expect(
      await countRows(
        "SELECT count(*) AS n FROM billing_events WHERE stripe_event_id = ?",
        newer.id,
      ),
    ).toBe(1);

    // another change to the customer (its email) keeps the default and adds no history
    const emailOnly = await post(t0 + 30, customer(second.id, "grace@example.test"));
    await waitForEventStatus(emailOnly.id, "applied");
    expect(
      await countRows(
        "SELECT count(*) AS n FROM billing_events WHERE stripe_event_id = ?",
        emailOnly.id,
      ),
    ).toBe(0);

    // expanded to the card object, as with `expand[]=invoice_settings.default_payment_method`
    const expanded = await post(t0 + 40, customer(first));
    await waitForEventStatus(expanded.id, "applied");
    expect(await mirroredDefault(customerId)).toBe(first.id);
    // and an event of that same second arriving later wins over it (arrival order)
    const cleared = await post(t0 + 40, customer(null));
    await waitForEventStatus(cleared.id, "applied");
    expect(defaults((await call(person, "/api/payment-methods")).body.data)).toEqual([]);

    expect(
      (await defaultChanges(person.userId)).map((c) => [c.event, c.payment_method_id]),
    ).toEqual([
      [newer.id, second.id],
      [expanded.id, first.id],
      [cleared.id, null],
    ]);
  });
});

/** Waits for the recorded event `find` names to be applied by the consumer. */
async function waitUntilApplied(find: () => Promise<{ id: string } | undefined>) {
  const recorded = await find();
  expect(recorded).toBeDefined();
  await waitForEventStatus(recorded!.id, "applied");
}
