import { and, count, desc, eq, gt, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { dayBounds } from "../../core/admin/user-search";
import type {
  AdminInvoiceDetail,
  AdminInvoicesQuery,
  InvoiceAction,
} from "../../core/contract/admin-payments";
import { createDb } from "../../db/client";
import { auditLog, billingEvents, creditNotes, invoices, users } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { creditableOf, fromSecondsOrNull, presentHistoryEntry, presentInvoice } from "./present";

/** Invoices as the billing mirror holds them (README "Admin: payments"): the list and one. */

/** The audit action of a refund staff asked for (what the invoice's page lists as refunds). */
export const REFUND_AUDIT_ACTION = "payment.refunded";

/** The audit action of a credit note staff asked for (credit-notes.ts). */
export const CREDIT_NOTE_AUDIT_ACTION = "invoice.credited";

/** The audit action of an invoice staff made by hand (manual-invoices.ts). */
export const MANUAL_INVOICE_AUDIT_ACTION = "invoice.created_manually";

/** The audit actions of the invoice actions (invoice-actions.ts), listed on the invoice's page. */
export const INVOICE_ACTION_AUDITS = {
  void: "invoice.voided",
  resend: "invoice.resent",
  regenerate_pdf: "invoice.pdf_regenerated",
} as const satisfies Record<InvoiceAction, string>;

/** The list's filters as a condition (the CSV export takes the same ones, invoice-export.ts). */
export function conditions(query: Omit<AdminInvoicesQuery, "page" | "per_page">): SQL | undefined {
  const where: SQL[] = [];
  if (query.status) where.push(eq(invoices.status, query.status));
  if (query.user_id) where.push(eq(invoices.userId, query.user_id));
  if (query.customer_id) where.push(eq(invoices.customerId, query.customer_id));
  if (query.subscription_id) where.push(eq(invoices.subscriptionId, query.subscription_id));
  if (query.refunded === "true") where.push(gt(invoices.amountRefunded, 0));
  if (query.refunded === "false") where.push(eq(invoices.amountRefunded, 0));
  const created = dayBounds(query.created_from, query.created_to);
  if (created.from !== undefined) where.push(gte(invoices.createdAt, created.from));
  if (created.toExclusive !== undefined) where.push(lt(invoices.createdAt, created.toExclusive));
  return where.length ? and(...where) : undefined;
}

export async function listInvoices(env: Env, query: AdminInvoicesQuery) {
  const db = createDb(env.DB);
  const where = conditions(query);
  const [rows, [total]] = await Promise.all([
    db
      .select({ invoice: invoices, email: users.email })
      .from(invoices)
      .leftJoin(users, eq(users.id, invoices.userId))
      .where(where)
      // The rowid breaks ties, so pages never repeat or skip an invoice of the same instant.
      .orderBy(desc(invoices.createdAt), desc(sql`${invoices}.rowid`))
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page),
    db.select({ value: count() }).from(invoices).where(where),
  ]);
  return {
    items: rows.map((row) => presentInvoice(row.invoice, row.email)),
    total: total?.value ?? 0,
  };
}

/** The mirrored invoice (404 when the mirror has none), with its owner's email. */
export async function requireInvoice(env: Env, id: string) {
  const [found] = await createDb(env.DB)
    .select({ invoice: invoices, email: users.email })
    .from(invoices)
    .leftJoin(users, eq(users.id, invoices.userId))
    .where(eq(invoices.id, id));
  if (!found) throw notFound("Invoice");
  return found;
}

const HISTORY_LIMIT = 100;

export async function invoiceDetail(env: Env, id: string): Promise<AdminInvoiceDetail> {
  const { invoice, email } = await requireInvoice(env, id);
  const db = createDb(env.DB);
  const [audits, history, notes] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.resourceType, "invoice"),
          eq(auditLog.resourceId, id),
          inArray(auditLog.action, [
            REFUND_AUDIT_ACTION,
            CREDIT_NOTE_AUDIT_ACTION,
            MANUAL_INVOICE_AUDIT_ACTION,
            ...Object.values(INVOICE_ACTION_AUDITS),
          ]),
        ),
      )
      .orderBy(desc(auditLog.at))
      .limit(HISTORY_LIMIT),
    // What the webhook recorded about this invoice: the account's events that name it.
    db
      .select()
      .from(billingEvents)
      .where(
        and(
          eq(billingEvents.userId, invoice.userId),
          sql`json_extract(${billingEvents.detailJson}, '$.invoice_id') = ${id}`,
        ),
      )
      .orderBy(desc(billingEvents.createdAt), desc(sql`${billingEvents}.rowid`))
      .limit(HISTORY_LIMIT),
    db
      .select()
      .from(creditNotes)
      .where(eq(creditNotes.invoiceId, id))
      .orderBy(desc(creditNotes.createdAt))
      .limit(HISTORY_LIMIT),
  ]);
  return {
    ...presentInvoice(invoice, email),
    billing_reason: invoice.billingReason,
    period_start: fromSecondsOrNull(invoice.periodStart),
    period_end: fromSecondsOrNull(invoice.periodEnd),
    attempt_count: invoice.attemptCount,
    hosted_url: invoice.hostedUrl,
    lines: JSON.parse(invoice.linesJson) as AdminInvoiceDetail["lines"],
    refunds: audits
      .filter((row) => row.action === REFUND_AUDIT_ACTION)
      .map((row) => {
        const details = JSON.parse(row.detailsJson) as {
          refund_id?: string;
          amount_cents?: number;
          reason?: string;
          note?: string | null;
        };
        return {
          refund_id: details.refund_id ?? null,
          amount_cents: details.amount_cents ?? 0,
          reason: details.reason ?? "",
          note: details.note ?? null,
          actor_id: row.actorId,
          at: new Date(row.at).toISOString(),
        };
      }),
    creditable: creditableOf(invoice),
    credit_notes: notes.map((note) => ({
      id: note.id,
      number: note.number,
      amount: note.amount,
      reason: note.reason,
      memo: note.memo,
      status: note.status,
      created_at: new Date(note.createdAt).toISOString(),
    })),
    pdf_available: invoice.pdfKey !== null,
    actions: audits
      .filter((row) => row.action !== REFUND_AUDIT_ACTION)
      .map((row) => ({
        action: row.action,
        note: (JSON.parse(row.detailsJson) as { note?: string | null }).note ?? null,
        actor_id: row.actorId,
        at: new Date(row.at).toISOString(),
      })),
    events: history.map(presentHistoryEntry),
  };
}
