// The bulk export of the admin users list (README "Admin: users", bulk actions): a CSV of the
// selected accounts, written as it is read. Pages of 500 accounts follow the rowid (keyset, not
// OFFSET), so exporting 100,000 accounts holds one page at a time and each page is an index
// walk from where the last one ended.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BulkSelection } from "../../core/contract/admin-bulk";
import { createDb } from "../../db/client";
import { billingCustomers, users } from "../../db/schema";
import type { Env } from "../env";
import { csvHeader, csvRecord } from "./bulk-csv";
import { selectionCondition } from "./bulk-selection";

/** Accounts read from D1 per page of the stream. */
export const EXPORT_PAGE_ROWS = 500;

async function exportPage(env: Pick<Env, "DB">, where: SQL | undefined, after: number | null) {
  const rowid = sql<number>`${users}.rowid`;
  return createDb(env.DB)
    .select({
      rowid,
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      role: users.role,
      plan: users.plan,
      emailVerifiedAt: users.emailVerifiedAt,
      mfaEnabled: users.mfaEnabled,
      customerId: billingCustomers.customerId,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .leftJoin(billingCustomers, eq(billingCustomers.userId, users.id))
    .where(and(where, after === null ? undefined : sql`${users}.rowid > ${after}`))
    .orderBy(rowid)
    .limit(EXPORT_PAGE_ROWS);
}

/**
 * The CSV of a selection as a byte stream: the header, then one page of accounts each time the
 * reader wants more (`pull`), so a slow download slows the reading instead of filling memory.
 * A failing page errors the stream (the download ends incomplete) and is reported to `onError`.
 */
export function exportCsvStream(
  env: Pick<Env, "DB">,
  selection: BulkSelection,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const where = selectionCondition(selection);
  const encoder = new TextEncoder();
  let headerSent = false;
  let after: number | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader()));
        return;
      }
      let rows: Awaited<ReturnType<typeof exportPage>>;
      try {
        rows = await exportPage(env, where, after);
      } catch (error) {
        onError(error);
        throw error;
      }
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(csvRecord).join("")));
      const last = rows.at(-1);
      if (rows.length < EXPORT_PAGE_ROWS || !last) controller.close();
      else after = last.rowid;
    },
  });
}
