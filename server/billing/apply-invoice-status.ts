import { eq } from "drizzle-orm";
import { invoiceStatusMayMove } from "../../core/billing/lifecycle";
import type { InvoiceStatus } from "../../core/billing/states";
import { parseInvoice } from "../../core/billing/stripe-objects";
import { createDb } from "../../db/client";
import { invoices } from "../../db/schema";
import type { ApplyContext, ApplyOutcome } from "./apply";
import { notifyDunningOfPayment } from "./dunning";
import { recordWebhookChange } from "./records";

const STATUS_OF: Record<string, InvoiceStatus> = {
  "invoice.voided": "void",
  "invoice.marked_uncollectible": "uncollectible",
};

/**
 * An invoice's status changing outside a payment (README "Admin: payments"): `invoice.finalized`
 * (a manual invoice, open until paid), `invoice.voided` (an admin's void, or one in Stripe's
 * Dashboard) and `invoice.marked_uncollectible`. Statuses never go back
 * (`invoiceStatusMayMove`), so a late event cannot reopen a voided invoice, and an invoice the
 * mirror has not seen yet is recorded from the event's snapshot.
 */
export async function applyInvoiceStatus(ctx: ApplyContext): Promise<ApplyOutcome> {
  const snap = parseInvoice(ctx.event.data.object);
  const status = STATUS_OF[ctx.event.type] ?? snap.status;
  const db = createDb(ctx.env.DB);
  const before = await db.query.invoices.findFirst({ where: eq(invoices.id, snap.id) });
  if (before && !invoiceStatusMayMove(before.status, status))
    return { status: "ignored", reason: `invoice is already ${before.status}` };
  const values = {
    userId: ctx.userId,
    customerId: ctx.customerId,
    subscriptionId: snap.subscriptionId,
    number: snap.number,
    status,
    currency: snap.currency,
    amountDue: snap.amountDue,
    amountPaid: snap.amountPaid,
    billingReason: snap.billingReason,
    periodStart: snap.periodStart,
    periodEnd: snap.periodEnd,
    linesJson: JSON.stringify(snap.lines),
    attemptCount: Math.max(snap.attemptCount, before?.attemptCount ?? 0),
    hostedUrl: snap.hostedUrl,
    updatedAt: ctx.now,
  };
  await db
    .insert(invoices)
    .values({ id: snap.id, ...values, createdAt: ctx.now })
    .onConflictDoUpdate({ target: invoices.id, set: values });
  await recordWebhookChange(ctx, ctx.event.type, {
    invoice_id: snap.id,
    amount: snap.amountDue,
    currency: snap.currency,
    from: before?.status ?? null,
  });
  // Nothing is owed on a voided invoice any more: a dunning flow chasing it stops as it
  // stops for a payment (README "Billing"), so no retry charges it and no downgrade follows.
  if (status === "void") await notifyDunningOfPayment(ctx.env, snap.id);
  return { status: "applied" };
}
