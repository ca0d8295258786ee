import { PLANS, type Plan } from "../plans/entitlements";

/** Emails compare case-insensitively and without surrounding spaces everywhere. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Plans someone can choose at signup (SPEC §4); billing owns the subscription after. */
export const SIGNUP_PLANS = PLANS;
export type SignupPlan = Plan;
