import { z } from "zod";
import {
  BILLING_EVENT_SOURCES,
  BILLING_MODES,
  INVOICE_STATUSES,
  LIFECYCLE_STATES,
  SUBSCRIPTION_STATUSES,
} from "../billing/states";
import { PLANS } from "../plans/entitlements";

/**
 * The wire shapes of billing (README "Billing"): the subscription, plan changes, checkout,
 * payment methods, invoices, the account's billing history and usage. The routes
 * (`api/routes/subscription.ts`, `api/routes/billing.ts`) describe their requests and
 * responses with these; the user app reads the inferred types (`ui/src/api/billing.ts`).
 */

export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);
export const lifecycleStateSchema = z.enum(LIFECYCLE_STATES);
export const billingModeSchema = z.enum(BILLING_MODES);
export const invoiceStatusSchema = z.enum(INVOICE_STATUSES);

/** Plans a checkout sells: every plan but Free. */
const paidPlanSchema = z.enum(PLANS).exclude(["free"]);

// ---- The subscription and its lifecycle ----

export const subscriptionDetailSchema = z.object({
  id: z.string(),
  plan: z.string(),
  status: subscriptionStatusSchema,
  cancel_at_period_end: z.boolean(),
  current_period_start: z.string(),
  current_period_end: z.string(),
  trial_end: z.string().nullable(),
  trial_days_left: z.number().int(),
  pending_plan: z.string().nullable(),
  default_payment_method_id: z.string().nullable(),
  grace_ends_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  ended_reason: z.string().nullable(),
});

/** `GET /api/subscription`: `plan` is the plan whose limits apply now. */
export const subscriptionSchema = z
  .object({
    plan: z.string(),
    state: lifecycleStateSchema,
    mode: billingModeSchema,
    trial_available: z.boolean(),
    subscription: subscriptionDetailSchema.nullable(),
  })
  .meta({ id: "Subscription" });

/**
 * `GET /api/billing/plans`: the plan table of core/plans/entitlements.ts with live
 * configuration's plan limits and plan details (README "Live configuration").
 */
export const planOfferSchema = z.object({
  plan: z.enum(PLANS),
  /** The plan's display name (plan details). */
  name: z.string(),
  /** One line about the plan (plan details). */
  tagline: z.string(),
  /** The monthly price the apps quote (plan details); shown only, never what is charged. */
  shown_price_cents: z.number().int(),
  /** What the local provider charges a month; in Stripe mode the Stripe price is charged. */
  price_cents: z.number().int(),
  currency: z.literal("usd"),
  interval: z.literal("month"),
  trial_days: z.number().int(),
  entitlements: z.record(z.string(), z.unknown()),
});

export const checkoutRequestSchema = z.object({ plan: paidPlanSchema }).strict();

/** `setup` collects a card for a trial that has none; `subscription` starts one. */
export const checkoutSessionSchema = z.object({
  checkout_url: z.string().url(),
  session_id: z.string(),
  mode: z.enum(["subscription", "setup"]),
  trial_days: z.number().int(),
  amount_due_now_cents: z.number().int(),
});

export const planChangeRequestSchema = z.object({ plan: z.enum(PLANS) }).strict();

export const planChangeSchema = z.object({
  change: z.enum(["upgrade", "downgrade", "cancel", "keep"]),
  effective_at: z.string(),
  proration_cents: z.number().int(),
});

export const cancellationSchema = z.object({ access_until: z.string() });
export const reactivationSchema = z.object({ renews_at: z.string() });
/** The local test clock's answer: the subscription's status after the period end. */
export const localAdvanceSchema = z.object({ status: z.string() });

// ---- Payment methods ----

/** Any Stripe payment-method type; what a type does not have is null (README "Billing"). */
export const paymentMethodSchema = z
  .object({
    id: z.string(),
    type: z.string().meta({
      description:
        "Stripe's PaymentMethod type: card, us_bank_account, sepa_debit, link, paypal, … (new types too)",
      example: "card",
    }),
    brand: z.string().nullable().meta({ description: "Cards: the network (visa, …)" }),
    last4: z.string().nullable().meta({ description: "Cards and bank debits: last four digits" }),
    exp_month: z.number().int().nullable().meta({ description: "Cards only" }),
    exp_year: z.number().int().nullable().meta({ description: "Cards only" }),
    wallet: z
      .string()
      .nullable()
      .meta({ description: "A card kept in a wallet: apple_pay, google_pay, link, …" }),
    bank_name: z.string().nullable().meta({ description: "Bank accounts: the bank's name" }),
    email: z.string().nullable().meta({ description: "Link: the account's email" }),
    is_default: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: "PaymentMethod" });

/** A card just attached: listed (with `is_default`) once the provider confirms it. */
export const attachedPaymentMethodSchema = paymentMethodSchema.omit({
  is_default: true,
  created_at: true,
});

export const attachPaymentMethodRequestSchema = z
  .object({
    payment_method_id: z.string().regex(/^pm_\w{3,100}$/, "Not a payment method id"),
    make_default: z.boolean().default(false),
  })
  .strict();

export const cardSetupRequestSchema = z
  .object({ make_default: z.boolean().default(false) })
  .strict();

export const cardSetupSessionSchema = z.object({
  checkout_url: z.string().url(),
  session_id: z.string(),
});

/** Making a card the default or removing it: accepted, the provider's events follow. */
export const paymentMethodAcceptedSchema = z.object({ id: z.string() });

// ---- Invoices ----

export const invoiceLineSchema = z.object({
  description: z.string(),
  amount: z.number().int(),
  proration: z.boolean(),
});

export const invoiceSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    status: invoiceStatusSchema,
    currency: z.string(),
    amount_due: z.number().int(),
    amount_paid: z.number().int(),
    amount_refunded: z.number().int(),
    /** What credit notes against it credited to the account's balance (README "Admin: payments"). */
    amount_credited: z.number().int(),
    billing_reason: z.string().nullable(),
    subscription_id: z.string().nullable(),
    period_start: z.string().nullable(),
    period_end: z.string().nullable(),
    lines: z.array(invoiceLineSchema),
    attempt_count: z.number().int(),
    hosted_url: z.string().nullable(),
    pdf_available: z.boolean(),
    paid_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "Invoice" });

export const payInvoiceRequestSchema = z
  .object({ payment_method_id: z.string().min(3).max(120).optional() })
  .strict();

export const invoicePaidSchema = z.object({ invoice_id: z.string(), paid: z.literal(true) });

// ---- History and usage ----

/** One change to an account's billing (`billing_events`), newest first. */
export const billingHistoryEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  source: z.enum(BILLING_EVENT_SOURCES),
  detail: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

/** `limit` null: unlimited on this plan. */
export const usageCounterSchema = z.object({
  used: z.number().int(),
  limit: z.number().int().nullable(),
});

export const usageSchema = z.object({
  plan: z.string(),
  period: z.string(),
  resets_at: z.string(),
  resumes: usageCounterSchema,
  exports: usageCounterSchema,
  ai_calls: usageCounterSchema,
});

export type { BillingMode, LifecycleState, SubscriptionStatus } from "../billing/states";
export type PaidPlan = z.output<typeof paidPlanSchema>;
export type SubscriptionDetail = z.output<typeof subscriptionDetailSchema>;
export type SubscriptionView = z.output<typeof subscriptionSchema>;
export type PlanOffer = z.output<typeof planOfferSchema>;
export type CheckoutSession = z.output<typeof checkoutSessionSchema>;
export type PlanChange = z.output<typeof planChangeSchema>;
export type Cancellation = z.output<typeof cancellationSchema>;
export type Reactivation = z.output<typeof reactivationSchema>;
export type PaymentMethod = z.output<typeof paymentMethodSchema>;
export type AttachedPaymentMethod = z.output<typeof attachedPaymentMethodSchema>;
export type AttachPaymentMethodRequest = z.input<typeof attachPaymentMethodRequestSchema>;
export type CardSetupSession = z.output<typeof cardSetupSessionSchema>;
export type PaymentMethodAccepted = z.output<typeof paymentMethodAcceptedSchema>;
export type Invoice = z.output<typeof invoiceSchema>;
export type InvoiceLine = z.output<typeof invoiceLineSchema>;
export type InvoicePaid = z.output<typeof invoicePaidSchema>;
export type BillingHistoryEntry = z.output<typeof billingHistoryEntrySchema>;
export type UsageCounter = z.output<typeof usageCounterSchema>;
export type Usage = z.output<typeof usageSchema>;
