import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { afterEach, beforeEach, expect } from "vitest";
import { app } from "../../api/app";
import type { QueueMessage } from "../../core/queue/messages";
import type { Env } from "../../server/env";
import worker from "../../worker";
import { fakeStripe, STRIPE_SECRET_KEY } from "./billing-stripe-fake";
import { idempotencyKey, type Person, signedEvent } from "./billing-support";

/**
 * Billing with Stripe keys set: the official SDK talks to a fake api.stripe.com, and events
 * arrive as Stripe sends them — signed with the webhook secret by the SDK's test helper.
 * The Worker's environment is the test's own plus the keys, so the queue is captured and
 * handed to the Worker's real queue handler with the same environment.
 */
export const WEBHOOK_SECRET = "whsec_stripe_mode_suite_secret";
export const STRIPE_PRICES = {
  standard: "price_test_standard",
  premium: "price_test_premium",
  enterprise: "price_test_enterprise",
} as const;

/** Call in a describe block: a fresh fake Stripe and queue for each test. */
export function useStripeMode() {
  const mode = {
    stripe: undefined as unknown as ReturnType<typeof fakeStripe>,
    queued: [] as QueueMessage[],
    env: env as Env,
    send,
    post,
    webhook,
    drainQueue,
  };

  beforeEach(() => {
    mode.stripe = fakeStripe();
    mode.queued = [];
    const queue = {
      send: async (body: QueueMessage) => {
        mode.queued.push(body);
      },
      sendBatch: async (messages: Iterable<{ body: QueueMessage }>) => {
        for (const message of messages) mode.queued.push(message.body);
      },
    } as unknown as Env["STRIPE_QUEUE"];
    mode.env = {
      ...env,
      STRIPE_PRICE_STANDARD: STRIPE_PRICES.standard,
      STRIPE_PRICE_PREMIUM: STRIPE_PRICES.premium,
      STRIPE_PRICE_ENTERPRISE: STRIPE_PRICES.enterprise,
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_QUEUE: queue,
    };
  });

  afterEach(() => mode.stripe.restore());

  async function send(path: string, init: RequestInit = {}) {
    const response = await app.fetch(
      new Request(`http://localhost${path}`, init),
      mode.env,
      createExecutionContext(),
    );
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read envelopes loosely
    return { response, status: response.status, body: JSON.parse(text) as any };
  }

  function post(person: Person, path: string, body: unknown, key = idempotencyKey()) {
    return send(path, {
      method: "POST",
      headers: { ...person.headers, "Content-Type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify(body),
    });
  }

  /** An event as Stripe delivers it: signed with the endpoint's secret. */
  async function webhook(
    type: string,
    object: Record<string, unknown>,
    options: { secret?: string; created?: number; apiVersion?: string } = {},
  ) {
    const { id, payload, signature } = await signedEvent(
      type,
      object,
      options.created ?? Math.floor(Date.now() / 1000),
      undefined,
      options.secret ?? WEBHOOK_SECRET,
      options.apiVersion,
    );
    const answer = await send("/api/stripe/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      body: payload,
    });
    return { id, payload, signature, answer };
  }

  /** The Worker's queue handler, in Stripe mode, for everything the webhook queued. */
  async function drainQueue() {
    const messages = mode.queued.splice(0);
    const batch = createMessageBatch(
      "stripe_events",
      messages.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, mode.env);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(messages.length);
  }

  return mode;
}
