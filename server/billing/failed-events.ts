import { and, eq, inArray, sql } from "drizzle-orm";
import { ZodError } from "zod";
import {
  BLOCKING_STRIPE_EVENT_STATUSES,
  OPEN_STRIPE_EVENT_STATUSES,
} from "../../core/billing/states";
import { createDb } from "../../db/client";
import { billingCustomers, type StripeEventRow, stripeEvents, users } from "../../db/schema";
import { publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { UnappliableEvent } from "./unappliable";

/**
 * Events that cannot be applied (README "Stuck billing events"): they become `failed` and stay
 * so until an operator retries or skips them. A failed event holds back the later events of
 * its customer, so its customer's billing mirror never takes effects out of order; every
 * event that becomes failed mails the operators once.
 */

/** A claim older than this is a consumer that died mid-apply; the event is taken over. */
export const CLAIM_TIMEOUT_MS = 60_000;

const MAX_REASON = 1_000;
const bounded = (text: string) =>
  text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;

/**
 * What applying threw, as the reason an event can never be applied as it stands; null when
 * trying again may help (a database or provider outage). A payload a schema rejects is one
 * of those: the same bytes are rejected however often they are read.
 */
export function unappliableOf(error: unknown): UnappliableEvent | null {
  if (error instanceof UnappliableEvent) return error;
  if (error instanceof ZodError) {
    const issues = error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(the object)"}: ${issue.message}`)
      .join("; ");
    return new UnappliableEvent(
      "unreadable_payload",
      `The event's payload does not have the shape this code reads: ${issues}`,
    );
  }
  return null;
}

export const reasonOf = (error: UnappliableEvent) => bounded(`${error.code}: ${error.message}`);

/**
 * Marks an event this consumer holds (`applying`) failed with its reason, then alerts. Only
 * from `applying`: a claim taken over meanwhile is someone else's to finish.
 */
export async function failClaimedEvent(
  env: Env,
  seq: number,
  reason: string,
  now: number,
): Promise<void> {
  const [row] = await createDb(env.DB)
    .update(stripeEvents)
    .set({ status: "failed", error: bounded(reason), processedAt: now })
    .where(and(eq(stripeEvents.seq, seq), eq(stripeEvents.status, "applying")))
    .returning();
  if (row) await alertFailedEvent(env, row, now);
}

/** Who the customer is in this product: the account id and its address, when known. */
export async function accountOfCustomer(
  env: Env,
  customerId: string,
): Promise<{ userId: string; email: string } | null> {
  const [row] = await createDb(env.DB)
    .select({ userId: users.id, email: users.email })
    .from(billingCustomers)
    .innerJoin(users, eq(users.id, billingCustomers.userId))
    .where(eq(billingCustomers.customerId, customerId))
    .limit(1);
  return row ?? null;
}

/**
 * Mails the operators about a failed event. The key names the failure (the event and the
 * moment it failed), so a redelivered message or a replayed dead letter sends nothing again,
 * while the same event failing again after an operator's retry is a new alert.
 */
export async function alertFailedEvent(env: Env, row: StripeEventRow, now: number): Promise<void> {
  if (row.status !== "failed") return;
  const account = row.customerId ? await accountOfCustomer(env, row.customerId) : null;
  const failedAt = row.processedAt ?? row.receivedAt;
  await sendEmail(env, {
    to: env.OPS_ALERT_EMAIL,
    template: "billing_event_failed",
    dedupeKey: `stripe-event-failed:${row.seq}:${failedAt}`,
    now,
    data: {
      eventId: row.eventId,
      type: row.type,
      customerId: row.customerId,
      account: account ? `${account.email} (${account.userId})` : null,
      reason: row.error ?? "no reason was recorded",
      adminUrl: publicUrl(
        env,
        `/admin/billing-events?status=failed&event=${encodeURIComponent(row.eventId)}`,
      ),
      environment: env.ENVIRONMENT,
      failedAt: new Date(failedAt).toISOString(),
    },
  });
}

/** The earliest event of the customer before `row` that is not applied yet: what holds it back. */
async function blockerBefore(env: Env, row: StripeEventRow): Promise<StripeEventRow | null> {
  if (!row.customerId) return null;
  const [blocker] = await createDb(env.DB)
    .select()
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.customerId, row.customerId),
        inArray(stripeEvents.status, BLOCKING_STRIPE_EVENT_STATUSES),
        sql`(${stripeEvents.created} < ${row.created} OR (${stripeEvents.created} = ${row.created} AND ${stripeEvents.seq} < ${row.seq}))`,
      ),
    )
    .orderBy(stripeEvents.created, stripeEvents.seq)
    .limit(1);
  return blocker ?? null;
}

export const waitsBehind = (blocker: Pick<StripeEventRow, "eventId">, cause: string) =>
  `waits behind event ${blocker.eventId}: ${cause}`;

/**
 * A `stripe_events` message used up its retries. Its event, if still not applied, becomes
 * `failed` (keeping why) and operators are alerted. "busy": a live consumer holds the event
 * right now, so the dead letter should come back later to see how that ended.
 */
export async function deadLetterStripeEvent(
  env: Env,
  seq: number,
  now: number,
): Promise<"settled" | "busy"> {
  const db = createDb(env.DB);
  const row = await db.query.stripeEvents.findFirst({ where: eq(stripeEvents.seq, seq) });
  if (!row) return "settled";
  // Failed already (the dead letter replayed, or the consumer failed it at once): make sure
  // the alert went out; the dedupe key keeps it to one.
  if (row.status === "failed") {
    await alertFailedEvent(env, row, now);
    return "settled";
  }
  if (row.status !== "queued" && row.status !== "applying") return "settled";
  if (row.status === "applying" && (row.processedAt ?? 0) > now - CLAIM_TIMEOUT_MS) return "busy";
  const blocker = await blockerBefore(env, row);
  const reason = blocker
    ? waitsBehind(blocker, `it is ${blocker.status}${blocker.error ? ` (${blocker.error})` : ""}`)
    : (row.error ?? "its queue message ran out of retries");
  const [failed] = await db
    .update(stripeEvents)
    .set({ status: "failed", error: bounded(reason), processedAt: now })
    .where(
      and(
        eq(stripeEvents.seq, seq),
        inArray(stripeEvents.status, OPEN_STRIPE_EVENT_STATUSES),
        // the same state it was read in: a consumer that claimed it meanwhile keeps it
        row.processedAt === null
          ? sql`${stripeEvents.processedAt} IS NULL`
          : eq(stripeEvents.processedAt, row.processedAt),
      ),
    )
    .returning();
  if (!failed) return "busy";
  await alertFailedEvent(env, failed, now);
  return "settled";
}
