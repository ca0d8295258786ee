import { GRACE_HOURS } from "../../core/billing/lifecycle";
import type { Env } from "../env";

/**
 * The end of a dunning flow's grace (README "Admin: payments"): 72 h after the flow started,
 * unless an admin moved it later. Each extension is a `dunning.grace_extended` billing event
 * naming the invoice and the new end — the account's history shows it, and the flow reads the
 * latest before it ends a subscription (workflows/dunning.ts).
 */
export const GRACE_EXTENDED = "dunning.grace_extended";

const HOUR_MS = 3_600_000;

export async function graceEndsAt(
  env: Pick<Env, "DB">,
  subject: { userId: string; invoiceId: string },
  startedAt: number,
): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT max(json_extract(detail_json, '$.grace_ends_at')) AS until FROM billing_events
     WHERE user_id = ? AND type = ? AND json_extract(detail_json, '$.invoice_id') = ?`,
  )
    .bind(subject.userId, GRACE_EXTENDED, subject.invoiceId)
    .first<{ until: number | null }>();
  return Math.max(startedAt + GRACE_HOURS * HOUR_MS, row?.until ?? 0);
}
