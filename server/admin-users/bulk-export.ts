// The bulk export of the admin users list (README "Admin: users", bulk actions): a CSV of the
// selected accounts, written as it is read. Pages of 500 accounts follow the rowid (keyset, not
// OFFSET), so exporting 100,000 accounts holds one page at a time and each page is an index
// walk from where the last one ended.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BulkSelection } from "../../core/contract/admin-bulk";
import { createDb } from "../../db/client";
import { billingCustomers, users } from "../../db/schema";
import type { Env } from "../env";
import { pagedCsvStream } from "../ops/paged-csv";
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

/** The CSV of a selection as a byte stream, a page of accounts at a time (server/ops/paged-csv.ts). */
export function exportCsvStream(
  env: Pick<Env, "DB">,
  selection: BulkSelection,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const where = selectionCondition(selection);
  return pagedCsvStream({
    header: csvHeader(),
    page: (after) => exportPage(env, where, after),
    pageRows: EXPORT_PAGE_ROWS,
    record: (account) => csvRecord(account),
    onError,
  });
}
