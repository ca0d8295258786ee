import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/**
 * Analytics (README "Analytics"): raw events as the queue delivered them, and their daily
 * roll-up by plan that the admin reports read.
 */

/**
 * One row per event id: ingest inserts or ignores by `id`, so a redelivered batch or a
 * retried producer counts once. `seq` orders arrival; the roll-up marks the rows it counted
 * (`rolled_up_at`) only up to the last `seq` it read.
 */
export const analyticsEvents = sqliteTable(
  "analytics_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    type: text("type").notNull(),
    /** UTC day of `occurred_at`, YYYY-MM-DD: the day the roll-up counts it under. */
    day: text("day").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    userId: text("user_id").notNull(),
    plan: text("plan").notNull(),
    planFrom: text("plan_from"),
    mrrFromCents: integer("mrr_from_cents").notNull().default(0),
    mrrToCents: integer("mrr_to_cents").notNull().default(0),
    reason: text("reason"),
    receivedAt: integer("received_at").notNull(),
    rolledUpAt: integer("rolled_up_at"),
  },
  (t) => [
    uniqueIndex("analytics_events_id_idx").on(t.id),
    // A day's recount groups its events by type and plan.
    index("analytics_events_day_idx").on(t.day, t.type, t.plan),
    // The days still to roll up: small, as it holds only the rows not yet counted.
    index("analytics_events_pending_idx").on(t.day).where(sql`rolled_up_at IS NULL`),
  ],
);

/**
 * Daily totals by plan (`all` for every plan together): counts of events, distinct active
 * users, and MRR movements in cents (core/analytics/mrr.ts). A day's rows are rewritten whole
 * each time the day is recounted.
 */
export const analyticsDaily = sqliteTable(
  "analytics_daily",
  {
    plan: text("plan").notNull(),
    metric: text("metric").notNull(),
    day: text("day").notNull(),
    value: integer("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.plan, t.metric, t.day] }),
    index("analytics_daily_day_idx").on(t.day),
  ],
);

/**
 * The MRR movements of `analytics_daily` again, one row per plan (and `all`) and day with a
 * column each, written in the same batch as the day's other rows. The revenue report reads a
 * year of five scopes from this covering index in order instead of grouping ~7,300 metric rows
 * (bench/RESULTS.md, "Analytics"). Days without any movement have no row.
 */
export const analyticsRevenueDaily = sqliteTable(
  "analytics_revenue_daily",
  {
    plan: text("plan").notNull(),
    day: text("day").notNull(),
    newCents: integer("new_cents").notNull(),
    expansionCents: integer("expansion_cents").notNull(),
    contractionCents: integer("contraction_cents").notNull(),
    churnCents: integer("churn_cents").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.plan, t.day] }),
    index("analytics_revenue_daily_read_idx").on(
      t.plan,
      t.day,
      t.newCents,
      t.expansionCents,
      t.contractionCents,
      t.churnCents,
    ),
    index("analytics_revenue_daily_day_idx").on(t.day),
  ],
);
