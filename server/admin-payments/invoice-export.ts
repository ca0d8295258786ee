import { and, count, eq, type SQL, sql } from "drizzle-orm";
import {
  type AdminInvoicesExportQuery,
  INVOICE_EXPORT_COLUMNS,
} from "../../core/contract/admin-payments";
import { createDb } from "../../db/client";
import { invoices, users } from "../../db/schema";
import { csvLine } from "../admin-users/bulk-csv";
import type { Env } from "../env";
import { pagedCsvStream } from "../ops/paged-csv";
import { conditions } from "./invoices";

/**
 * The invoices list as CSV (README "Admin: payments"): the list's filters, RFC 4180 with
 * formula-defused cells (the users export's writer, bulk-csv.ts), streamed a page at a time.
 * Pages follow the rowid (keyset, not OFFSET), so a large export holds one page in memory and
 * each page is an index walk from where the last one ended.
 */

export const INVOICE_EXPORT_PAGE_ROWS = 500;

type Column = (typeof INVOICE_EXPORT_COLUMNS)[number];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function exportPage(env: Pick<Env, "DB">, where: SQL | undefined, after: number | null) {
  const rowid = sql<number>`${invoices}.rowid`;
  return createDb(env.DB)
    .select({ rowid, invoice: invoices, email: users.email })
    .from(invoices)
    .leftJoin(users, eq(users.id, invoices.userId))
    .where(and(where, after === null ? undefined : sql`${invoices}.rowid > ${after}`))
    .orderBy(rowid)
    .limit(INVOICE_EXPORT_PAGE_ROWS);
}

type Row = Awaited<ReturnType<typeof exportPage>>[number];

/** An invoice's cells, named by column so a column added to the contract cannot be missed. */
function cellsOf({ invoice, email }: Row): Record<Column, string | null> {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    user_id: invoice.userId,
    user_email: email,
    customer_id: invoice.customerId,
    subscription_id: invoice.subscriptionId,
    currency: invoice.currency,
    amount_due: String(invoice.amountDue),
    amount_paid: String(invoice.amountPaid),
    amount_refunded: String(invoice.amountRefunded),
    billing_reason: invoice.billingReason,
    created_at: iso(invoice.createdAt),
    paid_at: iso(invoice.paidAt),
  };
}

const record = (row: Row) => {
  const cells = cellsOf(row);
  return csvLine(INVOICE_EXPORT_COLUMNS.map((column) => cells[column]));
};

/** How many invoices the filters match now (the audit entry's and the header's count). */
export async function countInvoices(env: Pick<Env, "DB">, query: AdminInvoicesExportQuery) {
  const [total] = await createDb(env.DB)
    .select({ value: count() })
    .from(invoices)
    .where(conditions(query));
  return total?.value ?? 0;
}

/** The CSV as a byte stream, a page of invoices at a time (server/ops/paged-csv.ts). */
export function invoicesCsvStream(
  env: Pick<Env, "DB">,
  query: AdminInvoicesExportQuery,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const where = conditions(query);
  return pagedCsvStream({
    header: csvLine(INVOICE_EXPORT_COLUMNS),
    page: (after) => exportPage(env, where, after),
    pageRows: INVOICE_EXPORT_PAGE_ROWS,
    record,
    onError,
  });
}
