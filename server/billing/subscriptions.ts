import { eq } from "drizzle-orm";
import {
  classifyChange,
  GRACE_HOURS,
  lifecycleState,
  prorationCents,
  trialDaysLeft,
} from "../../core/billing/lifecycle";
import { isEntitledStatus } from "../../core/billing/states";
import { isPlan, PLAN_PRICES_CENTS, type Plan, TRIAL_DAYS } from "../../core/plans/entitlements";
import { createDb } from "../../db/client";
import { billingCustomers, type SubscriptionRow, workflowRuns } from "../../db/schema";
import { publicUrl } from "../email";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { dunningInstanceId } from "./dunning";
import { billingMode, billingProvider } from "./provider";
import {
  currentSubscription,
  customerOfUser,
  findAccount,
  latestSubscription,
  recordBillingEvent,
} from "./records";

/** What a person's billing actions need to know about them. */
export interface Account {
  id: string;
  email: string;
  name: string;
  plan: string;
}

const iso = (seconds: number | null) =>
  seconds === null ? null : new Date(seconds * 1000).toISOString();
const toSeconds = (ms: number) => Math.floor(ms / 1000);

const stateOf = (sub: SubscriptionRow | null) =>
  lifecycleState(sub && isPlan(sub.plan) ? { ...sub, plan: sub.plan } : null);

/** The payment customer for an account, created once (signup, or the first checkout). */
export async function ensureCustomer(env: Env, account: Account, now: number): Promise<string> {
  const existing = await customerOfUser(env, account.id);
  const provider = await billingProvider(env);
  if (existing && existing.mode === provider.mode) return existing.customerId;
  const customerId = await provider.createCustomer(
    { userId: account.id, email: account.email, name: account.name },
    `customer:${account.id}:${provider.mode}`,
  );
  await createDb(env.DB)
    .insert(billingCustomers)
    .values({ userId: account.id, customerId, mode: provider.mode, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: billingCustomers.userId,
      set: { customerId, mode: provider.mode, updatedAt: now },
    });
  await recordBillingEvent(env, {
    userId: account.id,
    customerId,
    type: "customer.created",
    source: "api",
    detail: { mode: provider.mode },
    at: now,
  });
  return customerId;
}

/** The trial days a new subscription to `plan` gets: Standard's 14, once per customer. */
async function trialDaysFor(env: Env, userId: string, plan: Plan): Promise<number> {
  const customer = await customerOfUser(env, userId);
  return customer?.trialUsedAt ? 0 : TRIAL_DAYS[plan];
}

/**
 * The signup workflow's "start plan" step: the customer, and for Standard the 14-day trial
 * (no card yet). Both calls carry keys derived from the account, so a replayed step creates
 * nothing twice. Paid plans without a trial start at checkout.
 */
export async function startPlanAtSignup(env: Env, account: Account, plan: Plan, now: number) {
  const customerId = await ensureCustomer(env, account, now);
  const trialDays = await trialDaysFor(env, account.id, plan);
  if (plan === "free" || trialDays === 0 || (await currentSubscription(env, account.id))) {
    return { customerId, trial: false };
  }
  const provider = await billingProvider(env);
  const { subscriptionId } = await provider.startTrial(
    { userId: account.id, customerId, plan, trialDays },
    `signup:${account.id}:trial`,
  );
  await createDb(env.DB)
    .update(billingCustomers)
    .set({ trialUsedAt: now, updatedAt: now })
    .where(eq(billingCustomers.userId, account.id));
  await recordBillingEvent(env, {
    userId: account.id,
    customerId,
    type: "trial.started",
    source: "workflow",
    detail: { plan, trial_days: trialDays, subscription_id: subscriptionId },
    at: now,
  });
  return { customerId, trial: true };
}

/** When an unpaid invoice's grace ends: 72 h after its dunning flow started. */
async function graceEndsAt(env: Env, sub: SubscriptionRow): Promise<string | null> {
  if (sub.status !== "past_due") return null;
  const db = createDb(env.DB);
  const open = await db.query.invoices.findFirst({
    where: (i, { and, eq }) => and(eq(i.subscriptionId, sub.id), eq(i.status, "open")),
    orderBy: (i, { desc }) => desc(i.createdAt),
  });
  if (!open) return null;
  const run = await db.query.workflowRuns.findFirst({
    where: eq(workflowRuns.instanceId, dunningInstanceId(open.id)),
  });
  const from = run?.createdAt ?? open.updatedAt;
  return new Date(from + GRACE_HOURS * 3_600_000).toISOString();
}

export async function subscriptionView(env: Env, account: Account, now: number) {
  const sub =
    (await currentSubscription(env, account.id)) ?? (await latestSubscription(env, account.id));
  const customer = await customerOfUser(env, account.id);
  return {
    plan: account.plan,
    state: stateOf(sub),
    mode: billingMode(env),
    trial_available: !customer?.trialUsedAt,
    subscription: sub && {
      id: sub.id,
      plan: sub.plan,
      status: sub.status,
      cancel_at_period_end: sub.cancelAtPeriodEnd,
      current_period_start: iso(sub.currentPeriodStart)!,
      current_period_end: iso(sub.currentPeriodEnd)!,
      trial_end: iso(sub.trialEnd),
      trial_days_left: trialDaysLeft(sub.trialEnd, toSeconds(now)),
      pending_plan: sub.pendingPlan,
      default_payment_method_id: sub.defaultPaymentMethodId,
      grace_ends_at: await graceEndsAt(env, sub),
      ended_at: iso(sub.endedAt),
      ended_reason: sub.endedReason,
    },
  };
}

/**
 * `POST /subscription/checkout`: a new subscription, or the card for a card-less trial. The
 * trial's card is a setup-mode session like "Add a card": the webhook consumer makes the
 * saved card the trial's default when `checkout.session.completed` arrives.
 */
export async function startCheckout(
  env: Env,
  account: Account,
  plan: Exclude<Plan, "free">,
  key: string,
  now: number,
) {
  const current = await currentSubscription(env, account.id);
  let trial: SubscriptionRow | null = null;
  if (current && current.status !== "incomplete") {
    const cardlessTrial = current.status === "trialing" && !current.defaultPaymentMethodId;
    if (!cardlessTrial || current.plan !== plan) {
      throw conflict("You already have a subscription; change its plan instead", {
        subscription_id: current.id,
        plan: current.plan,
      });
    }
    trial = current;
  }
  const mode: "subscription" | "setup" = trial ? "setup" : "subscription";
  const customerId = await ensureCustomer(env, account, now);
  const trialDays = trial ? 0 : await trialDaysFor(env, account.id, plan);
  const provider = await billingProvider(env);
  const common = {
    userId: account.id,
    customerId,
    email: account.email,
    successUrl: publicUrl(env, "/account/billing?checkout=success"),
    cancelUrl: publicUrl(env, "/pricing?checkout=canceled"),
  };
  const session = await provider.createCheckout(
    trial
      ? { ...common, mode: "setup", plan, subscriptionId: trial.id, makeDefault: true }
      : { ...common, mode: "subscription", plan, trialDays },
    key,
  );
  await recordBillingEvent(env, {
    userId: account.id,
    customerId,
    type: "checkout.created",
    source: "api",
    detail: { plan, mode, trial_days: trialDays, session_id: session.id },
    idempotencyKey: key,
    at: now,
  });
  return {
    checkout_url: session.url,
    session_id: session.id,
    mode,
    trial_days: trialDays,
    amount_due_now_cents: trial || trialDays > 0 ? 0 : PLAN_PRICES_CENTS[plan],
  };
}

async function requireLive(env: Env, userId: string): Promise<SubscriptionRow> {
  const sub = await currentSubscription(env, userId);
  if (!sub || !isEntitledStatus(sub.status)) {
    throw conflict("There is no active subscription; start one at checkout first");
  }
  return sub;
}

/**
 * `POST /subscription/change`: an upgrade applies now and charges the prorated difference;
 * a downgrade waits for the next cycle; Free is a cancellation at the period end; the
 * current plan again drops a scheduled change. The mirror follows through the webhook.
 */
export async function changePlan(env: Env, account: Account, plan: Plan, key: string, now: number) {
  const sub = await requireLive(env, account.id);
  if (!isPlan(sub.plan)) throw conflict(`Unknown current plan ${sub.plan}`);
  const provider = await billingProvider(env);
  const change = classifyChange(sub.plan, plan);
  const audit = (type: string, detail: Record<string, unknown>) =>
    recordBillingEvent(env, {
      userId: account.id,
      customerId: sub.customerId,
      type,
      source: "api",
      detail: { subscription_id: sub.id, from: sub.plan, to: plan, ...detail },
      idempotencyKey: key,
      at: now,
    });
  if (plan === "free") {
    await provider.setCancelAtPeriodEnd(sub.id, true, key);
    await audit("change.requested", { change: "cancel" });
    return {
      change: "cancel" as const,
      effective_at: iso(sub.currentPeriodEnd)!,
      proration_cents: 0,
    };
  }
  if (change === "same") {
    if (!sub.pendingPlan) throw conflict(`You are already on the ${plan} plan`);
    await provider.clearScheduledChange(sub.id, key);
    await audit("change.requested", { change: "keep" });
    return {
      change: "keep" as const,
      effective_at: new Date(now).toISOString(),
      proration_cents: 0,
    };
  }
  if (change === "upgrade") {
    const proration =
      sub.status === "trialing"
        ? 0
        : prorationCents(
            sub.plan,
            plan,
            { start: sub.currentPeriodStart, end: sub.currentPeriodEnd },
            toSeconds(now),
          );
    await provider.upgrade({ subscriptionId: sub.id, plan }, key);
    await audit("change.requested", { change: "upgrade", proration_cents: proration });
    return {
      change: "upgrade" as const,
      effective_at: new Date(now).toISOString(),
      proration_cents: proration,
    };
  }
  await provider.scheduleDowngrade({ subscriptionId: sub.id, plan }, key);
  await audit("change.requested", { change: "downgrade" });
  return {
    change: "downgrade" as const,
    effective_at: iso(sub.currentPeriodEnd)!,
    proration_cents: 0,
  };
}

export async function cancelSubscription(env: Env, account: Account, key: string, now: number) {
  const sub = await requireLive(env, account.id);
  if (sub.cancelAtPeriodEnd) throw conflict("The subscription is already set to end");
  await (await billingProvider(env)).setCancelAtPeriodEnd(sub.id, true, key);
  await recordBillingEvent(env, {
    userId: account.id,
    customerId: sub.customerId,
    type: "cancel.requested",
    source: "api",
    detail: { subscription_id: sub.id, access_until: iso(sub.currentPeriodEnd) },
    idempotencyKey: key,
    at: now,
  });
  return { access_until: iso(sub.currentPeriodEnd)! };
}

/**
 * A permanently banned account's subscription ends at its period's end (README "Strikes and
 * bans"), through the provider like any cancellation, so the webhook is what changes the plan.
 * Nothing to do without a live subscription or when it is already set to end.
 */
export async function endSubscriptionOfBanned(
  env: Env,
  userId: string,
  key: string,
  now: number,
): Promise<boolean> {
  const sub = await currentSubscription(env, userId);
  if (!sub || !isEntitledStatus(sub.status) || sub.cancelAtPeriodEnd) return false;
  await (await billingProvider(env)).setCancelAtPeriodEnd(sub.id, true, key);
  await recordBillingEvent(env, {
    userId,
    customerId: sub.customerId,
    type: "cancel.requested",
    source: "workflow",
    detail: { subscription_id: sub.id, access_until: iso(sub.currentPeriodEnd) },
    idempotencyKey: key,
    at: now,
  });
  return true;
}

export async function reactivateSubscription(env: Env, account: Account, key: string, now: number) {
  const sub = await currentSubscription(env, account.id);
  if (!sub?.cancelAtPeriodEnd || sub.currentPeriodEnd <= toSeconds(now)) {
    throw conflict("Only a subscription set to end, before its period ends, can be reactivated");
  }
  await (await billingProvider(env)).setCancelAtPeriodEnd(sub.id, false, key);
  await recordBillingEvent(env, {
    userId: account.id,
    customerId: sub.customerId,
    type: "reactivate.requested",
    source: "api",
    detail: { subscription_id: sub.id },
    idempotencyKey: key,
    at: now,
  });
  return { renews_at: iso(sub.currentPeriodEnd)! };
}

export async function accountFor(env: Env, userId: string): Promise<Account> {
  const user = await findAccount(env, userId);
  if (!user) throw notFound("Account");
  return { id: user.id, email: user.email, name: user.name, plan: user.plan };
}
