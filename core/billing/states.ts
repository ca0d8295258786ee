/**
 * Every billing state list, written once: the API's zod enums (core/contract/billing.ts,
 * core/contract/admin.ts), the drizzle columns (db/schema/billing.ts, type-only) and both
 * apps read these. README "Billing" and "Stuck billing events" describe what they mean.
 */

/**
 * A subscription's status as the provider reports it (Stripe's `Subscription.Status` for the
 * pinned API version, core/billing/stripe-version.ts); the local provider uses the same words.
 */
export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The statuses that keep the paid plan's limits (past due only within the grace period). */
export const ENTITLED_STATUSES = [
  "trialing",
  "active",
  "past_due",
] as const satisfies readonly SubscriptionStatus[];

/** A subscription that has not ended: the one that decides someone's plan and blocks a new checkout. */
export const LIVE_SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "incomplete",
] as const satisfies readonly SubscriptionStatus[];

/** Membership tests that accept any string (a row, a response) without widening the lists. */
export const isEntitledStatus = (status: string): boolean =>
  (ENTITLED_STATUSES as readonly string[]).includes(status);

export const isLiveSubscriptionStatus = (status: string): boolean =>
  (LIVE_SUBSCRIPTION_STATUSES as readonly string[]).includes(status);

/** What a person sees: the provider status, with cancellation and non-payment spelled out. */
export const LIFECYCLE_STATES = [
  "free",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete",
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** Stripe's `Invoice.Status` for the pinned API version. */
export const INVOICE_STATUSES = ["draft", "open", "paid", "uncollectible", "void"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Stripe's `CreditNote.Status`: issued, or voided afterwards (it then credits nothing). */
export const CREDIT_NOTE_STATUSES = ["issued", "void"] as const;
export type CreditNoteStatus = (typeof CREDIT_NOTE_STATUSES)[number];

/** `local`: the Worker's test checkout and Stripe's test card tokens stand in for Stripe. */
export const BILLING_MODES = ["stripe", "local"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

/** Who wrote an entry of an account's billing history (`billing_events.source`). */
export const BILLING_EVENT_SOURCES = ["api", "webhook", "workflow"] as const;
export type BillingEventSource = (typeof BILLING_EVENT_SOURCES)[number];

/** Where a received Stripe event stands (`stripe_events.status`, README "Stuck billing events"). */
export const STRIPE_EVENT_STATUSES = [
  "queued",
  "applying",
  "applied",
  "ignored",
  "failed",
  "skipped",
] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

/** Events still to apply. */
export const OPEN_STRIPE_EVENT_STATUSES = [
  "queued",
  "applying",
] as const satisfies readonly StripeEventStatus[];

/**
 * Events that hold back the later events of their customer: the open ones, and the failed
 * ones waiting for an operator (README "Stuck billing events"). Applying a later event past
 * a failed one would break the customer's order silently.
 */
export const BLOCKING_STRIPE_EVENT_STATUSES = [
  ...OPEN_STRIPE_EVENT_STATUSES,
  "failed",
] as const satisfies readonly StripeEventStatus[];

export const isStripeEventStatus = (value: string | undefined): value is StripeEventStatus =>
  (STRIPE_EVENT_STATUSES as readonly string[]).includes(value ?? "");
