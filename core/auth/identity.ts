import { isPlan, PLANS, type Plan } from "../plans/entitlements";

/** Emails compare case-insensitively and without surrounding spaces everywhere. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Where an account stands: unverified until its email is confirmed; suspended, banned and
 * deleted accounts cannot sign in (`canSignIn` in `server/auth/accounts.ts`).
 */
export const USER_STATUSES = [
  "pending_verification",
  "active",
  "suspended",
  "banned",
  "deleted",
] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The onboarding a new account walks through after its first sign-in, in order. */
export const ONBOARDING_STEPS = ["profile", "plan", "done"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** Plans someone can choose at signup (README "Billing"); billing owns the subscription after. */
export const SIGNUP_PLANS = PLANS;
export type SignupPlan = Plan;

/** The plans a checkout can start: every plan but Free. */
export const PAID_PLANS = ["standard", "premium", "enterprise"] as const satisfies readonly Plan[];
export type PaidPlan = (typeof PAID_PLANS)[number];

/**
 * A plan chosen at sign-up or onboarding is a checkout intent (`users.plan_intent`), never
 * the plan limits follow: only billing writes that. Free needs no checkout, so it is none.
 */
export const planIntentOf = (plan: string | null | undefined): PaidPlan | null =>
  plan && plan !== "free" && isPlan(plan) ? (plan as PaidPlan) : null;
