import { and, asc, eq, sql } from "drizzle-orm";
import { invoiceDocument, type SellerDetails } from "../../core/billing/invoice-document";
import { createDb } from "../../db/client";
import { creditNotes, type InvoiceRow, invoices } from "../../db/schema";
import type { Env } from "../env";
import { renderPdf } from "../exports/export-pdf";
import { findInvoice, invoiceBody } from "./payments";
import type { Account } from "./subscriptions";

/**
 * The invoice PDF (README "Billing", "Admin: payments"): rendered with the resume exports'
 * Chromium path and kept in R2 under `invoices/{user}/{invoice}/{status}-{refunded}-{credited}/`.
 * The folder names what the copy shows, so a paid, refunded or credited invoice is rendered
 * again on its next download; an admin's "regenerate" renders it again now (new seller details,
 * say) and the customer's download gets that copy.
 */

type InvoiceEnv = Pick<Env, "BROWSER" | "DB" | "FILES"> &
  Pick<Env, "SELLER_NAME" | "SELLER_ADDRESS" | "SELLER_TAX_ID" | "SELLER_SUPPORT_EMAIL">;

/** The seller an invoice names, from the `SELLER_*` settings (address lines split by `\n`). */
export function sellerDetails(env: InvoiceEnv): SellerDetails {
  return {
    name: env.SELLER_NAME,
    addressLines: env.SELLER_ADDRESS.split(/\r?\n|\\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    taxId: env.SELLER_TAX_ID.trim() || null,
    supportEmail: env.SELLER_SUPPORT_EMAIL,
  };
}

/** The R2 folder of the copies that show the invoice as it is now. */
const folderOf = (invoice: InvoiceRow) =>
  `invoices/${invoice.userId}/${invoice.id}/${invoice.status}-${invoice.amountRefunded}-${invoice.amountCredited}/`;

/**
 * Renders the invoice for its owner and stores it, replacing the stored copy: the row names the
 * new key only if it still names the copy this render replaces (a concurrent render wins once),
 * and the copy it replaces is deleted.
 */
export async function renderInvoicePdf(
  env: InvoiceEnv,
  invoice: InvoiceRow,
  owner: Pick<Account, "name" | "email">,
  now: number,
): Promise<{ key: string; renderedAt: number }> {
  const body = invoiceBody(invoice);
  const notes = await createDb(env.DB)
    .select()
    .from(creditNotes)
    .where(and(eq(creditNotes.invoiceId, invoice.id), eq(creditNotes.status, "issued")))
    .orderBy(asc(creditNotes.createdAt));
  const html = invoiceDocument({
    seller: sellerDetails(env),
    number: invoice.number ?? invoice.id,
    status: invoice.status,
    currency: invoice.currency,
    issuedAt: body.created_at,
    paidAt: body.paid_at,
    periodStart: body.period_start,
    periodEnd: body.period_end,
    customerName: owner.name,
    customerEmail: owner.email,
    lines: body.lines,
    amountDue: invoice.amountDue,
    amountPaid: invoice.amountPaid,
    amountRefunded: invoice.amountRefunded,
    // A note's cash refund is in "Refunded" already; the note lists what it credited.
    creditNotes: notes
      .filter((note) => note.amount > note.amountRefunded)
      .map((note) => ({
        number: note.number ?? note.id,
        amount: note.amount - note.amountRefunded,
        memo: note.memo,
      })),
  });
  const { pdf } = await renderPdf(env, html);
  const key = `${folderOf(invoice)}${now}-${crypto.randomUUID().slice(0, 8)}.pdf`;
  await env.FILES.put(key, pdf, { httpMetadata: { contentType: "application/pdf" } });
  const replaced = await createDb(env.DB)
    .update(invoices)
    .set({ pdfKey: key, updatedAt: now })
    .where(
      and(
        eq(invoices.id, invoice.id),
        invoice.pdfKey === null
          ? sql`${invoices.pdfKey} IS NULL`
          : eq(invoices.pdfKey, invoice.pdfKey),
      ),
    )
    .returning({ id: invoices.id });
  if (replaced.length === 0) {
    // Another render stored its copy first: that one stays, this one goes.
    await env.FILES.delete(key);
    const current = await createDb(env.DB).query.invoices.findFirst({
      where: eq(invoices.id, invoice.id),
    });
    return { key: current?.pdfKey ?? key, renderedAt: now };
  }
  if (invoice.pdfKey) await env.FILES.delete(invoice.pdfKey);
  return { key, renderedAt: now };
}

/** `GET /api/invoices/{id}/pdf`: the stored copy while it shows the invoice as it is, else a new one. */
export async function invoicePdf(
  env: Env,
  account: Account,
  id: string,
  now: number,
): Promise<R2ObjectBody> {
  const invoice = await findInvoice(env, account.id, id);
  if (invoice.pdfKey?.startsWith(folderOf(invoice))) {
    const stored = await env.FILES.get(invoice.pdfKey);
    if (stored) return stored;
  }
  const { key } = await renderInvoicePdf(env, invoice, account, now);
  const stored = await env.FILES.get(key);
  if (!stored) throw new Error(`invoice PDF ${key} vanished after upload`);
  return stored;
}
