import { and, eq, notInArray, or } from "drizzle-orm";
import { STRIPE_API_VERSION } from "../../core/billing/stripe-version";
import { sha256Hex } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { localBillingObjects } from "../../db/schema";
import type { Env } from "../env";
import { conflict } from "../errors";
import { signPayload } from "./signing";
import { receiveStripeEvent } from "./webhook";

/**
 * The local provider's memory: Stripe-shaped objects in D1, a test clock per customer (so a
 * test can move to the end of a period the way Stripe's test clocks do), idempotent results,
 * and the one way it tells the app anything — a signed event to the webhook endpoint.
 */

export type LocalObject = Record<string, unknown> & { id: string; object: string };

export const localId = (prefix: string) =>
  `${prefix}_local_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;

export async function readObject<T extends LocalObject>(env: Env, id: string): Promise<T | null> {
  const row = await createDb(env.DB).query.localBillingObjects.findFirst({
    where: eq(localBillingObjects.id, id),
  });
  return row ? (JSON.parse(row.dataJson) as T) : null;
}

export async function requireObject<T extends LocalObject>(env: Env, id: string): Promise<T> {
  const found = await readObject<T>(env, id);
  if (!found) throw new Error(`local billing object ${id} does not exist`);
  return found;
}

export async function writeObject(env: Env, data: LocalObject, customerId: string | null) {
  // The local stand-in for Stripe keeps its own clock, as Stripe does, not the caller's.
  const now = Date.now();
  const dataJson = JSON.stringify(data);
  await createDb(env.DB)
    .insert(localBillingObjects)
    .values({
      id: data.id,
      type: data.object,
      customerId,
      dataJson,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: localBillingObjects.id, set: { dataJson, updatedAt: now } });
}

export async function listObjects<T extends LocalObject>(
  env: Env,
  customerId: string,
  type: string,
): Promise<T[]> {
  const rows = await createDb(env.DB)
    .select()
    .from(localBillingObjects)
    .where(and(eq(localBillingObjects.customerId, customerId), eq(localBillingObjects.type, type)))
    .orderBy(localBillingObjects.createdAt);
  return rows.map((row) => JSON.parse(row.dataJson) as T);
}

/** A deleted customer's own objects (details, cards, clock); invoices and credit notes stay. */
export async function deleteCustomerObjects(env: Env, customerId: string) {
  await createDb(env.DB)
    .delete(localBillingObjects)
    .where(
      and(
        or(eq(localBillingObjects.customerId, customerId), eq(localBillingObjects.id, customerId)),
        notInArray(localBillingObjects.type, ["invoice", "credit_note"]),
      ),
    );
}

/** The customer's test clock in seconds: real time plus however far it was advanced. */
export async function clockNow(env: Env, customerId: string): Promise<number> {
  const clock = await readObject<LocalObject & { offset: number }>(env, `clock_${customerId}`);
  // Stripe's test clocks run from Stripe's real time; this stand-in's is the wall clock.
  return Math.floor(Date.now() / 1000) + (clock?.offset ?? 0);
}

export async function advanceClockTo(env: Env, customerId: string, seconds: number) {
  // The offset from the stand-in's wall clock, the one `clockNow` adds it to.
  const offset = Math.max(0, seconds - Math.floor(Date.now() / 1000));
  await writeObject(env, { id: `clock_${customerId}`, object: "test_clock", offset }, customerId);
}

/**
 * Runs `fn` once per idempotency key and replays its result afterwards, as Stripe does for
 * a request repeated with the same `Idempotency-Key`. The key is claimed with one insert
 * before `fn` runs, so two concurrent requests cannot both run it (a read-then-write could):
 * the second gets 409 while the first is in flight, as Stripe answers `idempotency_key_in_use`.
 * A failed run gives the claim back, so a retry runs again.
 */
export async function once<T>(env: Env, key: string, fn: () => Promise<T>): Promise<T> {
  const id = `idem_${await sha256Hex(key)}`;
  const db = createDb(env.DB);
  // Stripe's own clock for its idempotency keys; the stand-in's is the wall clock.
  const now = Date.now();
  const claimed = await db
    .insert(localBillingObjects)
    .values({
      id,
      type: "idempotency_key",
      customerId: null,
      dataJson: JSON.stringify({ id, object: "idempotency_key", done: false }),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: localBillingObjects.id });
  if (claimed.length === 0) {
    const previous = await readObject<LocalObject & { done: boolean; result: T }>(env, id);
    if (previous?.done) return previous.result;
    throw conflict("A request with this Idempotency-Key is still in progress. Retry in a moment.");
  }
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    await db.delete(localBillingObjects).where(eq(localBillingObjects.id, id));
    throw error;
  }
  await writeObject(env, { id, object: "idempotency_key", done: true, result }, null);
  return result;
}

/**
 * Sends a Stripe-format event, signed with the webhook secret, to the webhook's own receiver
 * (`receiveStripeEvent`, what `POST /api/stripe/webhook` delegates to): the same signature
 * check, dedupe and queue as an event from Stripe. It is called in process rather than over
 * HTTP: a `fetch` to the Worker's own origin would need a listening socket (the workerd test
 * pool has none), and on Cloudflare a Worker cannot call its own route.
 */
export async function emitEvent(
  env: Env,
  type: string,
  object: LocalObject,
  customerId: string,
  idempotencyKey: string | null = null,
): Promise<string> {
  const event = {
    id: localId("evt"),
    object: "event",
    api_version: STRIPE_API_VERSION,
    created: await clockNow(env, customerId),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: idempotencyKey },
    type,
  };
  const payload = JSON.stringify(event);
  // Received now, by our own clock: the signature was just made with it (not the test clock).
  await receiveStripeEvent(env, payload, await signPayload(env, payload), Date.now());
  return event.id;
}
