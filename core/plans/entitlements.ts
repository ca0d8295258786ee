/**
 * Plans and what each allows (SPEC §4). One table: the API enforces it (403 `plan_limit`),
 * both apps show it. `null` means unlimited.
 */
export const PLANS = ["free", "standard", "premium", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export interface Entitlements {
  /** Resumes someone can keep (deleted ones in the bin do not count). */
  resumes: number | null;
  /** PDF exports per calendar month. */
  exportsPerMonth: number | null;
  /** Writing-help calls per calendar month. */
  aiCallsPerMonth: number | null;
  /** Templates marked premium. */
  premiumTemplates: boolean;
  /** Password-protected share links. */
  sharePassword: boolean;
  /** Real-time co-editing with others. */
  collaboration: boolean;
  /** Versions kept per resume. */
  versionsKept: number;
  /** Public share pages on the customer's own domain. */
  customDomain: boolean;
  /** Share pages without the "made with" footer. */
  removeBranding: boolean;
}

export const ENTITLEMENTS: Record<Plan, Entitlements> = {
  free: {
    resumes: 2,
    exportsPerMonth: 5,
    aiCallsPerMonth: 10,
    premiumTemplates: false,
    sharePassword: false,
    collaboration: false,
    versionsKept: 10,
    customDomain: false,
    removeBranding: false,
  },
  standard: {
    resumes: 10,
    exportsPerMonth: 50,
    aiCallsPerMonth: 100,
    premiumTemplates: true,
    sharePassword: true,
    collaboration: false,
    versionsKept: 50,
    customDomain: false,
    removeBranding: true,
  },
  premium: {
    resumes: null,
    exportsPerMonth: null,
    aiCallsPerMonth: 1000,
    premiumTemplates: true,
    sharePassword: true,
    collaboration: true,
    versionsKept: 200,
    customDomain: false,
    removeBranding: true,
  },
  enterprise: {
    resumes: null,
    exportsPerMonth: null,
    aiCallsPerMonth: null,
    premiumTemplates: true,
    sharePassword: true,
    collaboration: true,
    versionsKept: 1000,
    customDomain: true,
    removeBranding: true,
  },
};

/** Monthly price in US cents (SPEC §4); Free needs no card. */
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
export const entitlementsOf = (plan: string): Entitlements =>
  ENTITLEMENTS[isPlan(plan) ? plan : "free"];

type CountedLimit = "resumes" | "exportsPerMonth" | "aiCallsPerMonth";

/** Whether one more use fits, and the limit to report when it does not. */
export function checkLimit(
  plan: string,
  limit: CountedLimit,
  used: number,
): { allowed: true } | { allowed: false; limit: number } {
  const ceiling = entitlementsOf(plan)[limit];
  if (ceiling === null || used < ceiling) return { allowed: true };
  return { allowed: false, limit: ceiling };
}
