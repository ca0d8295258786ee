import { livePlanDetail } from "~/billing/live-plans";

export interface Plan {
  id: "free" | "standard" | "premium" | "enterprise";
  readonly name: string;
  /** Monthly price in US cents, as quoted (README "Billing"). */
  readonly monthlyPriceCents: number;
  readonly summary: string;
  /** Shown under the price, e.g. the trial. */
  note: string;
  highlighted?: boolean;
}

/**
 * A plan's card on the landing page and at sign-up. Its name, quoted price and summary are
 * live configuration's plan details (README "Live configuration"), read when shown so a change
 * appears without a deploy; the copy describes each plan without quoting limits (the /pricing
 * page lists them).
 */
const livePlan = (id: Plan["id"], extra: Pick<Plan, "note" | "highlighted">): Plan => ({
  id,
  ...extra,
  get name() {
    return livePlanDetail(id).name;
  },
  get monthlyPriceCents() {
    return livePlanDetail(id).priceCents;
  },
  get summary() {
    return livePlanDetail(id).tagline;
  },
});

export const PLANS: Plan[] = [
  livePlan("free", { note: "No card required" }),
  livePlan("standard", { note: "14-day free trial", highlighted: true }),
  livePlan("premium", { note: "Billed monthly" }),
  livePlan("enterprise", { note: "Billed monthly" }),
];

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatPlanPrice(cents: number): string {
  return cents === 0 ? "$0" : usd.format(cents / 100);
}
