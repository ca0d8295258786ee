import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { BLOCKING_STRIPE_EVENT_STATUSES } from "../../core/billing/states";
import { createDb } from "../../db/client";
import { type StripeEventRow, stripeEvents } from "../../db/schema";
import type { Env } from "../env";
import { type AccountOfCustomer, type ApplyOutcome, applyStripeEvent } from "./apply";
import {
  alertFailedEvent,
  CLAIM_TIMEOUT_MS,
  failClaimedEvent,
  reasonOf,
  unappliableOf,
  waitsBehind,
} from "./failed-events";
import { userOfCustomer } from "./records";

/**
 * The slow half of a webhook: the `stripe_events` queue consumer applies the recorded events
 * in order per customer. It works a whole batch at once (one read of the batch's rows, one
 * claim per customer, one write of the outcomes that changed nothing) because every query it
 * saves is one the webhook's acknowledgement no longer queues behind on the same database:
 * applying events one message at a time took about 15 ms of D1 work per event and put the
 * acknowledgement's p99 at eight times health's (bench/RESULTS.md, "Stripe webhook").
 */

export { CLAIM_TIMEOUT_MS };
/** At most this many of one customer's events per pass, so a claim never outlives its timeout. */
export const MAX_EVENTS_PER_PASS = 100;

/** Why a message has to come back later; anything not named here was done. */
export type Failures = Map<number, Error>;

const claimable = (now: number) =>
  or(
    eq(stripeEvents.status, "queued"),
    and(eq(stripeEvents.status, "applying"), lt(stripeEvents.processedAt, now - CLAIM_TIMEOUT_MS)),
  );

/** Events that happened no later than `row`: by `created`, then by arrival. */
const upTo = (row: StripeEventRow) =>
  sql`(${stripeEvents.created} < ${row.created} OR (${stripeEvents.created} = ${row.created} AND ${stripeEvents.seq} <= ${row.seq}))`;

const isLater = (a: StripeEventRow, b: StripeEventRow) =>
  a.created > b.created || (a.created === b.created && a.seq > b.seq);

/**
 * Applies the events behind a batch of `stripe_events` messages (by `seq`). Each customer's
 * open events up to the latest one in the batch are applied oldest first, so however the
 * queue batches or redelivers, one customer's events take effect in the order they happened.
 * A message is done when its event is applied, ignored, or failed for good (an event that can
 * never be applied as it stands waits for an operator, not for retries); it fails (and is
 * retried) when its event could not be applied yet: it or an earlier event of the customer
 * failed in a way a retry may fix, an earlier one is failed for good, or an earlier one is
 * still being applied by another consumer.
 */
export async function applyStripeEventBatch(
  env: Env,
  seqs: readonly number[],
  now: number,
): Promise<Failures> {
  const failures: Failures = new Map();
  if (seqs.length === 0) return failures;
  const rows = await createDb(env.DB)
    .select()
    .from(stripeEvents)
    .where(
      and(
        inArray(stripeEvents.seq, [...seqs]),
        inArray(stripeEvents.status, BLOCKING_STRIPE_EVENT_STATUSES),
      ),
    );
  // A failed event's message again (redelivered, or the pass that failed it stopped before its
  // alert went out): nothing to apply, but the alert is made sure of (its key keeps it to one).
  for (const row of rows) if (row.status === "failed") await alertFailedEvent(env, row, now);
  const open = rows.filter((row) => row.status !== "failed");
  for (const members of groupByCustomer(open)) {
    const latest = members.reduce((a, b) => (isLater(b, a) ? b : a));
    const pass = await applyInOrder(env, latest, now);
    for (const member of members) {
      if (!pass.done.has(member.seq)) failures.set(member.seq, notYet(member, pass.stoppedBy));
    }
  }
  return failures;
}

function groupByCustomer(rows: StripeEventRow[]): StripeEventRow[][] {
  const groups = new Map<string, StripeEventRow[]>();
  for (const row of rows) {
    // An event that names no customer has no order to keep: it is its own group.
    const key = row.customerId ?? `seq:${row.seq}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

const notYet = (row: StripeEventRow, cause: Error | undefined) =>
  new Error(
    `stripe event ${row.eventId} is not applied yet${cause ? `: ${cause.message}` : " (an earlier event of its customer is being applied elsewhere)"}`,
  );

interface Pass {
  /** The events applied, ignored or failed for good in this pass. */
  done: Set<number>;
  /** The error that stopped the pass early, if one did. */
  stoppedBy?: Error;
}

/**
 * Claims the customer's open events up to `latest` and applies them in order, stopping at the
 * first one it cannot apply now, or at a failed one (which only an operator moves on).
 */
async function applyInOrder(env: Env, latest: StripeEventRow, now: number): Promise<Pass> {
  const db = createDb(env.DB);
  const pending = latest.customerId
    ? await db
        .select()
        .from(stripeEvents)
        .where(
          and(
            eq(stripeEvents.customerId, latest.customerId),
            inArray(stripeEvents.status, BLOCKING_STRIPE_EVENT_STATUSES),
            upTo(latest),
          ),
        )
        .orderBy(asc(stripeEvents.created), asc(stripeEvents.seq))
        .limit(MAX_EVENTS_PER_PASS)
    : [latest];
  // Nothing after a failed event is claimed: it all waits for the operator.
  const blockedAt = pending.findIndex((row) => row.status === "failed");
  const blocker = blockedAt === -1 ? undefined : pending[blockedAt];
  const runnable = blockedAt === -1 ? pending : pending.slice(0, blockedAt);
  const pass: Pass = { done: new Set() };
  if (blocker) {
    pass.stoppedBy = new Error(waitsBehind(blocker, "it failed and waits for an operator"));
  }
  if (runnable.length === 0) return pass;
  const claimed = new Set(
    (
      await db
        .update(stripeEvents)
        .set({ status: "applying", processedAt: now })
        .where(
          and(
            inArray(
              stripeEvents.seq,
              runnable.map((row) => row.seq),
            ),
            claimable(now),
          ),
        )
        .returning({ seq: stripeEvents.seq })
    ).map((row) => row.seq),
  );

  const accountOf = accountsOnce(env);
  // Outcomes that changed nothing are written together at the end: applying one again after
  // a crash is harmless. An applied event is marked at once, so it is never applied twice.
  const unchanged: { seq: number; outcome: ApplyOutcome }[] = [];
  let failed: number | null = null;
  for (const row of runnable) {
    // Held by a live consumer elsewhere: everything after it waits for that one.
    if (!claimed.has(row.seq)) {
      pass.stoppedBy = undefined;
      break;
    }
    let outcome: ApplyOutcome;
    try {
      outcome = await applyStripeEvent(env, row, now, accountOf);
    } catch (error) {
      const unappliable = unappliableOf(error);
      if (unappliable) {
        // Retrying cannot help: failed at once, its message is done, the operators are told.
        const reason = reasonOf(unappliable);
        await failClaimedEvent(env, row.seq, reason, now);
        pass.done.add(row.seq);
        pass.stoppedBy = new Error(waitsBehind(row, reason));
      } else {
        pass.stoppedBy = error instanceof Error ? error : new Error(String(error));
        failed = row.seq;
      }
      break;
    }
    if (outcome.status === "ignored") unchanged.push({ seq: row.seq, outcome });
    else await finish(env, [{ seq: row.seq, outcome }], now);
    pass.done.add(row.seq);
  }
  await finish(env, unchanged, now);
  // The failed event keeps its reason for operators; the message's retry tries it again.
  if (failed !== null) await release(env, [failed], pass.stoppedBy?.message);
  // Claimed but not reached (a failure or a busy event stopped the pass): back in the queue.
  // What they wait behind is named when they are dead-lettered (deadLetterStripeEvent).
  await release(
    env,
    [...claimed].filter((seq) => seq !== failed && !pass.done.has(seq)),
  );
  return pass;
}

/**
 * One lookup per customer for the pass: the API links a customer to its account before the
 * provider can name that customer in an event, so the answer cannot change mid-pass.
 */
function accountsOnce(env: Env): AccountOfCustomer {
  const known = new Map<string, Promise<string | null>>();
  return (customerId) => {
    let account = known.get(customerId);
    if (!account) {
      account = userOfCustomer(env, customerId);
      known.set(customerId, account);
    }
    return account;
  };
}

async function finish(
  env: Env,
  outcomes: { seq: number; outcome: ApplyOutcome }[],
  processedAt: number,
) {
  if (outcomes.length === 0) return;
  const db = createDb(env.DB);
  const writes = outcomes.map(({ seq, outcome }) =>
    db
      .update(stripeEvents)
      .set({ status: outcome.status, error: outcome.reason ?? null, processedAt })
      .where(eq(stripeEvents.seq, seq)),
  );
  await db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]);
}

/** Back to `queued`, for the next message that reaches them; `error` is kept for operators. */
async function release(env: Env, seqs: number[], error?: string) {
  if (seqs.length === 0) return;
  await createDb(env.DB)
    .update(stripeEvents)
    .set(error === undefined ? { status: "queued" } : { status: "queued", error })
    .where(and(inArray(stripeEvents.seq, seqs), eq(stripeEvents.status, "applying")));
}
