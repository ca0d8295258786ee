import { type Entitlements, PLANS, type Plan, type PlanTable } from "./entitlements";

/** A plan feature that is either included or not (password links, premium templates…). */
export type PlanFeature = {
  [K in keyof Entitlements]: Entitlements[K] extends boolean ? K : never;
}[keyof Entitlements];

/**
 * The cheapest plan in `plans` that includes `feature` (plans are listed cheapest first), or
 * null when none does: what "available on … and above" copy names, so it follows the live
 * table rather than a plan name written into the page.
 */
export function cheapestPlanWith(plans: PlanTable, feature: PlanFeature): Plan | null {
  return PLANS.find((plan) => plans[plan]?.[feature] === true) ?? null;
}
