import { and, eq, or, sql } from "drizzle-orm";
import { parseDispute } from "../../core/billing/stripe-disputes";
import { parseCharge } from "../../core/billing/stripe-objects";
import { createDb } from "../../db/client";
import { disputes, invoices } from "../../db/schema";
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

/**
 * `charge.dispute.created|updated|closed` and the funds events: the dispute as Stripe now
 * states it, kept in `disputes` for the admin's list (README "Admin: payments"). The newest
 * event wins, as for subscriptions, so a late `created` never reopens a closed dispute. The
 * invoice is the one the disputed PaymentIntent paid, when the provider can say.
 */
export async function applyDispute(ctx: ApplyContext): Promise<ApplyOutcome> {
  const dispute = parseDispute(ctx.event.data.object);
  const invoiceId = dispute.paymentIntentId
    ? await (await billingProvider(ctx.env)).invoiceOfPayment(dispute.paymentIntentId)
    : null;
  const { position } = ctx;
  const values = {
    userId: ctx.userId,
    customerId: ctx.customerId,
    chargeId: dispute.chargeId,
    paymentIntentId: dispute.paymentIntentId,
    invoiceId,
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    status: dispute.status,
    evidenceDueBy: dispute.evidenceDueBy === null ? null : dispute.evidenceDueBy * 1000,
    lastEventCreated: position.created,
    lastEventSeq: position.seq,
    updatedAt: ctx.now,
  };
  const written = await createDb(ctx.env.DB)
    .insert(disputes)
    .values({ id: dispute.id, ...values, createdAt: dispute.created * 1000 })
    .onConflictDoUpdate({
      target: disputes.id,
      set: values,
      setWhere: or(
        sql`${disputes.lastEventCreated} < ${position.created}`,
        and(
          eq(disputes.lastEventCreated, position.created),
          sql`${disputes.lastEventSeq} < ${position.seq}`,
        ),
      ),
    })
    .returning({ id: disputes.id });
  if (written.length === 0)
    return { status: "ignored", reason: "a newer state of this dispute was already applied" };
  await recordWebhookChange(
    ctx,
    ctx.event.type === "charge.dispute.created" ? "charge.disputed" : ctx.event.type,
    {
      dispute_id: dispute.id,
      charge_id: dispute.chargeId,
      invoice_id: invoiceId,
      amount: dispute.amount,
      reason: dispute.reason,
      status: dispute.status,
    },
  );
  return { status: "applied" };
}
