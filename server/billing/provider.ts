import type { BillingMode } from "../../core/billing/states";
import type {
  CheckoutSessionSnapshot,
  PaymentMethodSnapshot,
} from "../../core/billing/stripe-objects";
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
  /** Disputes name a charge, not a customer. */
  customerOfCharge(chargeId: string): Promise<string | null>;
  /** The invoice a PaymentIntent paid (its `invoice_payment`), or null for none. */
  invoiceOfPayment(paymentIntentId: string): Promise<string | null>;
}

/** 402 `payment_failed`: the card was refused; the person can try another. */
export const paymentFailed = (message: string | null) =>
  new AppError(402, "payment_failed", message ?? "Your card was declined.");

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
