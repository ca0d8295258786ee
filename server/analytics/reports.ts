import { addDays, dayOf, daysBetween, eachDay } from "../../core/analytics/days";
import { churnRate } from "../../core/analytics/rates";
import {
  type AnalyticsReport,
  type AnalyticsReportView,
  DEFAULT_REPORT_DAYS,
  MAX_REPORT_DAYS,
  REPORT_COLUMNS,
} from "../../core/contract/analytics";
import type { Plan } from "../../core/plans/entitlements";
import { csvLine } from "../admin-users/bulk-csv";
import type { Env } from "../env";
import { AppError } from "../errors";
import { recoveryCohorts } from "./recovery";
import { revenueReport } from "./revenue";

/**
 * The admin reports (README "Analytics"), read from the daily roll-up; payment recovery, a
 * cohort of dunning runs, from the runs themselves (recovery.ts).
 */

export interface ReportRequest {
  from?: string;
  to?: string;
  plan?: Plan;
}

export interface ReportRange {
  from: string;
  to: string;
  days: string[];
}

/** The range asked for: the last 30 days by default, at most `MAX_REPORT_DAYS`, `from` ≤ `to`. */
export function reportRange(request: ReportRequest, now: number): ReportRange {
  const to =
    request.to ?? (request.from ? addDays(request.from, DEFAULT_REPORT_DAYS - 1) : dayOf(now));
  const from = request.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  const length = daysBetween(from, to);
  if (length < 1 || length > MAX_REPORT_DAYS)
    throw new AppError(
      400,
      "validation_failed",
      `The range must run forward and cover at most ${MAX_REPORT_DAYS} days`,
      [{ path: ["from"], message: `from ${from} to ${to} is ${length} days` }],
    );
  return { from, to, days: eachDay(from, to) };
}

/**
 * `scope → day → value` of each metric in the range, and `scope|metric →` total before it.
 * The range is read one row per scope and day with a column per metric: fewer rows, and the
 * rows, not SQLite's index search, are most of a report's time (bench/RESULTS.md, "Analytics").
 * Revenue, the widest report, has its own table (revenue.ts).
 */
async function readScopes(
  env: Pick<Env, "DB">,
  scopes: readonly string[],
  metrics: readonly string[],
  range: ReportRange,
  withHistory: boolean,
) {
  const plans = scopes.map(() => "?").join(", ");
  const marks = metrics.map(() => "?").join(", ");
  const columns = metrics.map((_, i) => `sum(CASE metric WHEN ? THEN value END) AS m${i}`);
  const statements = [
    env.DB.prepare(
      `SELECT plan, day, ${columns.join(", ")} FROM analytics_daily
        WHERE plan IN (${plans}) AND metric IN (${marks}) AND day >= ? AND day <= ?
        GROUP BY plan, day`,
    ).bind(...metrics, ...scopes, ...metrics, range.from, range.to),
  ];
  if (withHistory)
    statements.push(
      env.DB.prepare(
        `SELECT plan, metric, sum(value) AS value FROM analytics_daily
          WHERE plan IN (${plans}) AND metric IN (${marks}) AND day < ? GROUP BY plan, metric`,
      ).bind(...scopes, ...metrics, range.from),
    );
  const [inRange, before] = await env.DB.batch(statements);
  const column = new Map(metrics.map((metric, i) => [metric, `m${i}`]));
  type InRange = { plan: string; day: string } & Record<string, number | null>;
  const daily = new Map<string, Map<string, InRange>>();
  for (const row of (inRange?.results ?? []) as InRange[]) {
    const byDay = daily.get(row.plan) ?? new Map<string, InRange>();
    byDay.set(row.day, row);
    daily.set(row.plan, byDay);
  }
  const history = new Map<string, number>();
  type Before = { plan: string; metric: string; value: number };
  for (const row of (before?.results ?? []) as Before[])
    history.set(`${row.plan}|${row.metric}`, row.value);
  return (scope: string) => {
    const byDay = daily.get(scope);
    const at = (metric: string, day: string) =>
      Number(byDay?.get(day)?.[column.get(metric) ?? ""] ?? 0);
    return {
      at,
      sum: (metric: string) =>
        [...(byDay?.keys() ?? [])].reduce((total, day) => total + at(metric, day), 0),
      earlier: (metric: string) => history.get(`${scope}|${metric}`) ?? 0,
    };
  };
}

/** One scope's metrics: what the usage, churn and growth reports read. */
const readDaily = async (
  env: Pick<Env, "DB">,
  scope: string,
  metrics: readonly string[],
  range: ReportRange,
  withHistory: boolean,
) => (await readScopes(env, [scope], metrics, range, withHistory))(scope);

type Built = Pick<AnalyticsReportView, "rows" | "summary" | "reasons">;

async function usersReport(
  env: Pick<Env, "DB">,
  scope: string,
  range: ReportRange,
): Promise<Built> {
  const d = await readDaily(env, scope, ["signups", "verified", "active_users"], range, false);
  return {
    rows: range.days.map((day) => ({
      day,
      signups: d.at("signups", day),
      verified: d.at("verified", day),
      active: d.at("active_users", day),
    })),
    summary: { signups: d.sum("signups"), verified: d.sum("verified") },
  };
}

const REASON_PREFIX = "churn_reason:";

async function churnReport(
  env: Pick<Env, "DB">,
  scope: string,
  range: ReportRange,
): Promise<Built> {
  const d = await readDaily(env, scope, ["subscribers_churned", "paid_net"], range, true);
  // Reasons sort under one prefix: a range of the primary key, not a LIKE.
  const reasons = await env.DB.prepare(
    `SELECT substr(metric, ${REASON_PREFIX.length + 1}) AS reason, sum(value) AS count
       FROM analytics_daily WHERE plan = ? AND metric >= ? AND metric < ? AND day >= ? AND day <= ?
      GROUP BY metric ORDER BY count DESC, reason`,
  )
    .bind(scope, REASON_PREFIX, `${REASON_PREFIX}\uffff`, range.from, range.to)
    .all<{ reason: string; count: number }>();
  const atStart = d.earlier("paid_net");
  let subscribers = atStart;
  const rows = range.days.map((day) => {
    const row = {
      day,
      churned: d.at("subscribers_churned", day),
      subscribers_at_start: subscribers,
    };
    subscribers += d.at("paid_net", day);
    return row;
  });
  const churned = d.sum("subscribers_churned");
  return {
    rows,
    summary: { churned, subscribers_at_start: atStart, rate: churnRate(churned, atStart) },
    reasons: reasons.results,
  };
}

async function exportsReport(
  env: Pick<Env, "DB">,
  scope: string,
  range: ReportRange,
): Promise<Built> {
  const d = await readDaily(env, scope, ["exports"], range, false);
  return {
    rows: range.days.map((day) => ({ day, exports: d.at("exports", day) })),
    summary: { exports: d.sum("exports") },
  };
}

/** Running totals since analytics began: accounts signed up, paying subscriptions. */
async function growthReport(
  env: Pick<Env, "DB">,
  scope: string,
  range: ReportRange,
): Promise<Built> {
  const d = await readDaily(env, scope, ["signups", "paid_net"], range, true);
  let users = d.earlier("signups");
  let paid = d.earlier("paid_net");
  const rows = range.days.map((day) => {
    users += d.at("signups", day);
    paid += d.at("paid_net", day);
    return { day, signups: d.at("signups", day), total_users: users, paid_subscribers: paid };
  });
  return { rows, summary: { total_users: users, paid_subscribers: paid } };
}

export async function analyticsReport(
  env: Pick<Env, "DB">,
  report: AnalyticsReport,
  request: ReportRequest,
  now: number,
): Promise<AnalyticsReportView> {
  const range = reportRange(request, now);
  const scope = request.plan ?? "all";
  const built: Built =
    report === "users"
      ? await usersReport(env, scope, range)
      : report === "revenue"
        ? await revenueReport(env, request.plan, range)
        : report === "churn"
          ? await churnReport(env, scope, range)
          : report === "recovery"
            ? await recoveryCohorts(env, request.plan ?? null, range)
            : report === "exports"
              ? await exportsReport(env, scope, range)
              : await growthReport(env, scope, range);
  return {
    report,
    from: range.from,
    to: range.to,
    plan: request.plan ?? null,
    columns: [...REPORT_COLUMNS[report]],
    ...built,
  };
}

/** A report's daily table as RFC 4180 CSV, cells defused like the users export's. */
export const reportCsv = (view: AnalyticsReportView): string =>
  [view.columns, ...view.rows.map((row) => view.columns.map((column) => String(row[column] ?? "")))]
    .map(csvLine)
    .join("");
