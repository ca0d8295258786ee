import { and, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { StripeEventStatus } from "../../core/billing/states";
import { createDb } from "../../db/client";
import { billingCustomers, type StripeEventRow, stripeEvents, users } from "../../db/schema";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";

/**
 * What operators do with Stripe events that could not be applied (README "Stuck billing
 * events"): list and read them, retry a failed one once its cause is fixed, or skip it for
 * good so its customer's later events go on.
 */

export interface StripeEventListing {
  row: Omit<StripeEventRow, "payloadJson">;
  account: { userId: string; email: string } | null;
}

export interface EventListFilters {
  status?: StripeEventStatus;
  customerId?: string;
  page: number;
  perPage: number;
}

const listColumns = {
  seq: stripeEvents.seq,
  eventId: stripeEvents.eventId,
  type: stripeEvents.type,
  customerId: stripeEvents.customerId,
  created: stripeEvents.created,
  status: stripeEvents.status,
  error: stripeEvents.error,
  receivedAt: stripeEvents.receivedAt,
  processedAt: stripeEvents.processedAt,
};

/** Newest first; each with the account its customer belongs to, when one does. */
export async function listStripeEvents(
  env: Env,
  filters: EventListFilters,
): Promise<{ items: StripeEventListing[]; total: number }> {
  const db = createDb(env.DB);
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(stripeEvents.status, filters.status));
  if (filters.customerId) conditions.push(eq(stripeEvents.customerId, filters.customerId));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...listColumns, userId: users.id, email: users.email })
      .from(stripeEvents)
      .leftJoin(billingCustomers, eq(billingCustomers.customerId, stripeEvents.customerId))
      .leftJoin(users, eq(users.id, billingCustomers.userId))
      .where(where)
      .orderBy(desc(stripeEvents.seq))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ value: count() }).from(stripeEvents).where(where),
  ]);
  return {
    items: rows.map(({ userId, email, ...row }) => ({
      row,
      account: userId && email ? { userId, email } : null,
    })),
    total: total?.value ?? 0,
  };
}

/** One event with its payload, or 404. */
export async function getStripeEvent(
  env: Env,
  eventId: string,
): Promise<StripeEventListing & { payloadJson: string }> {
  const db = createDb(env.DB);
  const [found] = await db
    .select({ event: stripeEvents, userId: users.id, email: users.email })
    .from(stripeEvents)
    .leftJoin(billingCustomers, eq(billingCustomers.customerId, stripeEvents.customerId))
    .leftJoin(users, eq(users.id, billingCustomers.userId))
    .where(eq(stripeEvents.eventId, eventId))
    .limit(1);
  if (!found) throw notFound("Stripe event");
  const { payloadJson, ...row } = found.event;
  return {
    row,
    payloadJson,
    account: found.userId && found.email ? { userId: found.userId, email: found.email } : null,
  };
}

/** What a retry or skip did: the event as it is now and the events it queued again. */
export interface EventAction {
  event: StripeEventListing;
  /** Event ids queued again by this request; empty when a repeat found the work done. */
  requeued: string[];
  /** False when the request repeated one already carried out (a double click): nothing changed. */
  changed: boolean;
}

/** Later than `row` in its customer's order: by `created`, then by arrival. */
const laterThan = (row: StripeEventRow) =>
  sql`(${stripeEvents.created} > ${row.created} OR (${stripeEvents.created} = ${row.created} AND ${stripeEvents.seq} > ${row.seq}))`;

/**
 * Failed events back to `queued` with a message each, so the consumer applies them in order.
 * The status changes first, and only from `failed`, so two requests never queue one twice; if
 * the queue refuses, they go back to `failed` (the operator sees the error and tries again).
 */
async function requeue(env: Env, where: SQL): Promise<StripeEventRow[]> {
  const db = createDb(env.DB);
  const rows = await db
    .update(stripeEvents)
    .set({ status: "queued" })
    .where(and(where, eq(stripeEvents.status, "failed")))
    .returning();
  if (rows.length === 0) return rows;
  try {
    // sendBatch takes at most 100 messages
    for (let start = 0; start < rows.length; start += 100) {
      await env.STRIPE_QUEUE.sendBatch(
        rows.slice(start, start + 100).map((row) => ({
          body: { type: "stripe.event" as const, event_id: row.eventId, seq: row.seq },
        })),
      );
    }
  } catch (error) {
    await db
      .update(stripeEvents)
      .set({ status: "failed" })
      .where(
        and(
          inArray(
            stripeEvents.seq,
            rows.map((row) => row.seq),
          ),
          eq(stripeEvents.status, "queued"),
        ),
      );
    throw error;
  }
  return rows;
}

/** The customer's later failed events, which wait behind `row`. */
const laterFailed = (row: StripeEventRow): SQL | null =>
  row.customerId
    ? (and(eq(stripeEvents.customerId, row.customerId), laterThan(row)) ?? null)
    : null;

async function current(env: Env, eventId: string): Promise<StripeEventRow> {
  const row = await createDb(env.DB).query.stripeEvents.findFirst({
    where: eq(stripeEvents.eventId, eventId),
  });
  if (!row) throw notFound("Stripe event");
  return row;
}

async function actionResult(
  env: Env,
  eventId: string,
  requeued: StripeEventRow[],
  changed: boolean,
): Promise<EventAction> {
  const { payloadJson: _payload, ...event } = await getStripeEvent(env, eventId);
  return { event, requeued: requeued.map((row) => row.eventId), changed };
}

/**
 * Retry: a failed event and the failed events of its customer after it go back to the queue
 * (the cause was fixed, or was transient). A repeat finds nothing failed and changes nothing;
 * a skipped event is never applied, so retrying one is a conflict.
 */
export async function retryFailedEvent(env: Env, eventId: string): Promise<EventAction> {
  const row = await current(env, eventId);
  if (row.status === "skipped") {
    throw conflict("This event was skipped: it is never applied", { status: row.status });
  }
  const own = await requeue(env, eq(stripeEvents.seq, row.seq));
  if (own.length === 0) return actionResult(env, eventId, [], false);
  const later = laterFailed(row);
  const rest = later ? await requeue(env, later) : [];
  return actionResult(env, eventId, [...own, ...rest], true);
}

/**
 * Skip: the failed event is never applied; the failed events of its customer after it are
 * queued again so the mirror catches up. A repeat of a skip answers the same without doing
 * it again; any event that is not failed is a conflict.
 */
export async function skipFailedEvent(
  env: Env,
  eventId: string,
  now: number,
): Promise<EventAction> {
  const row = await current(env, eventId);
  const [skipped] = await createDb(env.DB)
    .update(stripeEvents)
    .set({ status: "skipped", processedAt: now })
    .where(and(eq(stripeEvents.seq, row.seq), eq(stripeEvents.status, "failed")))
    .returning();
  if (!skipped) {
    const latest = await current(env, eventId);
    if (latest.status === "skipped") return actionResult(env, eventId, [], false);
    throw conflict(`Only a failed event can be skipped; this one is ${latest.status}`, {
      status: latest.status,
    });
  }
  const later = laterFailed(skipped);
  const requeued = later ? await requeue(env, later) : [];
  return actionResult(env, eventId, requeued, true);
}
