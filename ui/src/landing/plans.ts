import { PLAN_PRICES_CENTS } from "~core/plans/entitlements";

export interface Plan {
  id: "free" | "standard" | "premium" | "enterprise";
  name: string;
  /** Monthly price in US cents (README "Billing"). */
  monthlyPriceCents: number;
  summary: string;
  /** Shown under the price, e.g. the trial. */
  note: string;
  highlighted?: boolean;
}

/**
 * Prices come from the entitlements table the Worker bills with (core/plans/entitlements.ts);
 * the copy here describes each plan without quoting limits (the /pricing page lists them).
 */
export const PLANS: Plan[] = [
  {
    id: "free",
    name: "Free",
    monthlyPriceCents: PLAN_PRICES_CENTS.free,
    summary: "Write, preview and export your resume.",
    note: "No card required",
  },
  {
    id: "standard",
    name: "Standard",
    monthlyPriceCents: PLAN_PRICES_CENTS.standard,
    summary: "Higher limits on resumes, exports and AI help for an active job search.",
    note: "14-day free trial",
    highlighted: true,
  },
  {
    id: "premium",
    name: "Premium",
    monthlyPriceCents: PLAN_PRICES_CENTS.premium,
    summary: "Premium templates, unlimited resumes and exports for a polished search.",
    note: "Billed monthly",
  },
  {
    id: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: PLAN_PRICES_CENTS.enterprise,
    summary: "The highest limits on every feature.",
    note: "Billed monthly",
  },
];

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatPlanPrice(cents: number): string {
  return cents === 0 ? "$0" : usd.format(cents / 100);
}
