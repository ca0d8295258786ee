// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import { addDays, dayOf, daysBetween } from "../../../core/analytics/days";
import { arrOf, endingMrr } from "../../../core/analytics/mrr";
import type { Permission } from "../../../core/auth/permissions";
import {
  type AnalyticsReport,
  type AnalyticsReportView,
  analyticsReportQuerySchema,
  MAX_REPORT_DAYS,
} from "../../../core/contract/analytics";
import { isPlan, type Plan } from "../../../core/plans/entitlements";

/**
 * The Reports page's state (README "Analytics"): the range and plan live in the URL query, so
 * a copied link opens the same view. `range` is a preset (the last 7, 30 or 90 days up to
 * today, UTC) or `custom` with `from` and `to`; nothing means the last 30 days.
 */

export const RANGE_PRESETS = ["7", "30", "90"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeChoice = RangePreset | "custom";

export type ReportSearch = {
  range?: string;
  from?: string;
  to?: string;
  plan?: string;
};

/** What the API is asked for: UTC days, both included. */
export interface ReportQuery {
  from: string;
  to: string;
  plan?: Plan;
}

export type ReportSelection =
  | { ok: true; choice: RangeChoice; query: ReportQuery }
  | { ok: false; choice: "custom"; from: string; to: string; plan?: Plan; problem: string };

const DEFAULT_PRESET: RangePreset = "30";

const isPreset = (value: string | undefined): value is RangePreset =>
  (RANGE_PRESETS as readonly string[]).includes(value ?? "");

const isDay = (value: string) => analyticsReportQuerySchema.shape.from.safeParse(value).success;

/** The last `days` days up to and including today's UTC day. */
export function presetRange(preset: RangePreset, now: number): { from: string; to: string } {
  const to = dayOf(now);
  return { from: addDays(to, -(Number(preset) - 1)), to };
}

/**
 * The view the URL asks for. A custom range that the API would refuse (not a date, backwards,
 * too long) comes back with the reason instead of a query, so the page says so and asks nothing.
 */
export function parseReportSearch(search: ReportSearch, now: number): ReportSelection {
  const plan = search.plan && isPlan(search.plan) ? search.plan : undefined;
  if (search.range !== "custom") {
    const choice = isPreset(search.range) ? search.range : DEFAULT_PRESET;
    return { ok: true, choice, query: { ...presetRange(choice, now), plan } };
  }
  const from = search.from ?? "";
  const to = search.to ?? "";
  const problem =
    !isDay(from) || !isDay(to)
      ? "Choose a start and an end date."
      : daysBetween(from, to) < 1
        ? "The start date must not be after the end date."
        : daysBetween(from, to) > MAX_REPORT_DAYS
          ? `A range covers at most ${MAX_REPORT_DAYS} days.`
          : null;
  if (problem) return { ok: false, choice: "custom", from, to, plan, problem };
  return { ok: true, choice: "custom", query: { from, to, plan } };
}

/** Who may read each report; the API checks the same (README "Analytics"). */
export const REPORT_PERMISSIONS: Record<AnalyticsReport, Permission> = {
  users: "system.metrics",
  exports: "system.metrics",
  growth: "system.metrics",
  revenue: "payments.read",
  churn: "payments.read",
  recovery: "payments.read",
};

/** A report's column as numbers, in the rows' (day) order. */
export const columnOf = (rows: AnalyticsReportView["rows"], column: string): number[] =>
  rows.map((row) => Number(row[column] ?? 0));

/** Nothing happened in the range: every value of every series is zero. */
export const isEmptySeries = (series: readonly { values: readonly number[] }[]): boolean =>
  series.every((one) => one.values.every((value) => value === 0));

/** One plan's (or all plans') MRR over the range: the movement and the day-by-day balance. */
export interface RevenueScope {
  scope: string;
  days: string[];
  startingCents: number;
  newCents: number;
  expansionCents: number;
  contractionCents: number;
  churnCents: number;
  endingCents: number;
  endingArrCents: number;
  /** Each day's ending MRR, for the chart. */
  endingByDay: number[];
  /** Each day's movements, for the chart. */
  newByDay: number[];
  expansionByDay: number[];
  contractionByDay: number[];
  churnByDay: number[];
}

/**
 * The revenue report's rows, one per day and scope, grouped by scope in the order the API sent
 * them (`all` first, then each plan). The movement over the range is the first day's starting
 * balance and the sums of the days' movements, and its ending balance is their sum, so the
 * table always adds up (the API carries each day's ending into the next day's start).
 */
export function revenueScopes(view: AnalyticsReportView): RevenueScope[] {
  const byScope = new Map<string, AnalyticsReportView["rows"]>();
  for (const row of view.rows) {
    const scope = String(row.plan);
    byScope.set(scope, [...(byScope.get(scope) ?? []), row]);
  }
  return [...byScope].map(([scope, rows]) => {
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const newByDay = columnOf(rows, "new_cents");
    const expansionByDay = columnOf(rows, "expansion_cents");
    const contractionByDay = columnOf(rows, "contraction_cents");
    const churnByDay = columnOf(rows, "churn_cents");
    const endingByDay = columnOf(rows, "ending_mrr_cents");
    const movement = {
      startingCents: Number(rows[0]?.starting_mrr_cents ?? 0),
      newCents: sum(newByDay),
      expansionCents: sum(expansionByDay),
      contractionCents: sum(contractionByDay),
      churnCents: sum(churnByDay),
    };
    const endingCents = endingMrr(movement);
    return {
      scope,
      days: rows.map((row) => String(row.day)),
      ...movement,
      endingCents,
      endingArrCents: arrOf(endingCents),
      endingByDay,
      newByDay,
      expansionByDay,
      contractionByDay,
      churnByDay,
    };
  });
}

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** A rate the API sends as a fraction; null (nothing to divide by) shows as a dash. */
export const formatRate = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? "—" : percent.format(rate);

const compactUsd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});

/** Cents on a chart's axis: "$1.2K". */
export const formatCentsCompact = (cents: number): string => compactUsd.format(cents / 100);

/** "2026-12-07" → the Unix seconds of that UTC midnight, a chart's x value. */
export const daySeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;
