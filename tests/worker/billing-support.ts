import { env } from "cloudflare:test";
import Stripe from "stripe";
import { expect, vi } from "vitest";
import { STRIPE_API_VERSION } from "../../core/billing/stripe-version";
import { webhookSecret } from "../../server/billing/signing";
import { signedInPerson } from "./auth-support";
import { api, uniqueId } from "./helpers";

/** Shared by the billing suites: people, checkout through the local page, signed events. */

let keyCounter = 0;
export const idempotencyKey = () => `test-${Date.now().toString(36)}-${++keyCounter}`;

export type Person = Awaited<ReturnType<typeof signedInPerson>>;
export const newPerson = signedInPerson;

export function call(
  person: Person,
  path: string,
  method = "GET",
  body?: unknown,
  key = idempotencyKey(),
) {
  return api(path, {
    method,
    headers: {
      ...person.headers,
      ...(method === "GET" ? {} : { "Idempotency-Key": key }),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Submits the local checkout page's form, as a browser would. */
export async function payOnCheckoutPage(url: string, card: string) {
  const path = new URL(url).pathname;
  const response = await api(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ card_number: card, expiry: "12/40", cvc: "123", name: "Ada" }),
    redirect: "manual",
  });
  return response;
}

/** Checkout for `plan` paid with `card`; returns the checkout answer and the page's answer. */
export async function subscribe(person: Person, plan: string, card = "4242 4242 4242 4242") {
  const checkout = await call(person, "/api/subscription/checkout", "POST", { plan });
  expect(checkout.status).toBe(201);
  const page = await payOnCheckoutPage(checkout.body.data.checkout_url, card);
  return { checkout, page };
}

/** Polls `GET /api/subscription` until `check` passes (the queue consumer applies events). */
export async function waitForSubscription(
  person: Person,
  check: (data: {
    plan: string;
    state: string;
    subscription: Record<string, unknown> | null;
  }) => boolean,
  timeout = 15_000,
) {
  return vi.waitFor(
    async () => {
      const { body } = await call(person, "/api/subscription");
      if (!check(body.data)) throw new Error(`subscription is ${JSON.stringify(body.data)}`);
      return body.data;
    },
    { timeout, interval: 150 },
  );
}

export async function planOf(userId: string) {
  return env.DB.prepare("SELECT plan FROM users WHERE id = ?").bind(userId).first<string>("plan");
}

export async function customerIdOf(userId: string) {
  return env.DB.prepare("SELECT customer_id FROM billing_customers WHERE user_id = ?")
    .bind(userId)
    .first<string>("customer_id");
}

export async function historyTypes(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT type FROM billing_events WHERE user_id = ? ORDER BY created_at, rowid",
  )
    .bind(userId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}

/** A Stripe-format event as JSON, exactly as the webhook endpoint receives it. */
export function stripeEventPayload(
  type: string,
  object: Record<string, unknown>,
  created: number,
  id = uniqueId("evt"),
  apiVersion = STRIPE_API_VERSION,
) {
  return JSON.stringify({
    id,
    object: "event",
    api_version: apiVersion,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/** A Stripe-format event signed with the SDK's own helper and the webhook secret. */
export async function signedEvent(
  type: string,
  object: Record<string, unknown>,
  created: number,
  id = uniqueId("evt"),
  secret?: string,
  apiVersion?: string,
) {
  const payload = stripeEventPayload(type, object, created, id, apiVersion);
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: secret ?? (await webhookSecret(env)),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
  return { id, payload, signature };
}

/** The local provider's own record of the customer's subscription, as its events carry it. */
export async function localSubscription(customerId: string) {
  const row = await env.DB.prepare(
    "SELECT data_json FROM local_billing_objects WHERE customer_id = ? AND type = 'subscription'",
  )
    .bind(customerId)
    .first<string>("data_json");
  return JSON.parse(row!) as Record<string, unknown> & { id: string };
}

export const postWebhook = (
  payload: string,
  signature?: string,
  headers: Record<string, string> = {},
) =>
  api("/api/stripe/webhook", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(signature ? { "Stripe-Signature": signature } : {}),
      ...headers,
    },
    body: payload,
  });

export async function eventStatus(eventId: string) {
  return env.DB.prepare("SELECT status FROM stripe_events WHERE event_id = ?")
    .bind(eventId)
    .first<string>("status");
}

export async function waitForEventStatus(eventId: string, status: string) {
  await vi.waitFor(
    async () => {
      const now = await eventStatus(eventId);
      if (now !== status) throw new Error(`event ${eventId} is ${now}`);
    },
    { timeout: 15_000, interval: 100 },
  );
}

/** A local provider object (customer, setup intent, …) as it stands now. */
export async function localObject<T = Record<string, unknown>>(id: string): Promise<T | null> {
  const row = await env.DB.prepare("SELECT data_json FROM local_billing_objects WHERE id = ?")
    .bind(id)
    .first<string>("data_json");
  return row ? (JSON.parse(row) as T) : null;
}

/** Polls `GET /api/payment-methods` until `check` passes. */
export async function waitForCards(
  person: Person,
  check: (cards: { id: string; last4: string; is_default: boolean }[]) => boolean,
) {
  return vi.waitFor(
    async () => {
      const { body } = await call(person, "/api/payment-methods");
      if (!check(body.data)) throw new Error(`cards are ${JSON.stringify(body.data)}`);
      return body.data as { id: string; brand: string; last4: string; is_default: boolean }[];
    },
    { timeout: 15_000, interval: 150 },
  );
}

/** The events recorded for a customer, oldest first, with their payloads parsed. */
export async function recordedEvents(customerId: string, type: string) {
  const { results } = await env.DB.prepare(
    "SELECT event_id, status, payload_json FROM stripe_events WHERE customer_id = ? AND type = ? ORDER BY seq",
  )
    .bind(customerId, type)
    .all<{ event_id: string; status: string; payload_json: string }>();
  return results.map((row) => ({
    id: row.event_id,
    status: row.status,
    payload: row.payload_json,
    event: JSON.parse(row.payload_json) as {
      data: { object: Record<string, unknown> };
      request: { idempotency_key: string | null };
    },
  }));
}

/**
 * A `Stripe-Signature` for exactly this payload (a redelivery of a recorded event), signed
 * now or at `timestamp` (seconds).
 */
export async function signatureFor(payload: string, timestamp?: number) {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: await webhookSecret(env),
    timestamp,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}
