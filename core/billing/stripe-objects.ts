import { z } from "zod";
import {
  INVOICE_STATUSES,
  type InvoiceStatus,
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from "./states";

/**
 * The parts of Stripe's objects the product reads, parsed leniently: Stripe adds fields all
 * the time and moves some between API versions (periods moved onto subscription items,
 * an invoice's subscription under `parent`), so both places are read.
 */

const idOf = z
  .union([z.string(), z.object({ id: z.string() }).loose()])
  .transform((value) => (typeof value === "string" ? value : value.id));
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((m) => m ?? {});

const subscriptionSchema = z
  .object({
    id: z.string(),
    object: z.literal("subscription"),
    customer: idOf,
    // The pinned API version's statuses: an unknown one is an unreadable event (failed,
    // for an operator), not a status written to the mirror.
    status: z.enum(SUBSCRIPTION_STATUSES),
    cancel_at_period_end: z.boolean().default(false),
    trial_end: z.number().nullish(),
    ended_at: z.number().nullish(),
    current_period_start: z.number().optional(),
    current_period_end: z.number().optional(),
    default_payment_method: idOf.nullish(),
    metadata,
    cancellation_details: z.object({ reason: z.string().nullish() }).loose().nullish(),
    items: z.object({
      data: z
        .array(
          z
            .object({
              price: z.object({ id: z.string() }).loose(),
              current_period_start: z.number().optional(),
              current_period_end: z.number().optional(),
            })
            .loose(),
        )
        .min(1),
    }),
  })
  .loose();

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: SubscriptionStatus;
  priceId: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  trialEnd: number | null;
  endedAt: number | null;
  defaultPaymentMethodId: string | null;
  pendingPlan: string | null;
  cancellationReason: string | null;
}

export function parseSubscription(object: unknown): SubscriptionSnapshot {
  const sub = subscriptionSchema.parse(object);
  const item = sub.items.data[0]!;
  const start = item.current_period_start ?? sub.current_period_start;
  const end = item.current_period_end ?? sub.current_period_end;
  if (start === undefined || end === undefined)
    throw new Error(`subscription ${sub.id} has no period`);
  return {
    id: sub.id,
    customerId: sub.customer,
    status: sub.status,
    priceId: item.price.id,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    currentPeriodStart: start,
    currentPeriodEnd: end,
    trialEnd: sub.trial_end ?? null,
    endedAt: sub.ended_at ?? null,
    defaultPaymentMethodId: sub.default_payment_method ?? null,
    pendingPlan: sub.metadata.pending_plan || null,
    cancellationReason: sub.cancellation_details?.reason ?? sub.metadata.ended_reason ?? null,
  };
}

const invoiceLine = z
  .object({
    description: z.string().nullish(),
    amount: z.number(),
    proration: z.boolean().optional(),
    /** Since API 2025-03-31: what the line is for, and whether it prorates, by `type`. */
    parent: z
      .object({
        type: z.string().nullish(),
        subscription_item_details: z.object({ proration: z.boolean() }).loose().nullish(),
        invoice_item_details: z.object({ proration: z.boolean() }).loose().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

type InvoiceLineInput = z.infer<typeof invoiceLine>;

/**
 * A line prorates when its parent says so: a subscription item's line, or an invoice item
 * that a plan change made (`invoice_item_details`, how an upgrade's credit and charge can
 * arrive). The `type` names which of the two the line is.
 */
function isProration(line: InvoiceLineInput): boolean {
  if (line.proration !== undefined) return line.proration;
  const parent = line.parent;
  if (!parent) return false;
  const details =
    parent.type === "invoice_item_details"
      ? parent.invoice_item_details
      : parent.type === "subscription_item_details"
        ? parent.subscription_item_details
        : (parent.subscription_item_details ?? parent.invoice_item_details);
  return details?.proration ?? false;
}

const invoiceSchema = z
  .object({
    id: z.string(),
    object: z.literal("invoice"),
    customer: idOf,
    status: z.enum(INVOICE_STATUSES).nullish(),
    number: z.string().nullish(),
    currency: z.string(),
    amount_due: z.number(),
    amount_paid: z.number(),
    attempt_count: z.number().default(0),
    billing_reason: z.string().nullish(),
    period_start: z.number().nullish(),
    period_end: z.number().nullish(),
    hosted_invoice_url: z.string().nullish(),
    subscription: idOf.nullish(),
    parent: z
      .object({ subscription_details: z.object({ subscription: idOf }).loose().nullish() })
      .loose()
      .nullish(),
    status_transitions: z.object({ paid_at: z.number().nullish() }).loose().nullish(),
    lines: z
      .object({ data: z.array(invoiceLine) })
      .loose()
      .optional(),
  })
  .loose();

export interface InvoiceLine {
  description: string;
  amount: number;
  proration: boolean;
}

export interface InvoiceSnapshot {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  amountDue: number;
  amountPaid: number;
  attemptCount: number;
  billingReason: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  hostedUrl: string | null;
  paidAt: number | null;
  lines: InvoiceLine[];
}

export function parseInvoice(object: unknown): InvoiceSnapshot {
  const invoice = invoiceSchema.parse(object);
  return {
    id: invoice.id,
    customerId: invoice.customer,
    subscriptionId:
      invoice.parent?.subscription_details?.subscription ?? invoice.subscription ?? null,
    status: invoice.status ?? "open",
    number: invoice.number ?? null,
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    attemptCount: invoice.attempt_count,
    billingReason: invoice.billing_reason ?? null,
    periodStart: invoice.period_start ?? null,
    periodEnd: invoice.period_end ?? null,
    hostedUrl: invoice.hosted_invoice_url ?? null,
    paidAt: invoice.status_transitions?.paid_at ?? null,
    lines: (invoice.lines?.data ?? []).map((line) => ({
      description: line.description ?? "",
      amount: line.amount,
      proration: isProration(line),
    })),
  };
}

// Every payment-method type (not only cards) has its own parser.
export { type PaymentMethodSnapshot, parsePaymentMethod } from "./stripe-payment-method";

const chargeSchema = z
  .object({
    id: z.string(),
    object: z.literal("charge"),
    customer: idOf.nullish(),
    amount: z.number(),
    amount_refunded: z.number().default(0),
    currency: z.string(),
    payment_intent: idOf.nullish(),
    /** Gone since API 2025-03-31 (an invoice's payments name the charge's PaymentIntent). */
    invoice: idOf.nullish(),
  })
  .loose();

export interface ChargeSnapshot {
  id: string;
  customerId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  paymentIntentId: string | null;
  /** Only in events of API versions before 2025-03-31. */
  invoiceId: string | null;
}

export function parseCharge(object: unknown): ChargeSnapshot {
  const charge = chargeSchema.parse(object);
  return {
    id: charge.id,
    customerId: charge.customer ?? null,
    amount: charge.amount,
    amountRefunded: charge.amount_refunded,
    currency: charge.currency,
    paymentIntentId: charge.payment_intent ?? null,
    invoiceId: charge.invoice ?? null,
  };
}

const invoicePaymentSchema = z
  .object({
    id: z.string(),
    object: z.literal("invoice_payment"),
    invoice: idOf,
    payment: z
      .object({ type: z.string(), payment_intent: idOf.nullish(), charge: idOf.nullish() })
      .loose(),
  })
  .loose();

/** The invoice an `invoice_payment` (from `GET /v1/invoice_payments`) paid. */
export function invoiceOfInvoicePayment(object: unknown): string {
  return invoicePaymentSchema.parse(object).invoice;
}

const checkoutSessionSchema = z
  .object({
    id: z.string(),
    object: z.literal("checkout.session"),
    mode: z.string(),
    status: z.string().nullish(),
    customer: idOf.nullish(),
    subscription: idOf.nullish(),
    setup_intent: idOf.nullish(),
    metadata,
  })
  .loose();

export interface CheckoutSessionSnapshot {
  id: string;
  mode: string;
  status: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  /** Setup mode only: the SetupIntent that saved the card. */
  setupIntentId: string | null;
  metadata: Record<string, string>;
}

export function parseCheckoutSession(object: unknown): CheckoutSessionSnapshot {
  const session = checkoutSessionSchema.parse(object);
  return {
    id: session.id,
    mode: session.mode,
    status: session.status ?? null,
    customerId: session.customer ?? null,
    subscriptionId: session.subscription ?? null,
    setupIntentId: session.setup_intent ?? null,
    metadata: session.metadata,
  };
}

const setupIntentSchema = z
  .object({
    id: z.string(),
    object: z.literal("setup_intent"),
    status: z.string(),
    customer: idOf.nullish(),
    payment_method: idOf.nullish(),
  })
  .loose();

/**
 * The card a SetupIntent saved: only a succeeded one has saved anything (a card that needs
 * more, e.g. 3-D Secure, is still `requires_action` and not usable yet).
 */
export function savedPaymentMethod(object: unknown): string | null {
  const intent = setupIntentSchema.parse(object);
  return intent.status === "succeeded" ? (intent.payment_method ?? null) : null;
}

const customerSchema = z
  .object({
    id: z.string(),
    object: z.literal("customer"),
    invoice_settings: z.object({ default_payment_method: idOf.nullish() }).loose().nullish(),
  })
  .loose();

export interface CustomerSnapshot {
  id: string;
  /** `invoice_settings.default_payment_method`: an id, or expanded to the card object. */
  defaultPaymentMethodId: string | null;
}

export function parseCustomer(object: unknown): CustomerSnapshot {
  const customer = customerSchema.parse(object);
  return {
    id: customer.id,
    defaultPaymentMethodId: customer.invoice_settings?.default_payment_method ?? null,
  };
}

/**
 * The customer an event's object belongs to: the customer itself (`customer.updated`), or
 * the customer the object names.
 */
export function customerOfObject(object: unknown): string | null {
  const self = z.object({ id: z.string().min(1), object: z.literal("customer") }).loose();
  const own = self.safeParse(object);
  if (own.success) return own.data.id;
  const parsed = z
    .object({
      customer: idOf.nullish(),
      charge: z.object({ customer: idOf.nullish() }).loose().or(z.string()).nullish(),
    })
    .loose()
    .safeParse(object);
  if (!parsed.success) return null;
  if (parsed.data.customer) return parsed.data.customer;
  const charge = parsed.data.charge;
  return charge && typeof charge === "object" ? (charge.customer ?? null) : null;
}

/** The minimal event envelope every webhook carries. */
export const stripeEventSchema = z
  .object({
    id: z.string().min(1),
    object: z.literal("event"),
    type: z.string().min(1),
    created: z.number().int(),
    /** The version Stripe rendered `data.object` in: the endpoint's (README "Stripe API version"). */
    api_version: z.string().nullish(),
    data: z.object({ object: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose();
export type StripeEventEnvelope = z.infer<typeof stripeEventSchema>;
