import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type {
  AdminDispute,
  AdminDisputesQuery,
} from "../../core/contract/admin-payments-subscriptions";
import { createDb } from "../../db/client";
import { type DisputeRow, disputes, users } from "../../db/schema";
import type { Env } from "../env";

/**
 * Disputes (chargebacks) as the webhook consumer recorded them from `charge.dispute.*`
 * (README "Admin: payments"): newest first, by status or account.
 */

const iso = (ms: number) => new Date(ms).toISOString();

function presentDispute(row: DisputeRow, userEmail: string | null): AdminDispute {
  return {
    id: row.id,
    charge_id: row.chargeId,
    invoice_id: row.invoiceId,
    user_id: row.userId,
    user_email: userEmail,
    customer_id: row.customerId,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    evidence_due_by: row.evidenceDueBy === null ? null : iso(row.evidenceDueBy),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export async function listDisputes(env: Env, query: AdminDisputesQuery) {
  const db = createDb(env.DB);
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(disputes.status, query.status));
  if (query.user_id) conditions.push(eq(disputes.userId, query.user_id));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ dispute: disputes, email: users.email })
      .from(disputes)
      .leftJoin(users, eq(users.id, disputes.userId))
      .where(where)
      .orderBy(desc(disputes.createdAt), desc(sql`${disputes}.rowid`))
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page),
    db.select({ value: count() }).from(disputes).where(where),
  ]);
  return {
    items: rows.map((row) => presentDispute(row.dispute, row.email)),
    total: total?.value ?? 0,
  };
}
