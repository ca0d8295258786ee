import { formatPlanPrice, PLANS } from "~/landing/plans";
import { SIGNUP_PLANS, type SignupPlan } from "~core/auth/identity";
import type { RadioCardOption } from "~kit/design-system/components/RadioCardGroup";

/** The plans as radio cards: name, price (README "Billing"), then the trial or card note and a summary. */
export const PLAN_OPTIONS: RadioCardOption[] = PLANS.map((plan) => ({
  value: plan.id,
  label: plan.name,
  detail: `${formatPlanPrice(plan.monthlyPriceCents)} per month`,
  description: `${plan.note}. ${plan.summary}`,
}));

export const isSignupPlan = (value: unknown): value is SignupPlan =>
  typeof value === "string" && (SIGNUP_PLANS as readonly string[]).includes(value);

export const planName = (id: string): string => PLANS.find((plan) => plan.id === id)?.name ?? id;
