import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  call,
  customerIdOf,
  historyTypes,
  localObject,
  newPerson,
  type Person,
  payOnCheckoutPage,
  postWebhook,
  recordedEvents,
  signatureFor,
  signedEvent,
  subscribe,
  waitForCards,
  waitForEventStatus,
  waitForSubscription,
} from "./billing-support";
import { api, countRows, uniqueId } from "./helpers";
import { stripeFixture } from "./stripe-fixtures";

/** "Add a card": the setup-mode checkout, completed on the local checkout page. */

const setup = (person: Person, body: unknown = {}, key?: string) =>
  call(person, "/api/payment-methods/setup", "POST", body, key);

async function addCard(person: Person, card: string, body: unknown = {}) {
  const started = await setup(person, body);
  expect(started.status).toBe(201);
  const page = await payOnCheckoutPage(started.body.data.checkout_url, card);
  expect(page.status).toBe(303);
  expect(page.response.headers.get("location")).toMatch(/\/account\/billing\?card=added$/);
  return started.body.data.session_id as string;
}

/** The completed-checkout event of one session, once the consumer has applied it. */
async function completedCheckout(customerId: string, sessionId: string) {
  const find = async () =>
    (await recordedEvents(customerId, "checkout.session.completed")).find(
      (e) => e.event.data.object.id === sessionId,
    );
  const recorded = await find();
  expect(recorded).toBeDefined();
  await waitForEventStatus(recorded!.id, "applied");
  return (await find())!;
}

interface LocalCustomer {
  invoice_settings: { default_payment_method: string | null };
}

describe("POST /api/payment-methods/setup", () => {
  it("answers 401 without a session and 400 for a bad body or a missing key", async () => {
    const anonymous = await api("/api/payment-methods/setup", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "anon-key-1234" },
      body: "{}",
    });
    expect(anonymous.status).toBe(401);

    const person = await newPerson();
    const wrongType = await setup(person, { make_default: "yes" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ success: false, error: { code: "validation_failed" } });
    expect(wrongType.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ["make_default"] })]),
    );
    const extra = await setup(person, { make_default: true, plan: "premium" });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe("validation_failed");
    expect(extra.body.error.details.length).toBeGreaterThan(0);
    const noKey = await api("/api/payment-methods/setup", {
      method: "POST",
      headers: { ...person.headers, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details[0].path).toEqual(["idempotency-key"]);
    expect(await historyTypes(person.userId)).not.toContain("card_setup.created");
  });

  it("opens a setup checkout for a Free account; a repeated key replays the same session", async () => {
    const person = await newPerson();
    const first = await setup(person, { make_default: false }, "card-setup-key-1");
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({
      checkout_url: expect.stringMatching(/\/local-checkout\/cs_local_\w+$/),
      session_id: expect.stringMatching(/^cs_local_/),
    });
    const again = await setup(person, { make_default: false }, "card-setup-key-1");
    expect(again.status).toBe(201);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.data).toEqual(first.body.data);
    const other = await setup(person, { make_default: true }, "card-setup-key-1");
    expect(other.status).toBe(409);

    // Stripe-shaped: setup mode, a SetupIntent waiting for its card, no subscription yet
    const session = await localObject<Record<string, unknown>>(first.body.data.session_id);
    expect(session).toMatchObject({
      mode: "setup",
      status: "open",
      subscription: null,
      metadata: { user_id: person.userId, make_default: "true" },
    });
    expect(await localObject(session!.setup_intent as string)).toMatchObject({
      object: "setup_intent",
      status: "requires_payment_method",
      payment_method: null,
    });
    expect(await planOfAccount(person)).toBe("free");
    expect(
      await countRows(
        "SELECT count(*) AS n FROM billing_events WHERE user_id = ? AND type = 'card_setup.created'",
        person.userId,
      ),
    ).toBe(1);

    const page = await api(new URL(first.body.data.checkout_url).pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Add a card</h1>");
    expect(page.body).toContain("Nothing is charged today");
    expect(page.body).toContain("Save card");
  });
});

describe("completing an add-a-card checkout", () => {
  it("saves the card on a Free account; a second card becomes the default only when asked", async () => {
    const person = await newPerson();
    const firstSession = await addCard(person, "4242 4242 4242 4242");
    // the default arrives by its own event (customer.updated), just after the card's
    const [visa] = await waitForCards(
      person,
      (cards) => cards.length === 1 && cards[0]!.is_default,
    );
    expect(visa).toMatchObject({ brand: "visa", last4: "4242", is_default: true });
    const customerId = (await customerIdOf(person.userId))!;
    await completedCheckout(customerId, firstSession);

    const plainSession = await addCard(person, "5555 5555 5555 4444", { make_default: false });
    await completedCheckout(customerId, plainSession);
    await waitForCards(person, (cards) => cards.length === 2);
    const customer = await localObject<LocalCustomer>(customerId);
    expect(customer!.invoice_settings.default_payment_method).toBe(visa!.id);

    const defaultSession = await addCard(person, "5555555555554444", { make_default: true });
    const done = await completedCheckout(customerId, defaultSession);
    const cards = await waitForCards(person, (list) => list.length === 3);
    const saved = (await localObject<{ payment_method: string }>(
      done.event.data.object.setup_intent as string,
    ))!.payment_method;
    expect(cards.find((c) => c.id === saved)).toMatchObject({ last4: "4444" });
    expect((await localObject<LocalCustomer>(customerId))!.invoice_settings).toEqual({
      default_payment_method: saved,
    });
    const { results } = await env.DB.prepare(
      "SELECT detail_json FROM billing_events WHERE user_id = ? AND type = 'checkout.completed' ORDER BY created_at, rowid",
    )
      .bind(person.userId)
      .all<{ detail_json: string }>();
    expect(results.map((r) => JSON.parse(r.detail_json))).toEqual([
      expect.objectContaining({ session_id: firstSession, made_default: true }),
      expect.objectContaining({ session_id: plainSession, made_default: false }),
      expect.objectContaining({
        session_id: defaultSession,
        made_default: true,
        payment_method_id: saved,
      }),
    ]);
    expect(await planOfAccount(person)).toBe("free");
  });

  it("on a subscription: the new default reaches it through its own event, once, and a redelivered completion changes nothing", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    const active = await waitForSubscription(person, (d) => d.state === "active");
    const firstCard = active.subscription!.default_payment_method_id as string;
    const customerId = (await customerIdOf(person.userId))!;
    const updatesBefore = (await recordedEvents(customerId, "customer.subscription.updated"))
      .length;

    // not asked, and the subscription has a default: the card is only added
    const plain = await addCard(person, "5555 5555 5555 4444");
    await completedCheckout(customerId, plain);
    await waitForCards(person, (cards) => cards.length === 2);
    expect((await recordedEvents(customerId, "customer.subscription.updated")).length).toBe(
      updatesBefore,
    );
    expect((await call(person, "/api/subscription")).body.data.subscription).toMatchObject({
      default_payment_method_id: firstCard,
    });

    const asked = await addCard(person, "4242 4242 4242 4242", { make_default: true });
    const completed = await completedCheckout(customerId, asked);
    const saved = (await localObject<{ payment_method: string; status: string }>(
      completed.event.data.object.setup_intent as string,
    ))!;
    expect(saved.status).toBe("succeeded");
    const view = await waitForSubscription(
      person,
      (d) => d.subscription?.default_payment_method_id === saved.payment_method,
    );
    expect(view.state).toBe("active");
    const cards = await waitForCards(person, (list) => list.length === 3);
    expect(cards.filter((c) => c.is_default).map((c) => c.id)).toEqual([saved.payment_method]);
    // the change came from the consumer, keyed by the completed-checkout event
    const updates = await recordedEvents(customerId, "customer.subscription.updated");
    expect(updates.length).toBe(updatesBefore + 1);
    expect(updates.at(-1)!.event.request.idempotency_key).toBe(`checkout-default:${completed.id}`);

    // Stripe redelivers the same event: acknowledged as a duplicate, nothing applied again
    const redelivered = await postWebhook(completed.payload, await signatureFor(completed.payload));
    expect(redelivered.status).toBe(200);
    expect(redelivered.body.data).toMatchObject({ event_id: completed.id, duplicate: true });
    // a later event of the same customer is applied only after anything queued before it
    const later = await signedEvent(
      "charge.refunded",
      stripeFixture("charge", { id: uniqueId("ch"), customer: customerId }),
      Math.floor(Date.now() / 1000) + 60,
    );
    await postWebhook(later.payload, later.signature);
    await waitForEventStatus(later.id, "applied");
    expect((await recordedEvents(customerId, "customer.subscription.updated")).length).toBe(
      updatesBefore + 1,
    );
    expect(
      await countRows(
        "SELECT count(*) AS n FROM billing_events WHERE stripe_event_id = ?",
        completed.id,
      ),
    ).toBe(1);
    expect((await localObject<LocalCustomer>(customerId))!.invoice_settings).toEqual({
      default_payment_method: saved.payment_method,
    });
  });

  it("a declined card shows the reason and saves nothing; the same session then takes a good card", async () => {
    const person = await newPerson();
    const started = await setup(person, { make_default: true });
    const declined = await payOnCheckoutPage(started.body.data.checkout_url, "4000000000009995");
    expect(declined.status).toBe(402);
    expect(declined.body).toContain('role="alert">Your card has insufficient funds.');
    expect(declined.body).toContain("<h1>Add a card</h1>");
    const customerId = (await customerIdOf(person.userId))!;
    expect(
      await countRows("SELECT count(*) AS n FROM stripe_events WHERE customer_id = ?", customerId),
    ).toBe(0);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM local_billing_objects WHERE customer_id = ? AND type = 'payment_method'",
        customerId,
      ),
    ).toBe(0);
    const session = await localObject<{ status: string; setup_intent: string }>(
      started.body.data.session_id,
    );
    expect(session!.status).toBe("open");
    expect(await localObject(session!.setup_intent)).toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
    });
    expect((await call(person, "/api/payment-methods")).body.data).toEqual([]);

    const retry = await payOnCheckoutPage(started.body.data.checkout_url, "4242424242424242");
    expect(retry.status).toBe(303);
    await waitForCards(person, (cards) => cards.length === 1 && cards[0]!.last4 === "4242");
  });
});

describe("a card-less trial gets its card through the same path", () => {
  async function cardlessTrial() {
    const person = await newPerson();
    const { startPlanAtSignup } = await import("../../server/billing/subscriptions");
    await startPlanAtSignup(
      env,
      { id: person.userId, email: person.email, name: "Katherine Johnson", plan: "free" },
      "standard",
      Date.now(),
    );
    const trial = await waitForSubscription(person, (d) => d.state === "trialing");
    expect(trial.subscription!.default_payment_method_id).toBeNull();
    return { person, subscriptionId: trial.subscription!.id as string };
  }

  it("checkout for the trial's plan (setup mode) ends with the default card; the trial then renews", async () => {
    const { person, subscriptionId } = await cardlessTrial();
    const checkout = await call(person, "/api/subscription/checkout", "POST", {
      plan: "standard",
    });
    expect(checkout.body.data).toMatchObject({ mode: "setup", amount_due_now_cents: 0 });
    const session = await localObject<{ metadata: Record<string, string> }>(
      checkout.body.data.session_id,
    );
    expect(session!.metadata).toMatchObject({
      plan: "standard",
      subscription_id: subscriptionId,
      make_default: "true",
    });
    const page = await api(new URL(checkout.body.data.checkout_url).pathname);
    expect(page.body).toContain("Add a card to your Standard trial");
    const paid = await payOnCheckoutPage(checkout.body.data.checkout_url, "4242 4242 4242 4242");
    expect(paid.response.headers.get("location")).toContain("/account/billing?checkout=success");
    const withCard = await waitForSubscription(
      person,
      (d) => d.subscription?.default_payment_method_id != null,
    );
    expect(withCard.subscription!.id).toBe(subscriptionId);
    await call(person, "/api/billing/local/advance", "POST");
    await waitForSubscription(person, (d) => d.state === "active" && d.plan === "standard");
  });

  it("'Add a card' without make_default still makes the trial's first card its default", async () => {
    const { person, subscriptionId } = await cardlessTrial();
    const started = await setup(person, { make_default: false });
    const session = await localObject<{ metadata: Record<string, string> }>(
      started.body.data.session_id,
    );
    expect(session!.metadata).toMatchObject({
      subscription_id: subscriptionId,
      make_default: "true",
    });
    await payOnCheckoutPage(started.body.data.checkout_url, "5555 5555 5555 4444");
    const view = await waitForSubscription(
      person,
      (d) => d.subscription?.default_payment_method_id != null,
    );
    const cards = await waitForCards(person, (list) => list.length === 1);
    expect(cards[0]).toMatchObject({ brand: "mastercard", last4: "4444", is_default: true });
    expect(view.subscription!.default_payment_method_id).toBe(cards[0]!.id);
  });
});

const planOfAccount = (person: Person) =>
  env.DB.prepare("SELECT plan FROM users WHERE id = ?").bind(person.userId).first<string>("plan");
