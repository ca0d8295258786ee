import { isLiveSubscriptionStatus } from "../../core/billing/states";
import type { SubscriptionActionResult } from "../../core/contract/admin-payments";
import type {
  CouponRequest,
  CouponResult,
  GraceExtensionRequest,
  GraceExtensionResult,
  PlanChangeRequest,
  SubscriptionCreateRequest,
  SubscriptionCreateResult,
} from "../../core/contract/admin-payments-subscriptions";
import type { Actor } from "../actor";
import { wakeDunning } from "../billing/dunning";
import { GRACE_EXTENDED, graceEndsAt } from "../billing/dunning-grace";
import { billingProvider } from "../billing/provider";
import { currentSubscription, findAccount, recordBillingEvent } from "../billing/records";
import { ensureCustomer } from "../billing/subscriptions";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { recordAudit } from "../ops/audit";
import { requireSubscription } from "./subscriptions";

/**
 * An admin's changes to a subscription beyond cancelling (README "Admin: payments"): a plan
 * forced now, a coupon, more grace in dunning. The first two go to the billing provider with
 * the request's idempotency key and show once its event is applied; grace is our own dunning
 * flow's, so it is stored for the flow and the flow is woken to read it.
 */

const DAY_MS = 86_400_000;

async function changeableSubscription(env: Env, id: string) {
  const sub = await requireSubscription(env, id);
  if (!isLiveSubscriptionStatus(sub.status)) throw conflict(`The subscription is ${sub.status}`);
  return sub;
}

/**
 * A subscription made by hand for an account that has none (README "Admin: payments"): the
 * provider creates it and its events bring it, and the plan, to the mirror.
 */
export async function createSubscription(
  env: Env,
  actor: Actor,
  request: SubscriptionCreateRequest,
  providerKey: string,
): Promise<SubscriptionCreateResult> {
  const account = await findAccount(env, request.user_id);
  if (!account) throw notFound("Account");
  const live = await currentSubscription(env, account.id);
  if (live) throw conflict(`The account already has a subscription (${live.id})`);
  const customerId = await ensureCustomer(env, account, actor.at);
  const { subscriptionId } = await (await billingProvider(env)).createSubscription(
    {
      userId: account.id,
      customerId,
      plan: request.plan,
      trialDays: request.trial_days,
      collection: request.collection,
      daysUntilDue: request.days_until_due,
    },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: "subscription.created_manually",
    resourceType: "subscription",
    resourceId: subscriptionId,
    details: {
      user_id: account.id,
      plan: request.plan,
      trial_days: request.trial_days,
      collection: request.collection,
      days_until_due: request.collection === "send" ? request.days_until_due : null,
      note: request.note || null,
    },
  });
  return { subscription_id: subscriptionId, user_id: account.id };
}

export async function forcePlanChange(
  env: Env,
  actor: Actor,
  input: { subscriptionId: string; request: PlanChangeRequest },
  providerKey: string,
): Promise<SubscriptionActionResult> {
  const sub = await changeableSubscription(env, input.subscriptionId);
  const { plan, prorate, note } = input.request;
  if (sub.plan === plan && !sub.pendingPlan)
    throw conflict(`The subscription is already on ${plan}`);
  await (await billingProvider(env)).changePlan(
    { subscriptionId: sub.id, plan, prorate },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: "subscription.plan_changed",
    resourceType: "subscription",
    resourceId: sub.id,
    details: { user_id: sub.userId, from: sub.plan, to: plan, prorate, note: note || null },
  });
  return { subscription_id: sub.id, action: "change_plan" };
}

export async function applyCoupon(
  env: Env,
  actor: Actor,
  input: { subscriptionId: string; request: CouponRequest },
  providerKey: string,
): Promise<CouponResult> {
  const sub = await changeableSubscription(env, input.subscriptionId);
  const { request } = input;
  const terms = {
    percentOff: request.percent_off ?? null,
    amountOffCents: request.amount_off_cents ?? null,
    duration: request.duration,
    durationInMonths: request.duration_in_months ?? null,
  };
  const { couponId } = await (await billingProvider(env)).applyCoupon(
    {
      subscriptionId: sub.id,
      ...terms,
      metadata: { subscription_id: sub.id, requested_by: actor.id },
    },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: "subscription.coupon_applied",
    resourceType: "subscription",
    resourceId: sub.id,
    details: { user_id: sub.userId, coupon_id: couponId, ...terms, note: request.note || null },
  });
  return { subscription_id: sub.id, coupon_id: couponId };
}

/** The open invoice of the subscription a dunning flow is still chasing, with its start. */
async function dunningOf(env: Env, subscriptionId: string) {
  return env.DB.prepare(
    `SELECT i.id AS invoice_id, w.created_at AS started_at FROM invoices i
     JOIN workflow_runs w ON w.workflow = 'dunning' AND w.subject = 'invoice:' || i.id
     WHERE i.subscription_id = ? AND i.status = 'open'
       AND w.status IN ('queued', 'running', 'waiting', 'waitingForPause', 'paused')
     ORDER BY w.created_at DESC LIMIT 1`,
  )
    .bind(subscriptionId)
    .first<{ invoice_id: string; started_at: number }>();
}

/**
 * Moves the end of grace `days` later than it stands (72 h after dunning started, or an earlier
 * extension). The dunning flow reads it before it ends the subscription.
 */
export async function extendGrace(
  env: Env,
  actor: Actor,
  input: { subscriptionId: string; request: GraceExtensionRequest },
  providerKey: string,
  now: number,
): Promise<GraceExtensionResult> {
  const sub = await requireSubscription(env, input.subscriptionId);
  const dunning = await dunningOf(env, sub.id);
  if (!dunning) throw conflict("The subscription is not in dunning");
  const subject = { userId: sub.userId, invoiceId: dunning.invoice_id };
  const from = await graceEndsAt(env, subject, dunning.started_at);
  const until = from + input.request.days * DAY_MS;
  await recordBillingEvent(env, {
    userId: sub.userId,
    customerId: sub.customerId,
    type: GRACE_EXTENDED,
    source: "api",
    detail: {
      invoice_id: dunning.invoice_id,
      subscription_id: sub.id,
      days: input.request.days,
      grace_ends_at: until,
    },
    idempotencyKey: providerKey,
    at: now,
  });
  await wakeDunning(env, dunning.invoice_id, "grace_extended");
  await recordAudit(env, actor, {
    action: "subscription.grace_extended",
    resourceType: "subscription",
    resourceId: sub.id,
    details: {
      user_id: sub.userId,
      invoice_id: dunning.invoice_id,
      days: input.request.days,
      from,
      to: until,
      note: input.request.note || null,
    },
  });
  return {
    subscription_id: sub.id,
    invoice_id: dunning.invoice_id,
    grace_ends_at: new Date(until).toISOString(),
  };
}
