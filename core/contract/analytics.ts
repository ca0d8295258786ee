import { z } from "zod";
import { PLANS } from "../plans/entitlements";
import { jobSchema } from "./jobs";

/**
 * Usage and revenue analytics (README "Analytics"): the events producers put on the
 * `analytics` queue, and the admin reports read from their daily roll-up. Both the server and
 * the admin app import these.
 */

export const ANALYTICS_EVENT_TYPES = [
  "user.signed_up",
  "user.email_verified",
  "resume.created",
  "export.completed",
  "share.viewed",
  "subscription.started",
  "subscription.changed",
  "subscription.canceled",
  "payment.succeeded",
  "payment.failed",
  "payment.recovered",
] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

export const SUBSCRIPTION_EVENT_TYPES = [
  "subscription.started",
  "subscription.changed",
  "subscription.canceled",
] as const satisfies readonly AnalyticsEventType[];

const planSchema = z.enum(PLANS);
const cents = z.number().int().min(0).max(100_000_000);

/**
 * One event. `id` is stable: derived from what the source already names (the account, the
 * export job, the Stripe event, the invoice), so a producer that retries sends the same id and
 * ingest keeps it once. `plan` is the account's plan when it happened. Subscription events say
 * which plan the subscription was on before (`plan_from`) and its monthly recurring revenue
 * before and after, in cents; `reason` says why one ended or stopped paying.
 */
export const analyticsEventSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(ANALYTICS_EVENT_TYPES),
  occurred_at: z.number().int().min(0),
  user_id: z.string().min(1).max(64),
  plan: planSchema,
  plan_from: planSchema.nullable().default(null),
  mrr_from_cents: cents.default(0),
  mrr_to_cents: cents.default(0),
  reason: z.string().min(1).max(64).nullable().default(null),
});
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

export const ANALYTICS_REPORTS = [
  "users",
  "revenue",
  "churn",
  "recovery",
  "exports",
  "growth",
] as const;
export type AnalyticsReport = (typeof ANALYTICS_REPORTS)[number];

/** The longest range a report covers: two years and a leap day. */
export const MAX_REPORT_DAYS = 731;
/** A range left out is the last 30 days. */
export const DEFAULT_REPORT_DAYS = 30;

/** A real calendar day: "2024-02-30" parses (as 1 March), so it must also print back the same. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD")
  .refine((day) => {
    const ms = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day);
  }, "A real date");

export const analyticsReportQuerySchema = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
  plan: planSchema.optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export type AnalyticsReportQuery = z.infer<typeof analyticsReportQuerySchema>;

/** Each report's daily table, in column order: the JSON rows' keys and the CSV header. */
export const REPORT_COLUMNS = {
  users: ["day", "signups", "verified", "active"],
  revenue: [
    "day",
    "plan",
    "starting_mrr_cents",
    "new_cents",
    "expansion_cents",
    "contraction_cents",
    "churn_cents",
    "ending_mrr_cents",
    "ending_arr_cents",
  ],
  churn: ["day", "churned", "subscribers_at_start"],
  recovery: ["day", "started", "recovered", "churned", "written_off", "open"],
  exports: ["day", "exports"],
  growth: ["day", "signups", "total_users", "paid_subscribers"],
} as const satisfies Record<AnalyticsReport, readonly string[]>;

export const analyticsReportSchema = z.object({
  report: z.enum(ANALYTICS_REPORTS),
  from: z.string(),
  to: z.string(),
  plan: planSchema.nullable(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  /**
   * Totals over the range; which keys depends on the report (README "Analytics"). A rate is
   * null when its denominator is zero: nothing to divide by, not 0 %.
   */
  summary: z.record(z.string(), z.union([z.number(), z.null()])),
  /** Churn only: ended subscriptions by reason over the range. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })).optional(),
});
export type AnalyticsReportView = z.infer<typeof analyticsReportSchema>;

/** The job kind of an analytics backfill (README "Analytics", backfill). */
export const ANALYTICS_BACKFILL_JOB_KIND = "analytics-backfill";

/** Where the backfill derives events from, in the order it pages through them. */
export const BACKFILL_SOURCES = [
  "users",
  "resumes",
  "exports",
  "subscriptions",
  "invoices",
] as const;
export type BackfillSource = (typeof BACKFILL_SOURCES)[number];

/** A finished backfill's result: source rows read and events derived, by source. */
export const analyticsBackfillResultSchema = z.object({
  rows: z.record(z.enum(BACKFILL_SOURCES), z.number().int()),
  events: z.record(z.enum(BACKFILL_SOURCES), z.number().int()),
  days_recounted: z.number().int(),
});
export type AnalyticsBackfillResult = z.infer<typeof analyticsBackfillResultSchema>;

/** `GET /api/admin/analytics/backfill`: the latest backfill's job, or null if none ran. */
export const analyticsBackfillStatusSchema = z.object({ job: jobSchema.nullable() });
export type AnalyticsBackfillStatus = z.infer<typeof analyticsBackfillStatusSchema>;

export const analyticsBackfillAcceptedSchema = z.object({ job_id: z.string() });
