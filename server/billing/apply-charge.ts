import { and, eq } from "drizzle-orm";
import { parseCharge } from "../../core/billing/stripe-objects";
import { createDb } from "../../db/client";
import { invoices } from "../../db/schema";
import type { ApplyContext, ApplyOutcome } from "./apply";
import { billingProvider } from "./provider";
import { recordWebhookChange } from "./records";

/**
 * `charge.refunded`: the refund shows on the invoice the charge paid. Since API 2025-03-31 a
 * charge no longer names its invoice; the invoice's payments name the charge's PaymentIntent,
 * so the provider is asked which invoice that payment paid (older events still carry
 * `invoice`). `amount_refunded` is the charge's running total, so a replay sets the same value.
 */
export async function applyRefund(ctx: ApplyContext): Promise<ApplyOutcome> {
  const charge = parseCharge(ctx.event.data.object);
  const invoiceId =
    charge.invoiceId ??
    (charge.paymentIntentId
      ? await (await billingProvider(ctx.env)).invoiceOfPayment(charge.paymentIntentId)
      : null);
  const updated = invoiceId
    ? await createDb(ctx.env.DB)
        .update(invoices)
        .set({ amountRefunded: charge.amountRefunded, updatedAt: ctx.now })
        .where(and(eq(invoices.id, invoiceId), eq(invoices.userId, ctx.userId)))
        .returning({ id: invoices.id })
    : [];
  await recordWebhookChange(ctx, "charge.refunded", {
    charge_id: charge.id,
    amount_refunded: charge.amountRefunded,
    currency: charge.currency,
    invoice_id: updated.length > 0 ? invoiceId : null,
  });
  return { status: "applied" };
}

export async function applyDispute(ctx: ApplyContext): Promise<ApplyOutcome> {
  const dispute = ctx.event.data.object as {
    id: string;
    amount?: number;
    reason?: string;
    charge?: unknown;
  };
  await recordWebhookChange(ctx, "charge.disputed", {
    dispute_id: dispute.id,
    charge_id:
      typeof dispute.charge === "string"
        ? dispute.charge
        : ((dispute.charge as { id?: string })?.id ?? null),
    amount: dispute.amount ?? null,
    reason: dispute.reason ?? null,
  });
  return { status: "applied" };
}
