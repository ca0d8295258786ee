import { mrrOf } from "../../core/analytics/mrr";
import type { AnalyticsEventType } from "../../core/contract/analytics";
import { isPlan } from "../../core/plans/entitlements";
import type { ApplyContext } from "../billing/apply";
import { trackEvents } from "./track";

/**
 * Revenue events from the billing webhook consumer (README "Analytics"). The consumer applies
 * each provider event once; the ids below are derived from that event or from the invoice, so
 * applying it again after a crash sends the same ids and ingest keeps them once.
 */

/** Statuses in which a subscription has ended for good. */
const ENDED: readonly string[] = ["canceled", "incomplete_expired"];

interface SubscriptionState {
  plan: string;
  status: string;
  endedReason?: string | null;
}

/**
 * A subscription written by the consumer: started (first seen), canceled (ended: churn, with
 * the reason), or changed when its MRR or plan moved (a trial converting, a plan change, a
 * subscription that stopped being paid for, whose status is the reason).
 */
export async function trackSubscriptionChange(
  ctx: ApplyContext,
  before: SubscriptionState | null,
  after: SubscriptionState,
) {
  if (!isPlan(after.plan)) return;
  const planBefore = before && isPlan(before.plan) ? before.plan : null;
  const mrrFrom = before && planBefore ? mrrOf(planBefore, before.status) : 0;
  const mrrTo = mrrOf(after.plan, after.status);
  const ended = ENDED.includes(after.status) && !(before && ENDED.includes(before.status));
  const type: AnalyticsEventType | null = !before
    ? "subscription.started"
    : ended
      ? "subscription.canceled"
      : mrrFrom !== mrrTo || planBefore !== after.plan
        ? "subscription.changed"
        : null;
  if (!type) return;
  const reason = ended
    ? (after.endedReason ?? "canceled")
    : mrrFrom > 0 && mrrTo === 0
      ? after.status
      : null;
  await trackEvents(ctx.env, [
    {
      id: `${ctx.event.id}:${type}`,
      type,
      occurred_at: ctx.event.created * 1000,
      user_id: ctx.userId,
      plan: after.plan,
      plan_from: planBefore !== after.plan ? planBefore : null,
      mrr_from_cents: mrrFrom,
      mrr_to_cents: mrrTo,
      reason,
    },
  ]);
}

/**
 * An invoice payment. Ids are the invoice's, so an invoice counts as failed once however many
 * retries fail, and one paid after a failure counts as recovered (the dunning flow's work).
 */
export async function trackInvoicePayment(
  ctx: ApplyContext,
  invoiceId: string,
  succeeded: boolean,
  before: { status: string } | null,
) {
  const event = (kind: string, type: AnalyticsEventType) => ({
    id: `invoice:${invoiceId}:${kind}`,
    type,
    occurred_at: ctx.event.created * 1000,
    user_id: ctx.userId,
  });
  if (!succeeded) return trackEvents(ctx.env, [event("failed", "payment.failed")]);
  const recovered = before !== null && before.status !== "paid";
  await trackEvents(ctx.env, [
    event("paid", "payment.succeeded"),
    ...(recovered ? [event("recovered", "payment.recovered")] : []),
  ]);
}
