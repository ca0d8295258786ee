import { addDays, dayStartMs } from "../../core/analytics/days";
import { recoveryRate } from "../../core/analytics/rates";
import type { AnalyticsReportView } from "../../core/contract/analytics";
import type { Env } from "../env";
import type { ReportRange } from "./reports";

/**
 * Payment recovery by cohort (README "Analytics", recovery): the dunning runs that started in
 * the range (one DunningWorkflow per failed invoice, its run's subject `invoice:{id}`), by the
 * day each started, and how each ended. A run's ending is known only days after its start day
 * was rolled up, so this report reads the runs and their invoices, not the daily roll-up.
 *
 * The outcome, first match wins: recovered (the invoice was paid), churned (its subscription
 * ended), written off (voided or uncollectible without the subscription ending: nothing is
 * owed, nothing was paid), else still open. Only recovered counts as recovered; the rate is
 * recovered ÷ runs that ended, with the open ones shown beside it.
 */

export const RECOVERY_OUTCOMES = ["recovered", "churned", "written_off", "open"] as const;
type Outcome = (typeof RECOVERY_OUTCOMES)[number];

const OUTCOME_SQL = `CASE
    WHEN i.status = 'paid' THEN 'recovered'
    WHEN s.status IN ('canceled', 'incomplete_expired') THEN 'churned'
    WHEN i.status IN ('void', 'uncollectible') THEN 'written_off'
    ELSE 'open' END`;

type Built = Pick<AnalyticsReportView, "rows" | "summary">;

/**
 * `plan` is the plan of the invoice's subscription, or the account's for an invoice without
 * one. The runs are read by `(workflow, created_at)`, an index walk over the range only.
 */
export async function recoveryCohorts(
  env: Pick<Env, "DB">,
  plan: string | null,
  range: ReportRange,
): Promise<Built> {
  // The accounts are joined only to filter by plan: every run's lookup saved otherwise.
  const byPlan = plan
    ? { join: "LEFT JOIN users u ON u.id = i.user_id", where: "AND coalesce(s.plan, u.plan) = ?3" }
    : { join: "", where: "" };
  const result = await env.DB.prepare(
    `SELECT strftime('%Y-%m-%d', w.created_at / 1000, 'unixepoch') AS day,
        ${OUTCOME_SQL} AS outcome, count(*) AS n
       FROM workflow_runs w
       JOIN invoices i ON i.id = substr(w.subject, length('invoice:') + 1)
       LEFT JOIN subscriptions s ON s.id = i.subscription_id
       ${byPlan.join}
      WHERE w.workflow = 'dunning' AND w.created_at >= ?1 AND w.created_at < ?2 ${byPlan.where}
      GROUP BY day, outcome`,
  )
    .bind(dayStartMs(range.from), dayStartMs(addDays(range.to, 1)), ...(plan ? [plan] : []))
    .all<{ day: string; outcome: Outcome; n: number }>();
  const counts = new Map(result.results.map((row) => [`${row.day}|${row.outcome}`, row.n]));
  const totals: Record<Outcome, number> = { recovered: 0, churned: 0, written_off: 0, open: 0 };
  const rows = range.days.map((day) => {
    const row: Record<string, string | number> = { day, started: 0 };
    for (const outcome of RECOVERY_OUTCOMES) {
      const n = counts.get(`${day}|${outcome}`) ?? 0;
      row[outcome] = n;
      row.started = (row.started as number) + n;
      totals[outcome] += n;
    }
    return row;
  });
  const started = RECOVERY_OUTCOMES.reduce((sum, outcome) => sum + totals[outcome], 0);
  const ended = totals.recovered + totals.churned + totals.written_off;
  return {
    rows,
    summary: { started, ...totals, ended, rate: recoveryRate(totals.recovered, ended) },
  };
}
