import type { CardExpiry } from "../../core/billing/card-expiry";
import type { SubscriptionStatus } from "../../core/billing/states";
import { type CardBehaviour, TEST_CARDS, type TestCard } from "../../core/billing/test-cards";
import { PLAN_PRICES_CENTS, type Plan } from "../../core/plans/entitlements";
import { sha256Hex } from "../../core/security/crypto";
import { type LocalObject, localId } from "./local-store";

/** Stripe-format objects as the local provider builds them (the fields the app reads, and
 * the ones Stripe always sends with them). */

/** The local provider bills every 30 days; Stripe bills by calendar month. */
export const LOCAL_PERIOD_SECONDS = 30 * 86_400;

export interface LocalSubscription extends LocalObject {
  object: "subscription";
  customer: string;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  trial_end: number | null;
  default_payment_method: string | null;
  metadata: Record<string, string>;
  cancellation_details: { reason: string | null; comment: string | null };
  items: {
    object: "list";
    data: {
      id: string;
      object: "subscription_item";
      quantity: number;
      current_period_start: number;
      current_period_end: number;
      price: {
        id: string;
        object: "price";
        currency: "usd";
        unit_amount: number;
        recurring: { interval: "month" };
      };
    }[];
  };
}

export interface LocalInvoice extends LocalObject {
  object: "invoice";
  customer: string;
  status: "draft" | "open" | "paid" | "void";
  amount_due: number;
  amount_paid: number;
  attempt_count: number;
  parent: { type: "subscription_details"; subscription_details: { subscription: string } } | null;
}

export interface LocalCharge extends LocalObject {
  object: "charge";
  customer: string;
  amount: number;
  amount_refunded: number;
  paid: boolean;
  refunded?: boolean;
  currency: string;
  payment_intent: string;
}

export interface LocalPaymentMethod extends LocalObject {
  object: "payment_method";
  customer: string | null;
  card: {
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
    funding: string;
    /** Like Stripe's: one card number has one fingerprint, in every account (cardFingerprint). */
    fingerprint: string;
  };
}

export interface LocalCustomer extends LocalObject {
  object: "customer";
  email: string;
  invoice_settings: { default_payment_method: string | null };
  metadata: Record<string, string>;
}

export interface LocalCheckoutSession extends LocalObject {
  object: "checkout.session";
  mode: "subscription" | "setup";
  status: "open" | "complete";
  customer: string;
  client_reference_id: string;
  subscription: string | null;
  /** Setup mode: the SetupIntent that records the saved card (null in subscription mode). */
  setup_intent: string | null;
  url: string;
  success_url: string;
  cancel_url: string;
  amount_total: number;
  metadata: Record<string, string>;
}

export interface LocalSetupIntent extends LocalObject {
  object: "setup_intent";
  customer: string;
  status: "requires_payment_method" | "succeeded";
  payment_method: string | null;
  usage: "off_session";
}

/** Created with its setup-mode session, as Stripe Checkout does; the card comes at "Save". */
export const newSetupIntent = (customerId: string, now: number): LocalSetupIntent => ({
  id: localId("seti"),
  object: "setup_intent",
  customer: customerId,
  status: "requires_payment_method",
  payment_method: null,
  usage: "off_session",
  payment_method_types: ["card"],
  created: now,
  livemode: false,
  metadata: {},
});

export const priceObject = (plan: Plan) => ({
  id: `price_local_${plan}`,
  object: "price" as const,
  currency: "usd" as const,
  unit_amount: PLAN_PRICES_CENTS[plan],
  recurring: { interval: "month" as const },
});

export const planOfSubscription = (sub: LocalSubscription): Plan =>
  sub.items.data[0]!.price.id.replace("price_local_", "") as Plan;

export function newSubscription(input: {
  customerId: string;
  userId: string;
  plan: Plan;
  now: number;
  trialDays: number;
  paymentMethodId: string | null;
}): LocalSubscription {
  const trialEnd = input.trialDays > 0 ? input.now + input.trialDays * 86_400 : null;
  return {
    id: localId("sub"),
    object: "subscription",
    customer: input.customerId,
    status: trialEnd ? "trialing" : "active",
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    created: input.now,
    start_date: input.now,
    trial_start: trialEnd ? input.now : null,
    trial_end: trialEnd,
    default_payment_method: input.paymentMethodId,
    livemode: false,
    metadata: { user_id: input.userId },
    cancellation_details: { reason: null, comment: null },
    items: {
      object: "list",
      data: [
        {
          id: localId("si"),
          object: "subscription_item",
          quantity: 1,
          current_period_start: input.now,
          current_period_end: trialEnd ?? input.now + LOCAL_PERIOD_SECONDS,
          price: priceObject(input.plan),
        },
      ],
    },
  };
}

export function newInvoice(input: {
  sub: LocalSubscription;
  now: number;
  reason: "subscription_create" | "subscription_cycle" | "subscription_update";
  lines: { description: string; amount: number; proration: boolean }[];
  sequence: number;
}): LocalInvoice {
  const amount = input.lines.reduce((sum, line) => sum + line.amount, 0);
  const item = input.sub.items.data[0]!;
  return {
    id: localId("in"),
    object: "invoice",
    customer: input.sub.customer,
    status: "open",
    number: `LOCAL-${input.sub.customer.slice(-6).toUpperCase()}-${String(input.sequence).padStart(4, "0")}`,
    currency: "usd",
    amount_due: Math.max(amount, 0),
    amount_paid: 0,
    amount_remaining: Math.max(amount, 0),
    attempt_count: 0,
    billing_reason: input.reason,
    created: input.now,
    period_start: item.current_period_start,
    period_end: item.current_period_end,
    hosted_invoice_url: null,
    livemode: false,
    parent: {
      type: "subscription_details",
      subscription_details: { subscription: input.sub.id },
    },
    status_transitions: { paid_at: null },
    lines: {
      object: "list",
      data: input.lines.map((line) => ({
        id: localId("il"),
        object: "line_item",
        description: line.description,
        amount: line.amount,
        currency: "usd",
        parent: {
          type: "subscription_item_details",
          subscription_item_details: { proration: line.proration },
        },
      })),
    },
  };
}

/**
 * A card number's fingerprint: 16 characters from its SHA-256, so the same test card saved in
 * two accounts links them as Stripe's fingerprint would (README "Bans": linked accounts).
 */
export async function cardFingerprint(number: string): Promise<string> {
  return (await sha256Hex(`card-fingerprint:${number}`)).slice(0, 16);
}

export function newPaymentMethod(
  card: TestCard,
  customerId: string,
  now: number,
  fingerprint: string,
  expiry?: CardExpiry,
): LocalPaymentMethod {
  // Stripe's test cards by id expire in December three years out, as Stripe's do.
  const { month, year } = expiry ?? {
    month: 12,
    year: new Date(now * 1000).getUTCFullYear() + 3,
  };
  return {
    id: localId("pm"),
    object: "payment_method",
    type: "card",
    customer: customerId,
    created: now,
    livemode: false,
    card: {
      brand: card.brand,
      last4: card.number.slice(-4),
      exp_month: month,
      exp_year: year,
      funding: "credit",
      fingerprint,
    },
  };
}

/** How a stored card behaves when charged: that of the test card it was made from. */
export const behaviourOf = (pm: LocalPaymentMethod): CardBehaviour =>
  TEST_CARDS.find((card) => card.number.endsWith(pm.card.last4))?.behaviour ?? "declines";

/** Whether a charge to the card goes through (a card disputed later is charged first). */
export const chargesSucceed = (pm: LocalPaymentMethod): boolean =>
  behaviourOf(pm) === "succeeds" || behaviourOf(pm) === "disputed";

/**
 * The objects a charge leaves, linked as Stripe links them since API 2025-03-31: the
 * PaymentIntent, its charge (naming the PaymentIntent, not the invoice), and the invoice's
 * `invoice_payment` naming the PaymentIntent. A refund finds its invoice the same way in both
 * modes (`invoiceOfPayment`).
 */
export function paymentObjects(input: {
  invoice: LocalInvoice;
  pm: LocalPaymentMethod;
  amount: number;
  succeeds: boolean;
  now: number;
}): LocalObject[] {
  const { invoice, pm, amount, succeeds, now } = input;
  const paymentIntent = localId("pi");
  const charge = localId("ch");
  const common = { customer: invoice.customer, currency: "usd", created: now, livemode: false };
  return [
    {
      id: paymentIntent,
      object: "payment_intent",
      ...common,
      amount,
      amount_received: succeeds ? amount : 0,
      status: succeeds ? "succeeded" : "requires_payment_method",
      payment_method: pm.id,
      latest_charge: charge,
    },
    {
      id: charge,
      object: "charge",
      ...common,
      amount,
      amount_refunded: 0,
      paid: succeeds,
      status: succeeds ? "succeeded" : "failed",
      payment_intent: paymentIntent,
      payment_method: pm.id,
    },
    {
      id: localId("inpay"),
      object: "invoice_payment",
      ...common,
      invoice: invoice.id,
      amount_requested: amount,
      amount_paid: succeeds ? amount : null,
      is_default: true,
      status: succeeds ? "paid" : "open",
      payment: { type: "payment_intent", payment_intent: paymentIntent },
      status_transitions: { paid_at: succeeds ? now : null, canceled_at: null },
    },
  ];
}

/** A refund as Stripe records it: succeeded at once for a card, naming its charge. */
export const newRefund = (input: {
  charge: LocalCharge;
  amount: number;
  reason: string;
  now: number;
  metadata: Record<string, string>;
}): LocalObject => ({
  id: localId("re"),
  object: "refund",
  amount: input.amount,
  charge: input.charge.id,
  payment_intent: input.charge.payment_intent,
  currency: input.charge.currency,
  reason: input.reason,
  status: "succeeded",
  created: input.now,
  metadata: input.metadata,
});
