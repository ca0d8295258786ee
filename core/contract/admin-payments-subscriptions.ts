import { z } from "zod";
import type { Plan } from "../plans/entitlements";

/**
 * The admin Payments section's second half (README "Admin: payments"): forcing a plan change,
 * a coupon, more grace for an account in dunning, and the disputes and dunning views. Actions
 * answer 202 like the others in admin-payments.ts: the mirror follows the provider's events.
 */

const iso = z.string().datetime();
const note = z.string().trim().max(1000).optional();

/** The plans a subscription can be on (Free is no subscription: cancel instead). */
export const PAID_PLANS = ["standard", "premium", "enterprise"] as const satisfies readonly Exclude<
  Plan,
  "free"
>[];

export const planChangeRequestSchema = z
  .object({
    plan: z.enum(PAID_PLANS),
    /**
     * `true`: the unused time is credited and the new plan's remainder invoiced and charged
     * now (Stripe's `always_invoice`); `false`: the new price from the next invoice, nothing
     * billed now.
     */
    prorate: z.boolean(),
    note,
  })
  .strict()
  .meta({ id: "AdminPlanChangeRequest" });
export type PlanChangeRequest = z.output<typeof planChangeRequestSchema>;

/** Dunning ends grace at 72 h; an admin may push that back by 1–14 days at a time. */
export const MAX_GRACE_EXTENSION_DAYS = 14;

export const graceExtensionRequestSchema = z
  .object({ days: z.number().int().min(1).max(MAX_GRACE_EXTENSION_DAYS), note })
  .strict()
  .meta({ id: "AdminGraceExtensionRequest" });
export type GraceExtensionRequest = z.output<typeof graceExtensionRequestSchema>;

export const graceExtensionResultSchema = z.object({
  subscription_id: z.string(),
  invoice_id: z.string(),
  /** The new end of grace: the dunning flow ends the subscription then, unless paid. */
  grace_ends_at: iso,
});
export type GraceExtensionResult = z.output<typeof graceExtensionResultSchema>;

export const COUPON_DURATIONS = ["once", "forever", "repeating"] as const;
export type CouponDuration = (typeof COUPON_DURATIONS)[number];

/** $10,000 off: far above any plan's price, low enough to catch a slipped zero. */
export const MAX_COUPON_AMOUNT_CENTS = 1_000_000;

export const couponRequestSchema = z
  .object({
    percent_off: z.number().int().min(1).max(100).optional(),
    amount_off_cents: z.number().int().min(1).max(MAX_COUPON_AMOUNT_CENTS).optional(),
    duration: z.enum(COUPON_DURATIONS),
    /** Only with `repeating`: how many monthly invoices it takes off. */
    duration_in_months: z.number().int().min(1).max(36).optional(),
    note,
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.percent_off === undefined) === (value.amount_off_cents === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["percent_off"],
        message: "Give either percent_off or amount_off_cents",
      });
    if ((value.duration === "repeating") !== (value.duration_in_months !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["duration_in_months"],
        message: "duration_in_months goes with duration repeating, and only with it",
      });
  })
  .meta({ id: "AdminCouponRequest" });
export type CouponRequest = z.output<typeof couponRequestSchema>;

export const couponResultSchema = z.object({
  subscription_id: z.string(),
  /** The provider's coupon (`…` in Stripe, `coupon_local_…` locally). */
  coupon_id: z.string(),
});
export type CouponResult = z.output<typeof couponResultSchema>;

export const adminDisputesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  /** Stripe's dispute status, e.g. `needs_response`. */
  status: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  user_id: z.string().min(1).max(255).optional(),
});
export type AdminDisputesQuery = z.output<typeof adminDisputesQuerySchema>;

export const adminDisputeSchema = z
  .object({
    id: z.string(),
    charge_id: z.string(),
    invoice_id: z.string().nullable(),
    user_id: z.string().nullable(),
    user_email: z.string().nullable(),
    customer_id: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    reason: z.string(),
    status: z.string(),
    evidence_due_by: iso.nullable(),
    created_at: iso,
    updated_at: iso,
  })
  .meta({ id: "AdminDispute" });
export type AdminDispute = z.output<typeof adminDisputeSchema>;

export const adminDunningQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
export type AdminDunningQuery = z.output<typeof adminDunningQuerySchema>;

export const adminDunningAccountSchema = z
  .object({
    invoice_id: z.string(),
    invoice_number: z.string().nullable(),
    subscription_id: z.string().nullable(),
    user_id: z.string(),
    user_email: z.string().nullable(),
    plan: z.string().nullable(),
    currency: z.string(),
    /** Still owed on the invoice. */
    amount_due: z.number().int(),
    run_status: z.string(),
    /** The step the flow is at: its last recorded step (`wait until 24 hours`, …). */
    step: z.string().nullable(),
    step_status: z.string().nullable(),
    started_at: iso,
    grace_ends_at: iso,
  })
  .meta({ id: "AdminDunningAccount" });
export type AdminDunningAccount = z.output<typeof adminDunningAccountSchema>;

export const adminDunningViewSchema = z
  .object({
    accounts: z.array(adminDunningAccountSchema),
    total: z.number().int(),
    /** Every dunning flow so far: how many invoices it chased and how many were paid. */
    recovery: z.object({
      started: z.number().int(),
      recovered: z.number().int(),
      recovered_cents: z.number().int(),
    }),
  })
  .meta({ id: "AdminDunningView" });
export type AdminDunningView = z.output<typeof adminDunningViewSchema>;

export const subscriptionCreateRequestSchema = z
  .object({
    user_id: z.string().min(1).max(255),
    plan: z.enum(PAID_PLANS),
    /** 0: billed from today. A trial charges nothing until it ends. */
    trial_days: z.number().int().min(0).max(90).default(0),
    /** `charge`: the account's default card now (or when the trial ends); `send`: an invoice. */
    collection: z.enum(["charge", "send"]),
    /** With `send`: days the customer has to pay each invoice. */
    days_until_due: z.number().int().min(1).max(90).default(30),
    note,
  })
  .strict()
  .meta({ id: "AdminSubscriptionCreateRequest" });
export type SubscriptionCreateRequest = z.output<typeof subscriptionCreateRequestSchema>;

export const subscriptionCreateResultSchema = z.object({
  subscription_id: z.string(),
  user_id: z.string(),
});
export type SubscriptionCreateResult = z.output<typeof subscriptionCreateResultSchema>;
