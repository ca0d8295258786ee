import { formatPlanPrice, PLANS } from "~/landing/plans";
import { SIGNUP_PLANS, type SignupPlan } from "~core/auth/identity";
import type { RadioCardOption } from "~kit/design-system/components/RadioCardGroup";

/**
 * The plans as radio cards: name, price (README "Billing"), then the trial or card note and a
 * summary. Getters, so the plan details in force (README "Live configuration") show once loaded.
 */
export const PLAN_OPTIONS: RadioCardOption[] = PLANS.map((plan) => ({
  value: plan.id,
  get label() {
    return plan.name;
  },
  get detail() {
    return `${formatPlanPrice(plan.monthlyPriceCents)} per month`;
  },
  get description() {
    return `${plan.note}. ${plan.summary}`;
  },
}));

export const isSignupPlan = (value: unknown): value is SignupPlan =>
  typeof value === "string" && (SIGNUP_PLANS as readonly string[]).includes(value);

export const planName = (id: string): string => PLANS.find((plan) => plan.id === id)?.name ?? id;
