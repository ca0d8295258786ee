import { arrOf, endingMrr, type MrrBalance } from "../../core/analytics/mrr";
import { PLANS, type Plan } from "../../core/plans/entitlements";
import type { Env } from "../env";
import type { ReportRange } from "./reports";

/**
 * The revenue report (README "Analytics"): MRR and ARR by plan, day by day, as starting balance
 * + new + expansion − contraction − churn. Read from `analytics_revenue_daily`, the roll-up's
 * one row per scope and day with a column per movement, through an index that holds every
 * column: a year of five scopes is one ordered index walk, and the balance before the range
 * one more (bench/RESULTS.md, "Analytics").
 */

type Movement = Omit<MrrBalance, "startingCents">;
type Row = Record<string, string | number>;

interface RevenueRow {
  plan: string;
  day: string;
  new_cents: number;
  expansion_cents: number;
  contraction_cents: number;
  churn_cents: number;
}

const NONE: Movement = { newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0 };

async function readRevenue(env: Pick<Env, "DB">, scopes: readonly string[], range: ReportRange) {
  const marks = scopes.map(() => "?").join(", ");
  const [inRange, before] = await env.DB.batch([
    env.DB.prepare(
      `SELECT plan, day, new_cents, expansion_cents, contraction_cents, churn_cents
         FROM analytics_revenue_daily WHERE plan IN (${marks}) AND day >= ? AND day <= ?`,
    ).bind(...scopes, range.from, range.to),
    env.DB.prepare(
      `SELECT plan, sum(new_cents) + sum(expansion_cents) - sum(contraction_cents)
           - sum(churn_cents) AS balance
         FROM analytics_revenue_daily WHERE plan IN (${marks}) AND day < ? GROUP BY plan`,
    ).bind(...scopes, range.from),
  ]);
  const days = new Map<string, Movement>();
  for (const row of (inRange?.results ?? []) as RevenueRow[])
    days.set(`${row.plan}|${row.day}`, {
      newCents: row.new_cents,
      expansionCents: row.expansion_cents,
      contractionCents: row.contraction_cents,
      churnCents: row.churn_cents,
    });
  const starting = new Map<string, number>();
  for (const row of (before?.results ?? []) as { plan: string; balance: number }[])
    starting.set(row.plan, row.balance);
  return { days, starting };
}

/** One scope's MRR day by day: each day's ending balance is the next one's start. */
function revenueOf(
  read: Awaited<ReturnType<typeof readRevenue>>,
  scope: string,
  range: ReportRange,
) {
  const starting = read.starting.get(scope) ?? 0;
  let balance = starting;
  const total = { ...NONE };
  const rows: Row[] = range.days.map((day) => {
    const moved = read.days.get(`${scope}|${day}`) ?? NONE;
    const start = balance;
    balance = endingMrr({ startingCents: start, ...moved });
    total.newCents += moved.newCents;
    total.expansionCents += moved.expansionCents;
    total.contractionCents += moved.contractionCents;
    total.churnCents += moved.churnCents;
    return {
      day,
      plan: scope,
      starting_mrr_cents: start,
      new_cents: moved.newCents,
      expansion_cents: moved.expansionCents,
      contraction_cents: moved.contractionCents,
      churn_cents: moved.churnCents,
      ending_mrr_cents: balance,
      ending_arr_cents: arrOf(balance),
    };
  });
  const summary = {
    starting_mrr_cents: starting,
    new_cents: total.newCents,
    expansion_cents: total.expansionCents,
    contraction_cents: total.contractionCents,
    churn_cents: total.churnCents,
    ending_mrr_cents: balance,
    ending_arr_cents: arrOf(balance),
  };
  return { rows, summary };
}

/** The plan asked for; without one, every plan together and then each plan, day by day. */
export async function revenueReport(
  env: Pick<Env, "DB">,
  plan: Plan | undefined,
  range: ReportRange,
) {
  const scopes = plan ? [plan] : ["all", ...PLANS];
  const read = await readRevenue(env, scopes, range);
  const parts = scopes.map((scope) => revenueOf(read, scope, range));
  const rows = range.days.flatMap((_, i) => parts.map((part) => part.rows[i] as Row));
  return { rows, summary: (parts[0] as (typeof parts)[number]).summary };
}
