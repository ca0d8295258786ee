export interface Plan {
  id: "free" | "standard" | "premium" | "enterprise";
  name: string;
  /** Monthly price in US cents (SPEC §4). */
  monthlyPriceCents: number;
  summary: string;
  /** Shown under the price, e.g. the trial. */
  note: string;
  highlighted?: boolean;
}

/**
 * Prices and the trial come from SPEC §4. The per-plan limits live in the Worker's
 * entitlements table, so the copy here describes each plan without quoting numbers.
 */
export const PLANS: Plan[] = [
  {
    id: "free",
    name: "Free",
    monthlyPriceCents: 0,
    summary: "Write, preview and export your resume.",
    note: "No card required",
  },
  {
    id: "standard",
    name: "Standard",
    monthlyPriceCents: 1499,
    summary: "Higher limits on resumes, exports and AI help for an active job search.",
    note: "14-day free trial",
    highlighted: true,
  },
  {
    id: "premium",
    name: "Premium",
    monthlyPriceCents: 2999,
    summary: "Premium templates and collaboration for polished, reviewed applications.",
    note: "Billed monthly",
  },
  {
    id: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: 4999,
    summary: "The highest limits on every feature.",
    note: "Billed monthly",
  },
];

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatPlanPrice(cents: number): string {
  return cents === 0 ? "$0" : usd.format(cents / 100);
}
