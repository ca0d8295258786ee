import { eq } from "drizzle-orm";
import type { ManualInvoiceRequest, ManualInvoiceResult } from "../../core/contract/admin-payments";
import { createDb } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "../actor";
import { billingProvider } from "../billing/provider";
import { ensureCustomer } from "../billing/subscriptions";
import type { Env } from "../env";
import { notFound } from "../errors";
import { recordAudit } from "../ops/audit";
import { MANUAL_INVOICE_AUDIT_ACTION } from "./invoices";

/**
 * An invoice with custom lines for an account (README "Admin: payments"), made by the billing
 * provider outside any subscription: charged to the account's default card now, or sent to be
 * paid later. The mirror records it from the provider's `invoice.finalized` and payment events.
 */
export async function createManualInvoice(
  env: Env,
  actor: Actor,
  request: ManualInvoiceRequest,
  providerKey: string,
): Promise<ManualInvoiceResult> {
  const account = await createDb(env.DB).query.users.findFirst({
    where: eq(users.id, request.user_id),
  });
  if (!account) throw notFound("Account");
  const customerId = await ensureCustomer(env, account, actor.at);
  const outcome = await (await billingProvider(env)).createInvoice(
    {
      customerId,
      lines: request.lines.map((line) => ({
        description: line.description,
        amountCents: line.amount_cents,
      })),
      collection: request.collection,
      daysUntilDue: request.days_until_due,
      metadata: { user_id: account.id, requested_by: actor.id },
    },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: MANUAL_INVOICE_AUDIT_ACTION,
    resourceType: "invoice",
    resourceId: outcome.invoiceId,
    details: {
      user_id: account.id,
      collection: request.collection,
      total_cents: request.lines.reduce((sum, line) => sum + line.amount_cents, 0),
      lines: request.lines.length,
      paid: outcome.paid,
      note: request.note || null,
    },
  });
  return {
    invoice_id: outcome.invoiceId,
    collection: request.collection,
    paid: outcome.paid,
    message: outcome.message,
  };
}
