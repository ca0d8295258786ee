import { addDays, dayOf } from "../../core/analytics/days";
import { movementsOf } from "../../core/analytics/mrr";
import { type AnalyticsEventType, SUBSCRIPTION_EVENT_TYPES } from "../../core/contract/analytics";
import { isPlan } from "../../core/plans/entitlements";
import type { Env } from "../env";

/**
 * The roll-up (README "Analytics"), run by the 5-minute cron: every day that has events not yet
 * counted is recounted whole from its raw events, and its `analytics_daily` rows replaced.
 *
 * Recounting whole days rather than adding new events to running totals: the distinct active
 * users of a day cannot be added to, a late event lands in its own day, and a recount reads
 * only raw rows, so running it twice, or again after a crash half-way, gives the same numbers.
 * A day's aggregates are read in one D1 batch together with the highest `seq` it saw, and its
 * rows replaced in another batch that marks counted only the events up to that `seq`: one
 * that arrived in between stays pending and the day is recounted on the next run.
 */

/** Raw events are kept this long for recounts, then pruned by the daily cron; totals stay. */
export const RAW_EVENT_RETENTION_DAYS = 400;
/** Days recounted per run: a day is a handful of statements, well inside D1's per-call limits. */
export const DAYS_PER_RUN = 60;
/** 4 bound values a row; D1 takes 100 a statement. */
const ROWS_PER_INSERT = 25;

const METRIC_OF_TYPE: Record<AnalyticsEventType, string> = {
  "user.signed_up": "signups",
  "user.email_verified": "verified",
  "resume.created": "resumes_created",
  "export.completed": "exports",
  "share.viewed": "share_views",
  "subscription.started": "subscriptions_started",
  "subscription.changed": "subscriptions_changed",
  "subscription.canceled": "subscriptions_canceled",
  "payment.succeeded": "payments_succeeded",
  "payment.failed": "payments_failed",
  "payment.recovered": "payments_recovered",
};

type Totals = Map<string, number>;
const add = (totals: Totals, plan: string, metric: string, value: number) => {
  const key = `${plan}\u0000${metric}`;
  totals.set(key, (totals.get(key) ?? 0) + value);
};

const SUBSCRIPTION_TYPES_SQL = SUBSCRIPTION_EVENT_TYPES.map((t) => `'${t}'`).join(",");

const rowsOf = <T>(result: D1Result | undefined): T[] => (result?.results ?? []) as T[];

/** Reads one day's totals and the last `seq` they cover, in one batch (one snapshot). */
async function countDay(env: Pick<Env, "DB">, day: string) {
  const [seq, counts, active, activeAll, subscriptions] = await env.DB.batch([
    env.DB.prepare("SELECT coalesce(max(seq), 0) AS seq FROM analytics_events"),
    env.DB.prepare(
      "SELECT plan, type, count(*) AS n FROM analytics_events WHERE day = ? GROUP BY plan, type",
    ).bind(day),
    env.DB.prepare(
      "SELECT plan, count(DISTINCT user_id) AS n FROM analytics_events WHERE day = ? GROUP BY plan",
    ).bind(day),
    env.DB.prepare("SELECT count(DISTINCT user_id) AS n FROM analytics_events WHERE day = ?").bind(
      day,
    ),
    env.DB.prepare(
      `SELECT plan, plan_from, mrr_from_cents, mrr_to_cents, reason, count(*) AS n
         FROM analytics_events WHERE day = ? AND type IN (${SUBSCRIPTION_TYPES_SQL})
         GROUP BY plan, plan_from, mrr_from_cents, mrr_to_cents, reason`,
    ).bind(day),
  ]);
  const totals: Totals = new Map();
  for (const row of rowsOf<{ plan: string; type: AnalyticsEventType; n: number }>(counts)) {
    const metric = METRIC_OF_TYPE[row.type];
    if (!metric) continue;
    add(totals, row.plan, metric, row.n);
    add(totals, "all", metric, row.n);
  }
  for (const row of rowsOf<{ plan: string; n: number }>(active))
    add(totals, row.plan, "active_users", row.n);
  const all = rowsOf<{ n: number }>(activeAll)[0]?.n ?? 0;
  if (all > 0) add(totals, "all", "active_users", all);
  type SubscriptionGroup = {
    plan: string;
    plan_from: string | null;
    mrr_from_cents: number;
    mrr_to_cents: number;
    reason: string | null;
    n: number;
  };
  for (const row of rowsOf<SubscriptionGroup>(subscriptions)) {
    if (!isPlan(row.plan)) continue;
    const planFrom = row.plan_from !== null && isPlan(row.plan_from) ? row.plan_from : null;
    const moves = movementsOf({
      plan: row.plan,
      planFrom,
      mrrFromCents: row.mrr_from_cents,
      mrrToCents: row.mrr_to_cents,
      reason: row.reason,
    });
    for (const move of moves) add(totals, move.scope, move.metric, move.value * row.n);
  }
  return { totals, seq: rowsOf<{ seq: number }>(seq)[0]?.seq ?? 0 };
}

const MRR_METRICS = ["mrr_new", "mrr_expansion", "mrr_contraction", "mrr_churn"] as const;

/** The day's MRR movements by scope (db/schema/analytics.ts), for the scopes that moved. */
function revenueRows(totals: Totals) {
  const plans = new Set([...totals.keys()].map((key) => key.split("\u0000")[0] as string));
  return [...plans]
    .map((plan) => ({
      plan,
      cents: MRR_METRICS.map((metric) => totals.get(`${plan}\u0000${metric}`) ?? 0),
    }))
    .filter(({ cents }) => cents.some((value) => value !== 0));
}

/**
 * Replaces the day's rows (and its revenue rows) and marks its events up to `seq` counted, in
 * one transaction.
 */
async function writeDay(
  env: Pick<Env, "DB">,
  day: string,
  totals: Totals,
  seq: number,
  now: number,
) {
  const rows = [...totals].filter(([, value]) => value !== 0);
  const statements = [
    env.DB.prepare("DELETE FROM analytics_daily WHERE day = ?").bind(day),
    env.DB.prepare("DELETE FROM analytics_revenue_daily WHERE day = ?").bind(day),
  ];
  const revenue = revenueRows(totals);
  if (revenue.length > 0)
    statements.push(
      env.DB.prepare(
        `INSERT INTO analytics_revenue_daily
           (plan, day, new_cents, expansion_cents, contraction_cents, churn_cents)
         VALUES ${revenue.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}`,
      ).bind(...revenue.flatMap(({ plan, cents }) => [plan, day, ...cents])),
    );
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    statements.push(
      env.DB.prepare(
        `INSERT INTO analytics_daily (plan, metric, day, value) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}`,
      ).bind(
        ...chunk.flatMap(([key, value]) => {
          const [plan, metric] = key.split("\u0000");
          return [plan, metric, day, value];
        }),
      ),
    );
  }
  statements.push(
    env.DB.prepare(
      "UPDATE analytics_events SET rolled_up_at = ? WHERE day = ? AND rolled_up_at IS NULL AND seq <= ?",
    ).bind(now, day, seq),
  );
  await env.DB.batch(statements);
}

export interface RollupResult {
  /** Days recounted by this run. */
  days: string[];
  /** Whether days are still pending (the next run goes on with them). */
  more: boolean;
}

/**
 * Recounts up to `DAYS_PER_RUN` days with pending events. A day older than the raw-event
 * retention that already has totals is not recounted (its raw events are being pruned, so a
 * recount would lose what was counted): a late event for one is marked counted as it is. One
 * with no totals yet (a backfill reaching further back than live tracking, README "Analytics")
 * has lost nothing, so it is counted like any other day.
 */
export async function rollupAnalytics(
  env: Pick<Env, "DB">,
  now: number,
  maxDays = DAYS_PER_RUN,
): Promise<RollupResult> {
  const horizon = addDays(dayOf(now), -RAW_EVENT_RETENTION_DAYS);
  await env.DB.prepare(
    `UPDATE analytics_events SET rolled_up_at = ?1 WHERE rolled_up_at IS NULL AND day < ?2
      AND EXISTS (SELECT 1 FROM analytics_daily d WHERE d.day = analytics_events.day)`,
  )
    .bind(now, horizon)
    .run();
  const pending = await env.DB.prepare(
    "SELECT DISTINCT day FROM analytics_events WHERE rolled_up_at IS NULL ORDER BY day LIMIT ?",
  )
    .bind(maxDays + 1)
    .all<{ day: string }>();
  const days = pending.results.slice(0, maxDays).map((row) => row.day);
  for (const day of days) {
    const { totals, seq } = await countDay(env, day);
    await writeDay(env, day, totals, seq, now);
  }
  return { days, more: pending.results.length > maxDays };
}

/**
 * Deletes counted raw events past the retention (README "Analytics"); the daily totals stay.
 * Ones not counted yet (a backfill's, just stored) wait for the roll-up.
 */
export async function pruneAnalyticsEvents(env: Pick<Env, "DB">, now: number): Promise<number> {
  const horizon = addDays(dayOf(now), -RAW_EVENT_RETENTION_DAYS);
  const result = await env.DB.prepare(
    "DELETE FROM analytics_events WHERE day < ? AND rolled_up_at IS NOT NULL",
  )
    .bind(horizon)
    .run();
  return result.meta.changes ?? 0;
}
