import { PLAN_PRICES_CENTS, PLANS, type Plan } from "../plans/entitlements";
import { type InvoiceStatus, isEntitledStatus, type LifecycleState } from "./states";

/**
 * The subscription lifecycle of README "Billing" as pure functions: which plan's limits apply for a
 * provider state, what a plan change means, the proration of an upgrade and the order in
 * which provider events may overwrite each other.
 */

/** Past due keeps the plan for this long after the first failed payment; then Free. */
export const GRACE_HOURS = 72;

export const planRank = (plan: Plan): number => PLANS.indexOf(plan);

export type PlanChange = "same" | "upgrade" | "downgrade";

/** Upgrades apply at once with proration; downgrades wait for the next cycle. */
export function classifyChange(from: Plan, to: Plan): PlanChange {
  if (from === to) return "same";
  return planRank(to) > planRank(from) ? "upgrade" : "downgrade";
}

export interface SubscriptionState {
  plan: Plan;
  status: string;
  cancelAtPeriodEnd: boolean;
  /** Seconds since the epoch. */
  currentPeriodEnd: number;
  trialEnd: number | null;
  endedReason?: string | null;
}

/**
 * The plan whose limits apply. Trialing, active and past due (within grace) keep the plan;
 * a cancellation keeps it to the period end (the provider ends the subscription then);
 * unpaid, ended, incomplete or paused subscriptions fall back to Free.
 */
export function entitledPlan(sub: SubscriptionState | null): Plan {
  if (!sub) return "free";
  return isEntitledStatus(sub.status) ? sub.plan : "free";
}

/** What a person sees (core/billing/states.ts `LIFECYCLE_STATES`). */

export function lifecycleState(sub: SubscriptionState | null): LifecycleState {
  if (!sub) return "free";
  if (sub.status === "unpaid" || sub.endedReason === "unpaid") return "unpaid";
  if (sub.status === "canceled" || sub.status === "incomplete_expired") return "free";
  if (sub.status === "incomplete") return "incomplete";
  if (sub.cancelAtPeriodEnd && ["trialing", "active"].includes(sub.status)) return "canceled";
  if (sub.status === "trialing" || sub.status === "active" || sub.status === "past_due")
    return sub.status;
  return "free";
}

/** Whole days of trial left, rounded up; 0 once it is over. */
export function trialDaysLeft(trialEnd: number | null, nowSeconds: number): number {
  if (trialEnd === null || trialEnd <= nowSeconds) return 0;
  return Math.ceil((trialEnd - nowSeconds) / 86_400);
}

/**
 * What an immediate upgrade costs now: the price difference for the unused share of the
 * period, in cents, rounded to the nearest cent (Stripe prorates by the second the same way).
 */
export function prorationCents(
  from: Plan,
  to: Plan,
  period: { start: number; end: number },
  nowSeconds: number,
): number {
  const length = period.end - period.start;
  if (length <= 0) return 0;
  const remaining = Math.min(Math.max(period.end - nowSeconds, 0), length);
  const difference = PLAN_PRICES_CENTS[to] - PLAN_PRICES_CENTS[from];
  return Math.round((difference * remaining) / length);
}

/** The position of an event in one customer's history: its time, then arrival order. */
export interface EventPosition {
  created: number;
  seq: number;
}

/**
 * Whether an event may overwrite state written by `applied`. Stripe does not promise order,
 * so an event older than the one already applied must not win; events of the same second
 * are taken in the order they arrived.
 */
export function isNewer(event: EventPosition, applied: EventPosition | null): boolean {
  if (!applied) return true;
  if (event.created !== applied.created) return event.created > applied.created;
  return event.seq > applied.seq;
}

/** Invoice statuses never go back: a late `payment_failed` cannot reopen a paid invoice. */
const INVOICE_RANK: Record<InvoiceStatus, number> = {
  draft: 0,
  open: 1,
  uncollectible: 2,
  paid: 3,
  void: 3,
};

export const invoiceStatusMayMove = (from: string, to: string): boolean =>
  (INVOICE_RANK[to as InvoiceStatus] ?? 0) >= (INVOICE_RANK[from as InvoiceStatus] ?? 0);

/**
 * The dunning schedule, hours after the first failure. Each stage waits for the invoice to
 * be paid until its time comes; a payment at any point ends the flow.
 */
export const DUNNING_SCHEDULE = [
  { stage: "retry", atHours: 1, wait: "wait 1 hour" },
  { stage: "alternate_method", atHours: 6, wait: "wait until 6 hours" },
  { stage: "final_retry", atHours: 24, wait: "wait until 24 hours" },
  { stage: "grace_warning", atHours: GRACE_HOURS - 24, wait: "wait until 48 hours" },
  { stage: "downgrade", atHours: GRACE_HOURS, wait: "wait until 72 hours" },
] as const;

export type DunningStage = (typeof DUNNING_SCHEDULE)[number]["stage"];

/** Hours to wait before a stage, counted from the previous one. */
export function dunningWaitHours(index: number): number {
  const stage = DUNNING_SCHEDULE[index];
  if (!stage) throw new RangeError(`no dunning stage ${index}`);
  const previous = index === 0 ? 0 : DUNNING_SCHEDULE[index - 1]!.atHours;
  return stage.atHours - previous;
}

export const formatCents = (cents: number, currency = "usd"): string =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(
    cents / 100,
  );
