import { GRACE_HOURS } from "../../core/billing/lifecycle";
import type {
  AdminDunningQuery,
  AdminDunningView,
} from "../../core/contract/admin-payments-subscriptions";
import { GRACE_EXTENDED } from "../billing/dunning-grace";
import type { Env } from "../env";

/**
 * The dunning view (README "Admin: payments"): the accounts a dunning flow is still chasing, the
 * step each flow last recorded (workflows/lib/record-steps.ts), what is owed and when grace
 * ends; and recovery so far — how many dunning invoices were paid after all, and for how much.
 * One DunningWorkflow per invoice, its run's subject `invoice:{id}` (server/billing/dunning.ts).
 */

const LIVE_RUN = `w.workflow = 'dunning'
  AND w.status IN ('queued', 'running', 'waiting', 'waitingForPause', 'paused')`;
/** The invoice of a run: `substr` of the subject keeps the invoices' primary key usable. */
const RUN_INVOICE = "i.id = substr(w.subject, length('invoice:') + 1)";
const GRACE_MS = GRACE_HOURS * 3_600_000;

interface AccountRow {
  invoice_id: string;
  number: string | null;
  subscription_id: string | null;
  user_id: string;
  email: string | null;
  plan: string | null;
  currency: string;
  amount_due: number;
  run_status: string;
  started_at: number;
  step: string | null;
  step_status: string | null;
  extended_until: number | null;
}

export async function dunningView(env: Env, query: AdminDunningQuery): Promise<AdminDunningView> {
  const latestStep = (column: string) => `(SELECT st.${column} FROM workflow_run_steps st
      WHERE st.instance_id = w.instance_id ORDER BY st.started_at DESC, st.rowid DESC LIMIT 1)`;
  const [accounts, total, recovery] = await Promise.all([
    env.DB.prepare(
      `SELECT i.id AS invoice_id, i.number, i.subscription_id, i.user_id, u.email, s.plan,
         i.currency, i.amount_due - i.amount_paid AS amount_due, w.status AS run_status,
         w.created_at AS started_at, ${latestStep("step")} AS step,
         ${latestStep("status")} AS step_status,
         (SELECT max(json_extract(b.detail_json, '$.grace_ends_at')) FROM billing_events b
           WHERE b.user_id = i.user_id AND b.type = ?1
             AND json_extract(b.detail_json, '$.invoice_id') = i.id) AS extended_until
       FROM workflow_runs w JOIN invoices i ON ${RUN_INVOICE}
       LEFT JOIN users u ON u.id = i.user_id
       LEFT JOIN subscriptions s ON s.id = i.subscription_id
       WHERE ${LIVE_RUN}
       ORDER BY w.created_at DESC, w.instance_id LIMIT ?2 OFFSET ?3`,
    )
      .bind(GRACE_EXTENDED, query.per_page, (query.page - 1) * query.per_page)
      .all<AccountRow>(),
    env.DB.prepare(
      `SELECT count(*) AS n FROM workflow_runs w JOIN invoices i ON ${RUN_INVOICE}
       WHERE ${LIVE_RUN}`,
    ).first<{ n: number }>(),
    env.DB.prepare(
      `SELECT count(*) AS started, coalesce(sum(i.status = 'paid'), 0) AS recovered,
         coalesce(sum(CASE WHEN i.status = 'paid' THEN i.amount_paid ELSE 0 END), 0) AS cents
       FROM workflow_runs w JOIN invoices i ON ${RUN_INVOICE} WHERE w.workflow = 'dunning'`,
    ).first<{ started: number; recovered: number; cents: number }>(),
  ]);
  return {
    accounts: accounts.results.map((row) => ({
      invoice_id: row.invoice_id,
      invoice_number: row.number,
      subscription_id: row.subscription_id,
      user_id: row.user_id,
      user_email: row.email,
      plan: row.plan,
      currency: row.currency,
      amount_due: row.amount_due,
      run_status: row.run_status,
      step: row.step,
      step_status: row.step_status,
      started_at: new Date(row.started_at).toISOString(),
      grace_ends_at: new Date(
        Math.max(row.started_at + GRACE_MS, row.extended_until ?? 0),
      ).toISOString(),
    })),
    total: total?.n ?? 0,
    recovery: {
      started: recovery?.started ?? 0,
      recovered: recovery?.recovered ?? 0,
      recovered_cents: recovery?.cents ?? 0,
    },
  };
}
