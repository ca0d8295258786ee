import type { z } from "zod";
import type {
  AdminInvoice,
  AdminSubscription,
  adminBillingHistoryEntrySchema,
} from "../../core/contract/admin-payments";
import type { BillingEventRow, InvoiceRow, SubscriptionRow } from "../../db/schema";

/** Mirror rows as the admin Payments API writes them (core/contract/admin-payments.ts). */

/** Provider times are seconds; ours are milliseconds. */
const fromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();
export const fromSecondsOrNull = (seconds: number | null) =>
  seconds === null ? null : fromSeconds(seconds);
const fromMsOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentSubscription(
  row: SubscriptionRow,
  extra: { userEmail: string | null; inDunning: boolean },
): AdminSubscription {
  return {
    id: row.id,
    user_id: row.userId,
    user_email: extra.userEmail,
    customer_id: row.customerId,
    plan: row.plan,
    status: row.status,
    cancel_at_period_end: row.cancelAtPeriodEnd,
    current_period_start: fromSeconds(row.currentPeriodStart),
    current_period_end: fromSeconds(row.currentPeriodEnd),
    trial_end: fromSecondsOrNull(row.trialEnd),
    pending_plan: row.pendingPlan,
    ended_at: fromSecondsOrNull(row.endedAt),
    ended_reason: row.endedReason,
    in_dunning: extra.inDunning,
    created_at: new Date(row.createdAt).toISOString(),
  };
}

export function presentInvoice(row: InvoiceRow, userEmail: string | null): AdminInvoice {
  return {
    id: row.id,
    number: row.number,
    user_id: row.userId,
    user_email: userEmail,
    customer_id: row.customerId,
    subscription_id: row.subscriptionId,
    status: row.status,
    currency: row.currency,
    amount_due: row.amountDue,
    amount_paid: row.amountPaid,
    amount_refunded: row.amountRefunded,
    amount_credited: row.amountCredited,
    refundable: refundableOf(row),
    created_at: new Date(row.createdAt).toISOString(),
    paid_at: fromMsOrNull(row.paidAt),
  };
}

type Settled = Pick<InvoiceRow, "status" | "amountPaid" | "amountRefunded" | "amountCredited">;

/**
 * Paid and neither refunded nor credited, as the mirror knows it: what a refund or a credit note
 * may still be (README "Admin: payments"). A credit note's cash refund is in `amountRefunded`
 * and not in `amountCredited` (server/billing/apply-credit-note.ts), so it counts once.
 */
const leftOf = (row: Settled) =>
  Math.max(0, row.amountPaid - row.amountRefunded - row.amountCredited);

/** What a credit note may be: only a paid invoice is credited. */
export const creditableOf = (row: Settled) => (row.status === "paid" ? leftOf(row) : 0);

/**
 * What a refund may be: a balance credit already gave that part back, so refunding it too would
 * pay it out twice.
 */
export const refundableOf = leftOf;

export function presentHistoryEntry(
  row: BillingEventRow,
): z.output<typeof adminBillingHistoryEntrySchema> {
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    detail: JSON.parse(row.detailJson) as Record<string, unknown>,
    stripe_event_id: row.stripeEventId,
    created_at: new Date(row.createdAt).toISOString(),
  };
}
