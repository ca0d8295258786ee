import { PLAN_PRICES_CENTS, type Plan } from "../plans/entitlements";

/**
 * Monthly recurring revenue arithmetic (README "Analytics", revenue): what a subscription is
 * worth a month, and how one change of it splits into new, expansion, contraction and churn.
 */

/** Statuses that are being paid for: a trial is not revenue yet, an unpaid one no longer. */
const PAYING_STATUSES: readonly string[] = ["active", "past_due"];

/** A subscription's MRR in cents: its plan's monthly price while it is paid for, else 0. */
export const mrrOf = (plan: Plan, status: string | null): number =>
  status !== null && PAYING_STATUSES.includes(status) ? PLAN_PRICES_CENTS[plan] : 0;

/** The plan a movement is counted under; `all` is every plan together. */
export type Scope = Plan | "all";

export type MovementMetric =
  | "mrr_new"
  | "mrr_expansion"
  | "mrr_contraction"
  | "mrr_churn"
  /** Paying subscriptions gained (+1) or lost (−1): their running sum is the count. */
  | "paid_net"
  /** Paying subscriptions that stopped paying (the churn rate's numerator). */
  | "subscribers_churned"
  | `churn_reason:${string}`;

export interface Movement {
  scope: Scope;
  metric: MovementMetric;
  value: number;
}

export interface SubscriptionChange {
  plan: Plan;
  /** The plan before, when the change moved the subscription from another plan. */
  planFrom: Plan | null;
  mrrFromCents: number;
  mrrToCents: number;
  reason: string | null;
}

/** One scope's view of MRR going from `from` to `to` cents. */
function split(scope: Scope, from: number, to: number, reason: string | null): Movement[] {
  if (from === 0 && to > 0)
    return [
      { scope, metric: "mrr_new", value: to },
      { scope, metric: "paid_net", value: 1 },
    ];
  if (from > 0 && to === 0)
    return [
      { scope, metric: "mrr_churn", value: from },
      { scope, metric: "paid_net", value: -1 },
      { scope, metric: "subscribers_churned", value: 1 },
      { scope, metric: `churn_reason:${reason ?? "unknown"}`, value: 1 },
    ];
  if (to > from) return [{ scope, metric: "mrr_expansion", value: to - from }];
  if (to < from) return [{ scope, metric: "mrr_contraction", value: from - to }];
  return [];
}

/**
 * How one subscription change moves MRR, for every plan and for all plans together. Across all
 * plans a change of plan is an expansion or contraction by the price difference. Within one
 * plan, the subscription's whole MRR leaves the plan it was on (contraction, or churn if it also
 * stopped paying) and arrives in the new one (expansion, or new if it was not paying), so each
 * plan's starting balance plus its movements is exactly its ending balance.
 */
export function movementsOf(change: SubscriptionChange): Movement[] {
  const { plan, mrrFromCents: from, mrrToCents: to, reason } = change;
  const all = split("all", from, to, reason);
  const planFrom = change.planFrom ?? plan;
  if (planFrom === plan) return [...all, ...split(plan, from, to, reason)];
  const leaving: Movement[] =
    from === 0
      ? []
      : to === 0
        ? split(planFrom, from, 0, reason)
        : [
            { scope: planFrom, metric: "mrr_contraction", value: from },
            { scope: planFrom, metric: "paid_net", value: -1 },
          ];
  const arriving: Movement[] =
    to === 0
      ? []
      : from === 0
        ? split(plan, 0, to, reason)
        : [
            { scope: plan, metric: "mrr_expansion", value: to },
            { scope: plan, metric: "paid_net", value: 1 },
          ];
  return [...all, ...leaving, ...arriving];
}

export interface MrrBalance {
  startingCents: number;
  newCents: number;
  expansionCents: number;
  contractionCents: number;
  churnCents: number;
}

/** Starting balance + new + expansion − contraction − churn. */
export const endingMrr = (b: MrrBalance): number =>
  b.startingCents + b.newCents + b.expansionCents - b.contractionCents - b.churnCents;

/** Annual run rate: twelve months of the MRR. */
export const arrOf = (mrrCents: number): number => mrrCents * 12;
