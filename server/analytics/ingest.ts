import { dayOf } from "../../core/analytics/days";
import type { AnalyticsEvent } from "../../core/contract/analytics";
import { createDb } from "../../db/client";
import { analyticsEvents } from "../../db/schema";
import type { Env } from "../env";

/** 12 bound values a row; D1 takes 100 a statement. */
const ROWS_PER_INSERT = 8;

/**
 * Stores a batch of raw events in one D1 batch (one transaction). `INSERT … ON CONFLICT DO
 * NOTHING` on the event id: a redelivered batch, or an event a retried producer sent twice,
 * is kept once, so the roll-up counts it once.
 */
export async function ingestEvents(
  env: Pick<Env, "DB">,
  events: readonly AnalyticsEvent[],
  now: number,
): Promise<void> {
  if (events.length === 0) return;
  const db = createDb(env.DB);
  const rows = events.map((event) => ({
    id: event.id,
    type: event.type,
    day: dayOf(event.occurred_at),
    occurredAt: event.occurred_at,
    userId: event.user_id,
    plan: event.plan,
    planFrom: event.plan_from,
    mrrFromCents: event.mrr_from_cents,
    mrrToCents: event.mrr_to_cents,
    reason: event.reason,
    receivedAt: now,
    rolledUpAt: null,
  }));
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    statements.push(
      db
        .insert(analyticsEvents)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing(),
    );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
