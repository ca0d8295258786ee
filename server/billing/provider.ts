import type { BillingMode } from "../../core/billing/states";
import type {
  CheckoutSessionSnapshot,
  PaymentMethodSnapshot,
} from "../../core/billing/stripe-objects";
import type { CreditNoteReason, RefundReason } from "../../core/contract/admin-payments";
import type { CouponDuration } from "../../core/contract/admin-payments-subscriptions";
import { isPlan, type Plan } from "../../core/plans/entitlements";
import { devToolsEnabled } from "../dev-tools";
import type { Env } from "../env";
import { AppError } from "../errors";

/**
 * One interface, two implementations (issue 6, "Two modes, one code path"): the Stripe SDK
 * when `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET` are set, otherwise the local provider
 * (local and test environments only). Neither writes the billing mirror: every change comes
 * back as a signed event through `POST /api/stripe/webhook`.
 */

interface CheckoutCommon {
  userId: string;
  customerId: string;
  email: string;
  successUrl: string;
  cancelUrl: string;
}

/**
 * `subscription` starts one; `setup` only saves a card — for a card-less trial (its `plan`)
 * or for any account ("Add a card", no plan). What happens to a saved card is decided by the
 * webhook consumer from the session's metadata (`checkoutMetadata`), the same in both modes.
 */
export type CheckoutInput = CheckoutCommon &
  (
    | { mode: "subscription"; plan: Exclude<Plan, "free">; trialDays: number }
    | {
        mode: "setup";
        plan: Plan | null;
        subscriptionId: string | null;
        makeDefault: boolean;
      }
  );

/**
 * The session's `metadata`: what the consumer reads back from `checkout.session.completed`.
 * Stripe keeps `setup_intent_data.metadata` on the SetupIntent, not on the session the
 * event carries, so everything the consumer needs goes here.
 */
export function checkoutMetadata(input: CheckoutInput): Record<string, string> {
  const metadata: Record<string, string> = { user_id: input.userId };
  if (input.plan) metadata.plan = input.plan;
  if (input.mode === "subscription") {
    metadata.trial_days = String(input.trialDays);
  } else {
    metadata.make_default = input.makeDefault ? "true" : "false";
    if (input.subscriptionId) metadata.subscription_id = input.subscriptionId;
  }
  return metadata;
}

/**
 * What a refund takes money back from: an invoice (its paid payment) or a charge. No amount:
 * everything not yet refunded. README "Admin: payments".
 */
export type RefundInput = ({ invoiceId: string } | { chargeId: string }) & {
  amountCents: number | null;
  reason: RefundReason;
  /** Kept on the provider's refund (who asked), never shown to the customer. */
  metadata: Record<string, string>;
};

export interface RefundOutcome {
  refundId: string;
  amountCents: number;
}

/** An admin's plan change, at once (README "Admin: payments"), upgrade or downgrade. */
export interface PlanChangeInput {
  subscriptionId: string;
  plan: Exclude<Plan, "free">;
  /** Credit the unused time and invoice the rest now, or just bill the new price next. */
  prorate: boolean;
}

/** An admin's subscription for an account, outside checkout (README "Admin: payments"). */
export interface SubscriptionCreateInput {
  userId: string;
  customerId: string;
  plan: Exclude<Plan, "free">;
  trialDays: number;
  /** `charge`: the default card (a refusal creates nothing); `send`: invoices to pay. */
  collection: "charge" | "send";
  daysUntilDue: number;
}

/** A coupon made for one subscription and put on it, replacing any discount it had. */
export interface CouponInput {
  subscriptionId: string;
  percentOff: number | null;
  amountOffCents: number | null;
  duration: CouponDuration;
  durationInMonths: number | null;
  metadata: Record<string, string>;
}

export interface ManualInvoiceInput {
  customerId: string;
  lines: { description: string; amountCents: number }[];
  collection: "charge" | "send";
  daysUntilDue: number;
  metadata: Record<string, string>;
}

export interface ManualInvoiceOutcome {
  invoiceId: string;
  /** `charge`: whether it was paid; `send`: null. */
  paid: boolean | null;
  message: string | null;
}

export interface CreditNoteInput {
  invoiceId: string;
  amountCents: number;
  reason: CreditNoteReason;
  /** Printed on the credit note for the customer. */
  memo: string | null;
  metadata: Record<string, string>;
}

export interface CreditNoteOutcome {
  creditNoteId: string;
  amountCents: number;
}

export interface PaymentResult {
  paid: boolean;
  /** The card network's words when it refused. */
  message: string | null;
}

export interface BillingProvider {
  readonly mode: BillingMode;
  createCustomer(
    input: { userId: string; email: string; name: string },
    idempotencyKey: string,
  ): Promise<string>;
  /** A trial with no card yet (signup); it ends without a card unless one is added. */
  startTrial(
    input: { userId: string; customerId: string; plan: Plan; trialDays: number },
    idempotencyKey: string,
  ): Promise<{ subscriptionId: string }>;
  createCheckout(
    input: CheckoutInput,
    idempotencyKey: string,
  ): Promise<{ id: string; url: string }>;
  /** The card a completed setup-mode session saved (its SetupIntent's), or null. */
  setupPaymentMethod(session: CheckoutSessionSnapshot): Promise<string | null>;
  /** Immediate, prorated, the difference invoiced and charged now. */
  upgrade(input: { subscriptionId: string; plan: Plan }, idempotencyKey: string): Promise<void>;
  /** The new plan starts with the next cycle; until then nothing changes. */
  scheduleDowngrade(
    input: { subscriptionId: string; plan: Plan },
    idempotencyKey: string,
  ): Promise<void>;
  /** Drops a scheduled downgrade (an upgrade or "keep my plan" replaces it). */
  clearScheduledChange(subscriptionId: string, idempotencyKey: string): Promise<void>;
  setCancelAtPeriodEnd(
    subscriptionId: string,
    cancel: boolean,
    idempotencyKey: string,
  ): Promise<void>;
  /** Grace is over (dunning at 72 h): the subscription ends now for non-payment. */
  endForNonPayment(subscriptionId: string, idempotencyKey: string): Promise<void>;
  attachPaymentMethod(
    input: { customerId: string; paymentMethodId: string },
    idempotencyKey: string,
  ): Promise<PaymentMethodSnapshot>;
  detachPaymentMethod(paymentMethodId: string): Promise<void>;
  setDefaultPaymentMethod(
    input: { customerId: string; subscriptionId: string | null; paymentMethodId: string },
    idempotencyKey: string,
  ): Promise<void>;
  /** Charges an open invoice (the default card unless one is named). */
  payInvoice(
    input: { invoiceId: string; paymentMethodId: string | null },
    idempotencyKey: string,
  ): Promise<PaymentResult>;
  /** Money back, full or partial; it comes back to the mirror as `charge.refunded`. */
  refund(input: RefundInput, idempotencyKey: string): Promise<RefundOutcome>;
  /** Ends the subscription at once (an admin's "cancel now"), without a refund. */
  cancelNow(subscriptionId: string, idempotencyKey: string): Promise<void>;
  /**
   * Deletes the customer at the provider (an account's deletion, README "Your data"): its
   * details and cards go; its invoices stay there, as Stripe keeps them. Already gone is done.
   */
  deleteCustomer(customerId: string): Promise<void>;
  /** Moves a trialing subscription's trial end (seconds) later; nothing is charged. */
  extendTrial(
    input: { subscriptionId: string; trialEnd: number },
    idempotencyKey: string,
  ): Promise<void>;
  /**
   * An invoice with custom lines, outside any subscription: finalized (reported as
   * `invoice.finalized`), then charged to the customer's default card or sent by the provider.
   */
  createInvoice(input: ManualInvoiceInput, idempotencyKey: string): Promise<ManualInvoiceOutcome>;
  /**
   * A credit note against a paid invoice, credited to the customer's balance (what later
   * invoices draw on); it comes back as `credit_note.created`.
   */
  createCreditNote(input: CreditNoteInput, idempotencyKey: string): Promise<CreditNoteOutcome>;
  /** Voids an open invoice: nothing is owed on it any more; it comes back as `invoice.voided`. */
  voidInvoice(invoiceId: string, idempotencyKey: string): Promise<void>;
  createSubscription(
    input: SubscriptionCreateInput,
    idempotencyKey: string,
  ): Promise<{ subscriptionId: string }>;
  /** Moves the subscription to another plan now (an admin's forced change). */
  changePlan(input: PlanChangeInput, idempotencyKey: string): Promise<void>;
  /** The next invoices show the discount; it comes back as `customer.subscription.updated`. */
  applyCoupon(input: CouponInput, idempotencyKey: string): Promise<{ couponId: string }>;
  /** Disputes name a charge, not a customer. */
  customerOfCharge(chargeId: string): Promise<string | null>;
  /** The invoice a PaymentIntent paid (its `invoice_payment`), or null for none. */
  invoiceOfPayment(paymentIntentId: string): Promise<string | null>;
}

/** 402 `payment_failed`: the card was refused; the person can try another. */
export const paymentFailed = (message: string | null) =>
  new AppError(402, "payment_failed", message ?? "Your card was declined.");

/** 422 `refund_exceeds_paid`: more than was paid and is neither refunded nor credited. */
export const refundExceedsPaid = (refundable: number | null) =>
  new AppError(
    422,
    "refund_exceeds_paid",
    refundable === null
      ? "The refund is more than was paid and not yet refunded."
      : `At most ${refundable} cents of this payment can still be refunded.`,
    refundable === null ? null : { refundable_cents: refundable },
  );

/** 422 `credit_exceeds_remaining`: more than was paid and neither refunded nor credited. */
export const creditExceedsRemaining = (remaining: number) =>
  new AppError(
    422,
    "credit_exceeds_remaining",
    `At most ${remaining} cents of this invoice can still be credited.`,
    { remaining_cents: remaining },
  );

/** Stripe only when both keys are set; otherwise local, and only where dev tools are. */
export function billingMode(env: Env): BillingMode {
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) return "stripe";
  if (devToolsEnabled(env)) return "local";
  throw new AppError(
    503,
    "unavailable",
    "Billing is not configured: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET",
  );
}

const STRIPE_PRICE_VARS = {
  standard: "STRIPE_PRICE_STANDARD",
  premium: "STRIPE_PRICE_PREMIUM",
  enterprise: "STRIPE_PRICE_ENTERPRISE",
} as const satisfies Record<Exclude<Plan, "free">, keyof Env>;

/** The provider's price for a paid plan: local prices are named after the plan. */
export function priceIdFor(env: Env, plan: Plan): string {
  if (plan === "free") throw new Error("the free plan has no price");
  if (billingMode(env) === "local") return `price_local_${plan}`;
  const price = env[STRIPE_PRICE_VARS[plan]];
  if (!price)
    throw new AppError(
      503,
      "unavailable",
      `Billing is not configured: set ${STRIPE_PRICE_VARS[plan]}`,
    );
  return price;
}

export function planForPrice(env: Env, priceId: string): Plan | null {
  const local = priceId.match(/^price_local_(\w+)$/)?.[1];
  if (local && isPlan(local)) return local;
  for (const [plan, variable] of Object.entries(STRIPE_PRICE_VARS)) {
    if (env[variable] === priceId) return plan as Plan;
  }
  return null;
}

export async function billingProvider(env: Env): Promise<BillingProvider> {
  // Loaded on demand: the SDK is only bundled into the path that uses it at run time.
  if (billingMode(env) === "stripe") {
    const { StripeProvider } = await import("./stripe-provider");
    return new StripeProvider(env);
  }
  const { LocalProvider } = await import("./local-provider");
  return new LocalProvider(env);
}
