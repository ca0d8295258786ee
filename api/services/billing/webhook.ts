import { and, asc, eq, lt, or, sql } from "drizzle-orm";
import {
  customerOfObject,
  type StripeEventEnvelope,
  stripeEventSchema,
} from "../../../core/billing/stripe-objects";
import { createDb } from "../../../db/client";
import { paymentMethods, type StripeEventRow, stripeEvents } from "../../../db/schema";
import type { Env } from "../../env";
import { AppError } from "../../lib/errors";
import { applyStripeEvent } from "./apply";
import { billingMode } from "./provider";
import { verifySignedPayload } from "./signing";

export const signatureInvalid = (reason: string) =>
  new AppError(400, "validation_failed", "Webhook signature verification failed", [
    { path: ["stripe-signature"], message: reason, location: "header" },
  ]);

/**
 * The fast half of a webhook (issue 6 asks for an answer within 100 ms): verify the
 * signature, record the event id once, hand the rest to the `stripe_events` queue. A bad or
 * missing signature records nothing; a duplicate is acknowledged and does nothing.
 */
export async function receiveStripeEvent(
  env: Env,
  payload: string,
  signature: string | undefined,
): Promise<{ eventId: string; duplicate: boolean }> {
  billingMode(env);
  if (!signature) throw signatureInvalid("Missing Stripe-Signature header");
  let verified: unknown;
  try {
    verified = await verifySignedPayload(env, payload, signature);
  } catch (error) {
    throw signatureInvalid(error instanceof Error ? error.message : "invalid signature");
  }
  const parsed = stripeEventSchema.safeParse(verified);
  if (!parsed.success) throw signatureInvalid("The signed payload is not a Stripe event");
  const event = parsed.data;
  const db = createDb(env.DB);
  const customerId = customerOfObject(event.data.object) ?? (await formerCustomer(env, event));
  const [inserted] = await db
    .insert(stripeEvents)
    .values({
      eventId: event.id,
      type: event.type,
      customerId,
      created: event.created,
      payloadJson: payload,
      status: "queued",
      receivedAt: Date.now(),
    })
    .onConflictDoNothing({ target: stripeEvents.eventId })
    .returning({ seq: stripeEvents.seq });
  if (!inserted) return { eventId: event.id, duplicate: true };
  try {
    await env.STRIPE_QUEUE.send({ type: "stripe.event", event_id: event.id, seq: inserted.seq });
  } catch (error) {
    // Without the message nobody would apply it: forget the id so Stripe's retry is taken.
    await db.delete(stripeEvents).where(eq(stripeEvents.seq, inserted.seq));
    throw error;
  }
  return { eventId: event.id, duplicate: false };
}

/** A claim older than this is a consumer that died mid-apply; the event is taken over. */
const CLAIM_TIMEOUT_MS = 60_000;

const claimable = (now: number) =>
  or(
    eq(stripeEvents.status, "queued"),
    and(eq(stripeEvents.status, "applying"), lt(stripeEvents.processedAt, now - CLAIM_TIMEOUT_MS)),
  );

/** A detached card no longer names its customer; the card's record still does. */
async function formerCustomer(env: Env, event: StripeEventEnvelope): Promise<string | null> {
  if (event.type !== "payment_method.detached") return null;
  const id = event.data.object.id;
  if (typeof id !== "string") return null;
  const row = await createDb(env.DB).query.paymentMethods.findFirst({
    where: eq(paymentMethods.id, id),
  });
  return row?.customerId ?? null;
}

/** Takes an event for applying (compare-and-set); false when another consumer has it. */
async function claim(env: Env, seq: number): Promise<boolean> {
  const now = Date.now();
  const claimed = await createDb(env.DB)
    .update(stripeEvents)
    .set({ status: "applying", processedAt: now })
    .where(and(eq(stripeEvents.seq, seq), claimable(now)))
    .returning({ seq: stripeEvents.seq });
  return claimed.length > 0;
}

async function finish(env: Env, seq: number, status: string, error: string | null) {
  await createDb(env.DB)
    .update(stripeEvents)
    .set({ status, error, processedAt: Date.now() })
    .where(eq(stripeEvents.seq, seq));
}

async function applyOne(env: Env, row: StripeEventRow) {
  if (!(await claim(env, row.seq))) return;
  try {
    const outcome = await applyStripeEvent(env, row);
    await finish(env, row.seq, outcome.status, outcome.reason ?? null);
  } catch (error) {
    // Back in the queue for the message's retry; the reason stays for operators.
    await createDb(env.DB)
      .update(stripeEvents)
      .set({ status: "queued", error: error instanceof Error ? error.message : String(error) })
      .where(eq(stripeEvents.seq, row.seq));
    throw error;
  }
}

/**
 * The queue consumer for one message. Events are applied in order per customer: the message
 * applies every queued event of its customer, oldest first (`created`, then arrival), so
 * however the queue batches or redelivers, one customer's events are applied in the order
 * they happened; state writes also refuse anything older than what they already hold.
 */
export async function handleStripeEventMessage(env: Env, seq: number): Promise<void> {
  const db = createDb(env.DB);
  const row = await db.query.stripeEvents.findFirst({ where: eq(stripeEvents.seq, seq) });
  if (!row || (row.status !== "queued" && row.status !== "applying")) return;
  const upToThis = sql`(${stripeEvents.created} < ${row.created} OR (${stripeEvents.created} = ${row.created} AND ${stripeEvents.seq} <= ${row.seq}))`;
  const pending = row.customerId
    ? await db
        .select()
        .from(stripeEvents)
        .where(and(eq(stripeEvents.customerId, row.customerId), claimable(Date.now()), upToThis))
        .orderBy(asc(stripeEvents.created), asc(stripeEvents.seq))
    : [row];
  for (const event of pending) await applyOne(env, event);
  const after = await db.query.stripeEvents.findFirst({ where: eq(stripeEvents.seq, seq) });
  if (after?.status === "applying") {
    // Another consumer holds it; the message comes back until that one has finished.
    throw new Error(`stripe event ${row.eventId} is being applied elsewhere`);
  }
}
