/** Emails compare case-insensitively and without surrounding spaces everywhere. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Plans someone can choose at signup (SPEC §4); billing owns the subscription after. */
export const SIGNUP_PLANS = ["free", "standard", "premium", "enterprise"] as const;
export type SignupPlan = (typeof SIGNUP_PLANS)[number];
