import { eq } from "drizzle-orm";
import type {
  InvoiceAction,
  InvoiceActionRequest,
  InvoiceActionResult,
} from "../../core/contract/admin-payments";
import { createDb } from "../../db/client";
import { type InvoiceRow, users } from "../../db/schema";
import type { Actor } from "../actor";
import { sendInvoiceEmail } from "../billing/invoice-email";
import { renderInvoicePdf } from "../billing/invoice-pdf";
import { billingProvider } from "../billing/provider";
import type { Env } from "../env";
import { conflict } from "../errors";
import { recordAudit } from "../ops/audit";
import { enforceLimit } from "../ops/rate-limits";
import { INVOICE_ACTION_AUDITS, requireInvoice } from "./invoices";

/**
 * What an admin may do to an invoice besides refunding it (README "Admin: payments"): void it
 * (asked of the billing provider; the mirror follows its `invoice.voided`), send it to the
 * customer again, and render its PDF again. Each is audited (`INVOICE_ACTION_AUDITS`).
 */

const result = (
  invoiceId: string,
  action: InvoiceAction,
  extra: Partial<Pick<InvoiceActionResult, "sent_to" | "rendered_at">> = {},
): InvoiceActionResult => ({
  invoice_id: invoiceId,
  action,
  sent_to: extra.sent_to ?? null,
  rendered_at: extra.rendered_at ?? null,
});

export async function voidInvoice(
  env: Env,
  actor: Actor,
  input: { invoiceId: string; request: InvoiceActionRequest },
  providerKey: string,
): Promise<InvoiceActionResult> {
  const { invoice } = await requireInvoice(env, input.invoiceId);
  if (invoice.status !== "open")
    throw conflict(`The invoice is ${invoice.status}; only an open invoice can be voided`);
  await (await billingProvider(env)).voidInvoice(invoice.id, providerKey);
  await audit(env, actor, invoice, "void", input.request.note);
  return result(invoice.id, "void");
}

/** The invoice's owner, while the account exists (a deleted account has no one to send to). */
async function ownerOf(env: Env, invoice: InvoiceRow) {
  const owner = await createDb(env.DB).query.users.findFirst({
    where: eq(users.id, invoice.userId),
  });
  if (!owner) throw conflict("The account this invoice belongs to no longer exists");
  return owner;
}

function statusLabel(invoice: InvoiceRow): string {
  if (invoice.amountRefunded > 0)
    return invoice.amountRefunded >= invoice.amountPaid ? "Refunded" : "Partially refunded";
  return invoice.status === "open"
    ? "Unpaid"
    : invoice.status[0]!.toUpperCase() + invoice.status.slice(1);
}

/**
 * Emails the invoice to its owner again, with a link to their billing page. Once a minute per
 * invoice (`REQUEST_LIMITS.invoiceResend`, all staff together), so a customer's inbox is not
 * flooded; a KV counter, so approximate under concurrency (README "Security").
 */
export async function resendInvoice(
  env: Env,
  actor: Actor,
  input: { invoiceId: string; request: InvoiceActionRequest },
): Promise<InvoiceActionResult> {
  const { invoice } = await requireInvoice(env, input.invoiceId);
  if (invoice.status === "draft" || invoice.status === "void")
    throw conflict(`The invoice is ${invoice.status}; there is nothing to send`);
  const owner = await ownerOf(env, invoice);
  await enforceLimit(env, "invoiceResend", invoice.id, actor.at);
  await sendInvoiceEmail(env, {
    kind: "resent",
    owner,
    invoice,
    statusLabel: statusLabel(invoice),
    issuedAt: invoice.createdAt,
    // One email per request (the idempotency key replays the answer, the limit spaces them).
    dedupe: String(actor.at),
    now: actor.at,
  });
  await audit(env, actor, invoice, "resend", input.request.note, { to: owner.email });
  return result(invoice.id, "resend", { sent_to: owner.email });
}

/**
 * Renders the invoice's PDF again with the current seller details and replaces the stored copy;
 * the customer's next download is the new one.
 */
export async function regenerateInvoicePdf(
  env: Env,
  actor: Actor,
  input: { invoiceId: string; request: InvoiceActionRequest },
): Promise<InvoiceActionResult> {
  const { invoice } = await requireInvoice(env, input.invoiceId);
  const owner = await ownerOf(env, invoice);
  const rendered = await renderInvoicePdf(env, invoice, owner, actor.at);
  await audit(env, actor, invoice, "regenerate_pdf", input.request.note, { key: rendered.key });
  return result(invoice.id, "regenerate_pdf", {
    rendered_at: new Date(rendered.renderedAt).toISOString(),
  });
}

function audit(
  env: Env,
  actor: Actor,
  invoice: InvoiceRow,
  action: InvoiceAction,
  note: string | undefined,
  details: Record<string, unknown> = {},
) {
  return recordAudit(env, actor, {
    action: INVOICE_ACTION_AUDITS[action],
    resourceType: "invoice",
    resourceId: invoice.id,
    details: { user_id: invoice.userId, note: note || null, ...details },
  });
}
