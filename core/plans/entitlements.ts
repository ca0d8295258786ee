/**
 * Plans and what each allows (README "Billing"). One table: the API enforces it (403
 * `plan_limit`, through server/billing/entitlements.ts), both apps show it. `null` means
 * unlimited. Only what works is listed: a feature joins the table when it ships.
 */
export const PLANS = ["free", "standard", "premium", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export interface Entitlements {
  /** Resumes someone can keep (deleted ones in the bin do not count). */
  resumes: number | null;
  /** Exports of any format (PDF, Word, text, JSON) per calendar month: each counts one. */
  exportsPerMonth: number | null;
  /** Writing-help calls per calendar month. */
  aiCallsPerMonth: number | null;
  /** Templates marked premium. */
  premiumTemplates: boolean;
  /** Password-protected share links. */
  sharePassword: boolean;
  /** Versions kept per resume. */
  versionsKept: number;
  /** Share pages without the "made with" footer. */
  removeBranding: boolean;
  /** A share page on the account's own domain (README "Custom domains"). */
  customDomain: boolean;
}

/** Every plan's entitlements: ENTITLEMENTS, or the live one (README "Live configuration"). */
export type PlanTable = Record<Plan, Entitlements>;

/** The defaults; the Worker enforces these as overridden by live configuration. */
export const ENTITLEMENTS: PlanTable = {
  free: {
    resumes: 2,
    exportsPerMonth: 5,
    aiCallsPerMonth: 10,
    premiumTemplates: false,
    sharePassword: false,
    versionsKept: 10,
    removeBranding: false,
    customDomain: false,
  },
  standard: {
    resumes: 10,
    exportsPerMonth: 50,
    aiCallsPerMonth: 100,
    premiumTemplates: true,
    sharePassword: true,
    versionsKept: 50,
    removeBranding: true,
    customDomain: false,
  },
  premium: {
    resumes: null,
    exportsPerMonth: null,
    aiCallsPerMonth: 1000,
    premiumTemplates: true,
    sharePassword: true,
    versionsKept: 200,
    removeBranding: true,
    customDomain: false,
  },
  enterprise: {
    resumes: null,
    exportsPerMonth: null,
    aiCallsPerMonth: null,
    premiumTemplates: true,
    sharePassword: true,
    versionsKept: 1000,
    removeBranding: true,
    customDomain: true,
  },
};

/** Monthly price in US cents (README "Billing"); Free needs no card. */
export const PLAN_PRICES_CENTS: Record<Plan, number> = {
  free: 0,
  standard: 1499,
  premium: 2999,
  enterprise: 4999,
};

/** Days of free trial a first subscription to the plan starts with (Standard only). */
export const TRIAL_DAYS: Record<Plan, number> = {
  free: 0,
  standard: 14,
  premium: 0,
  enterprise: 0,
};

export const isPlan = (value: string): value is Plan =>
  (PLANS as readonly string[]).includes(value);

/** A plan someone's account names; anything unknown gets the free plan's limits. */
export const entitlementsOf = (plan: string, table: PlanTable = ENTITLEMENTS): Entitlements =>
  table[isPlan(plan) ? plan : "free"];

/** What a `plan_limit` refusal names: an entitlement of the table. */
export type Entitlement = Exclude<keyof Entitlements, "versionsKept">;

/**
 * The cheapest plan above `plan` that lifts the entitlement (more of a count, unlimited, or
 * the feature at all); null when none does. Plans are listed cheapest first.
 */
export function upgradeFor(
  plan: string,
  entitlement: Entitlement,
  table: PlanTable = ENTITLEMENTS,
): Plan | null {
  const current = entitlementsOf(plan, table)[entitlement];
  const above = PLANS.slice(PLANS.indexOf(isPlan(plan) ? plan : "free") + 1);
  const lifts = (value: number | boolean | null) =>
    typeof current === "boolean"
      ? value === true && !current
      : current !== null && (value === null || (value as number) > current);
  return above.find((candidate) => lifts(table[candidate][entitlement])) ?? null;
}
