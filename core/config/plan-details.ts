import { z } from "zod";
import { PLAN_PRICES_CENTS, PLANS, type Plan } from "../plans/entitlements";

/**
 * Plan details (README "Live configuration", plan details): what the customer apps show of
 * each plan — its name, the monthly price quoted on the pricing page, billing settings, landing
 * page and sign-up, and a one-line tagline. Only shown: the amount charged stays the code's
 * PLAN_PRICES_CENTS (local provider) or the Stripe price, whatever this says.
 */

export const planDetailSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    /** Monthly, in US cents, as quoted to customers (not charged). */
    priceCents: z.number().int().min(0).max(1_000_000),
    tagline: z.string().trim().min(1).max(160),
  })
  .strict();
export type PlanDetail = z.output<typeof planDetailSchema>;

/** `plan_details`: one entry per plan. */
export const planDetailsValueSchema = z
  .object(
    Object.fromEntries(PLANS.map((plan) => [plan, planDetailSchema])) as Record<
      Plan,
      typeof planDetailSchema
    >,
  )
  .strict();
export type PlanDetailsValue = Record<Plan, PlanDetail>;

export const PLAN_DETAIL_DEFAULTS: PlanDetailsValue = {
  free: {
    name: "Free",
    priceCents: PLAN_PRICES_CENTS.free,
    tagline: "Write, preview and export your resume.",
  },
  standard: {
    name: "Standard",
    priceCents: PLAN_PRICES_CENTS.standard,
    tagline: "Premium templates, password-protected links and higher limits for an active search.",
  },
  premium: {
    name: "Premium",
    priceCents: PLAN_PRICES_CENTS.premium,
    tagline: "Unlimited resumes and exports, and more writing help, for a polished search.",
  },
  enterprise: {
    name: "Enterprise",
    priceCents: PLAN_PRICES_CENTS.enterprise,
    tagline: "The highest limits on every feature.",
  },
};
