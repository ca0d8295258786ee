import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STRIPE_API_VERSION } from "../../core/billing/stripe-version";
import { useStripeMode } from "./billing-stripe-harness";
import { customerIdOf, idempotencyKey, newPerson } from "./billing-support";
import { countRows, uniqueId } from "./helpers";

/** Billing with Stripe keys set (see billing-stripe-harness.ts): requests, cards, signatures. */
const mode = useStripeMode();
const { send, post, webhook, drainQueue } = mode;

const eventStatus = (id: string) =>
  env.DB.prepare("SELECT status FROM stripe_events WHERE event_id = ?")
    .bind(id)
    .first<string>("status");

describe("Stripe mode (SDK against a fake api.mode.stripe.com)", () => {
  it("creates Checkout sessions in subscription and setup mode with the plan's price, metadata and idempotency keys", async () => {
    const person = await newPerson();
    const checkout = await post(
      person,
      "/api/subscription/checkout",
      { plan: "standard" },
      "stripe-sub-key-1",
    );
    expect(checkout.status).toBe(201);
    expect(checkout.body.data).toMatchObject({
      mode: "subscription",
      trial_days: 14,
      checkout_url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/),
    });

    const [customer] = mode.stripe.to("POST", "/v1/customers");
    expect(customer).toMatchObject({
      idempotencyKey: `customer:${person.userId}:stripe`,
      params: { email: person.email, "metadata[user_id]": person.userId },
    });
    const customerId = (await customerIdOf(person.userId))!;
    expect(customerId).toMatch(/^cus_fake/);

    const [subscriptionSession] = mode.stripe.to("POST", "/v1/checkout/sessions");
    expect(subscriptionSession!.idempotencyKey).toBe(`${person.userId}:checkout:stripe-sub-key-1`);
    expect(subscriptionSession!.params).toMatchObject({
      mode: "subscription",
      customer: customerId,
      client_reference_id: person.userId,
      "allowed_payment_method_types[0]": "card",
      "line_items[0][price]": "price_test_standard",
      "line_items[0][quantity]": "1",
      "subscription_data[trial_period_days]": "14",
      "subscription_data[metadata][user_id]": person.userId,
      "metadata[user_id]": person.userId,
      "metadata[plan]": "standard",
      "metadata[trial_days]": "14",
      success_url: expect.stringMatching(/\/account\/billing\?checkout=success$/),
      cancel_url: expect.stringMatching(/\/pricing\?checkout=canceled$/),
    });

    // the same key again: our replay, Stripe is not asked twice
    const replay = await post(
      person,
      "/api/subscription/checkout",
      { plan: "standard" },
      "stripe-sub-key-1",
    );
    expect(replay.body.data.session_id).toBe(checkout.body.data.session_id);
    expect(mode.stripe.to("POST", "/v1/checkout/sessions")).toHaveLength(1);

    const card = await post(
      person,
      "/api/payment-methods/setup",
      { make_default: false },
      "stripe-card-key-1",
    );
    expect(card.status).toBe(201);
    expect(card.body.data.checkout_url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const setupSession = mode.stripe.to("POST", "/v1/checkout/sessions")[1]!;
    expect(setupSession.idempotencyKey).toBe(`${person.userId}:card-setup:stripe-card-key-1`);
    expect(setupSession.params).toEqual({
      mode: "setup",
      currency: "usd",
      customer: customerId,
      client_reference_id: person.userId,
      "allowed_payment_method_types[0]": "card",
      "metadata[user_id]": person.userId,
      // no card on file yet: the first one becomes the default whatever was asked
      "metadata[make_default]": "true",
      success_url: expect.stringMatching(/\/account\/billing\?card=added$/),
      cancel_url: expect.stringMatching(/\/account\/billing\?card=canceled$/),
    });
    // one customer for the account, whatever the number of checkouts
    expect(mode.stripe.to("POST", "/v1/customers")).toHaveLength(1);
    // every request names the pinned API version, not whatever the SDK defaults to
    expect([...mode.stripe.versions]).toEqual([STRIPE_API_VERSION]);
  });

  it("a signed setup-mode checkout.session.completed: the consumer reads the SetupIntent and sets the default on the customer and the subscription", async () => {
    const person = await newPerson();
    await post(person, "/api/subscription/checkout", { plan: "premium" });
    const customerId = (await customerIdOf(person.userId))!;

    // Stripe Checkout started Premium with a first card; its events arrive
    const first = mode.stripe.addCard(customerId);
    const sub = mode.stripe.addSubscription({
      customer: customerId,
      price: "price_test_premium",
      paymentMethod: first.id,
    });
    await webhook("payment_method.attached", first);
    const created = await webhook("customer.subscription.created", sub);
    expect(created.answer.status).toBe(200);
    await drainQueue();
    expect(await eventStatus(created.id)).toBe("applied");

    const started = await post(person, "/api/payment-methods/setup", { make_default: true });
    const setupParams = mode.stripe.to("POST", "/v1/checkout/sessions").at(-1)!.params;
    expect(setupParams).toMatchObject({
      mode: "setup",
      "metadata[subscription_id]": sub.id,
      "metadata[make_default]": "true",
    });

    // the person saves a Mastercard on Stripe Checkout
    const second = mode.stripe.addCard(customerId, "mastercard", "4444");
    const session = mode.stripe.completeSetup(started.body.data.session_id, second.id);
    await webhook("payment_method.attached", second);
    const completed = await webhook("checkout.session.completed", session);
    expect(completed.answer.body.data).toMatchObject({ duplicate: false });
    expect(mode.stripe.to("GET", /^\/v1\/setup_intents\//)).toHaveLength(0);
    await drainQueue();
    expect(await eventStatus(completed.id)).toBe("applied");

    expect(mode.stripe.to("GET", /^\/v1\/setup_intents\//).map((r) => r.path)).toEqual([
      `/v1/setup_intents/${session.setup_intent}`,
    ]);
    expect(mode.stripe.to("POST", `/v1/customers/${customerId}`)).toEqual([
      {
        method: "POST",
        path: `/v1/customers/${customerId}`,
        params: { "invoice_settings[default_payment_method]": second.id },
        idempotencyKey: `checkout-default:${completed.id}:customer`,
      },
    ]);
    expect(mode.stripe.to("POST", `/v1/subscriptions/${sub.id}`)).toEqual([
      {
        method: "POST",
        path: `/v1/subscriptions/${sub.id}`,
        params: { default_payment_method: second.id },
        idempotencyKey: `checkout-default:${completed.id}`,
      },
    ]);

    // Stripe reports the subscription's change as its own event; the mirror follows it
    const updated = await webhook("customer.subscription.updated", mode.stripe.object(sub.id)!);
    await drainQueue();
    expect(await eventStatus(updated.id)).toBe("applied");
    const cards = await send("/api/payment-methods", { headers: person.headers });
    expect(cards.body.data).toEqual([
      expect.objectContaining({ id: second.id, brand: "mastercard", is_default: true }),
      expect.objectContaining({ id: first.id, is_default: false }),
    ]);

    // Stripe redelivers the completion: acknowledged, nothing queued, Stripe not asked again
    const again = await send("/api/stripe/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": completed.signature },
      body: completed.payload,
    });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ event_id: completed.id, duplicate: true });
    expect(mode.queued).toEqual([]);
    expect(mode.stripe.to("POST", `/v1/subscriptions/${sub.id}`)).toHaveLength(1);

    // a card saved without asking, with a default on file: the SetupIntent is read, nothing set
    const plain = await post(person, "/api/payment-methods/setup", { make_default: false });
    expect(mode.stripe.to("POST", "/v1/checkout/sessions").at(-1)!.params).toMatchObject({
      "metadata[make_default]": "false",
    });
    const third = mode.stripe.addCard(customerId, "visa", "1881");
    const plainDone = await webhook(
      "checkout.session.completed",
      mode.stripe.completeSetup(plain.body.data.session_id, third.id),
    );
    await drainQueue();
    expect(await eventStatus(plainDone.id)).toBe("applied");
    expect(mode.stripe.to("GET", /^\/v1\/setup_intents\//)).toHaveLength(2);
    expect(mode.stripe.to("POST", `/v1/customers/${customerId}`)).toHaveLength(1);
    expect(mode.stripe.to("POST", `/v1/subscriptions/${sub.id}`)).toHaveLength(1);
  });

  it("a signed customer.updated moves the default card of an account without a subscription", async () => {
    const person = await newPerson();
    const started = await post(person, "/api/payment-methods/setup", {});
    expect(started.status).toBe(201);
    const customerId = (await customerIdOf(person.userId))!;
    const visa = mode.stripe.addCard(customerId);
    const mastercard = mode.stripe.addCard(customerId, "mastercard", "4444");
    await webhook("payment_method.attached", visa);
    await webhook("payment_method.attached", mastercard);
    await drainQueue();
    // Stripe sets no default on attach: until the customer says so, no card is the default
    const listed = async () =>
      (await send("/api/payment-methods", { headers: person.headers })).body.data as {
        id: string;
        is_default: boolean;
      }[];
    expect((await listed()).map((card) => card.is_default)).toEqual([false, false]);

    const key = idempotencyKey();
    const made = await post(person, `/api/payment-methods/${mastercard.id}/default`, {}, key);
    expect(made.status).toBe(202);
    expect(mode.stripe.to("POST", `/v1/customers/${customerId}`)).toEqual([
      {
        method: "POST",
        path: `/v1/customers/${customerId}`,
        params: { "invoice_settings[default_payment_method]": mastercard.id },
        // the route scopes the person's key to them and the action
        idempotencyKey: expect.stringMatching(new RegExp(`:default-card:${key}:customer$`)),
      },
    ]);
    // nothing shows until Stripe's event arrives
    expect((await listed()).some((card) => card.is_default)).toBe(false);
    const updated = await webhook("customer.updated", mode.stripe.object(customerId)!);
    expect(updated.answer.status).toBe(200);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM stripe_events WHERE event_id = ? AND customer_id = ?",
        updated.id,
        customerId,
      ),
    ).toBe(1);
    await drainQueue();
    expect(await eventStatus(updated.id)).toBe("applied");
    expect(await listed()).toEqual([
      expect.objectContaining({ id: mastercard.id, is_default: true }),
      expect.objectContaining({ id: visa.id, is_default: false }),
    ]);
    expect(
      await env.DB.prepare(
        "SELECT default_payment_method_id AS id FROM billing_customers WHERE customer_id = ?",
      )
        .bind(customerId)
        .first<string>("id"),
    ).toBe(mastercard.id);
  });

  it("makes a first card added through the API the default, as Stripe does not on attach", async () => {
    const person = await newPerson();
    const started = await post(person, "/api/payment-methods/setup", {});
    expect(started.status).toBe(201);
    const customerId = (await customerIdOf(person.userId))!;
    const first = mode.stripe.addCard("");
    const added = await post(person, "/api/payment-methods", { payment_method_id: first.id });
    expect(added.status).toBe(201);
    expect(mode.stripe.to("POST", `/v1/payment_methods/${first.id}/attach`)).toHaveLength(1);
    expect(mode.stripe.to("POST", `/v1/customers/${customerId}`)).toEqual([
      expect.objectContaining({
        params: { "invoice_settings[default_payment_method]": first.id },
      }),
    ]);
  });

  it("refuses an event signed with another secret, or unsigned, with 400 and records nothing", async () => {
    const object = { id: uniqueId("cs_test"), object: "checkout.session", mode: "setup" };
    const before = await countRows("SELECT count(*) AS n FROM stripe_events");
    const wrongSecret = await webhook("checkout.session.completed", object, {
      secret: "whsec_someone_else",
    });
    expect(wrongSecret.answer.status).toBe(400);
    expect(wrongSecret.answer.body.error).toMatchObject({ code: "validation_failed" });
    // the local provider's derived secret is not Stripe's: it does not pass either
    const { webhookSecret } = await import("../../server/billing/signing");
    const localSigned = await webhook("checkout.session.completed", object, {
      secret: await webhookSecret(env),
    });
    expect(localSigned.answer.status).toBe(400);
    const unsigned = await send("/api/stripe/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: wrongSecret.payload,
    });
    expect(unsigned.status).toBe(400);
    expect(mode.queued).toEqual([]);
    expect(await countRows("SELECT count(*) AS n FROM stripe_events")).toBe(before);
    expect(mode.stripe.requests).toEqual([]);
  });
});
