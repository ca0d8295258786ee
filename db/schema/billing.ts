import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  BILLING_EVENT_SOURCES,
  BILLING_MODES,
  INVOICE_STATUSES,
  STRIPE_EVENT_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../../core/billing/states";
import { users } from "./users";

/**
 * Billing mirrors the payment provider (Stripe, or the local provider that stands in for
 * it): these rows change only when a verified webhook event is applied, so what the app
 * shows and the limits it enforces follow what the provider says was paid.
 */

/** One payment customer per account, created by the signup workflow or the first checkout. */
export const billingCustomers = sqliteTable("billing_customers", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  customerId: text("customer_id").notNull().unique(),
  /** Which provider created it: a local customer means nothing to Stripe and vice versa. */
  mode: text("mode", { enum: BILLING_MODES }).notNull(),
  /** Set once a trial has started, so nobody gets a second one. */
  trialUsedAt: integer("trial_used_at"),
  /**
   * The customer's own default card (Stripe's `invoice_settings.default_payment_method`),
   * from `customer.updated`: what is charged when a subscription names no card of its own,
   * and the card a Free account sees as its default.
   */
  defaultPaymentMethodId: text("default_payment_method_id"),
  /** `created` (seconds) and receipt sequence of the last customer event applied: older ones lose. */
  lastEventCreated: integer("last_event_created"),
  lastEventSeq: integer("last_event_seq"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const subscriptions = sqliteTable(
  "subscriptions",
  {
    /** The provider's subscription id (`sub_…`). */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    plan: text("plan").notNull(),
    /** The provider's status (core/billing/states.ts); the enum is for types, not a CHECK. */
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull(),
    cancelAtPeriodEnd: integer("cancel_at_period_end", { mode: "boolean" })
      .notNull()
      .default(false),
    currentPeriodStart: integer("current_period_start").notNull(),
    currentPeriodEnd: integer("current_period_end").notNull(),
    trialEnd: integer("trial_end"),
    /** A downgrade waiting for the next cycle. */
    pendingPlan: text("pending_plan"),
    defaultPaymentMethodId: text("default_payment_method_id"),
    endedAt: integer("ended_at"),
    /** Why it ended: `canceled` (by the person), `unpaid` (grace ran out), `trial_expired`. */
    endedReason: text("ended_reason"),
    /** `created` (seconds) and receipt sequence of the last event applied: older ones lose. */
    lastEventCreated: integer("last_event_created").notNull(),
    lastEventSeq: integer("last_event_seq").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("subscriptions_user_idx").on(t.userId, t.createdAt)],
);

export const paymentMethods = sqliteTable(
  "payment_methods",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    /**
     * Stripe's `PaymentMethod.type` (card, us_bank_account, sepa_debit, link, paypal, …). Any
     * type is mirrored; the columns below hold what names it to the person, when it has that.
     */
    type: text("type").notNull().default("card"),
    /** Cards: network brand and expiry. */
    brand: text("brand"),
    /** Cards and bank debits: last four digits of the card or account. */
    last4: text("last4"),
    expMonth: integer("exp_month"),
    expYear: integer("exp_year"),
    /** Cards: Stripe's `card.fingerprint`, the same for one card number across accounts. */
    fingerprint: text("fingerprint"),
    /** A card kept in a wallet (`card.wallet.type`: apple_pay, google_pay, link, …). */
    wallet: text("wallet"),
    /** Bank accounts (us_bank_account, acss_debit, nz_bank_account): the bank's name. */
    bankName: text("bank_name"),
    /** Link: the account's email address. */
    email: text("email"),
    detachedAt: integer("detached_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("payment_methods_user_idx").on(t.userId, t.createdAt),
    index("payment_methods_fingerprint_idx").on(t.fingerprint),
  ],
);

export const invoices = sqliteTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    subscriptionId: text("subscription_id"),
    number: text("number"),
    /** draft, open, paid, void, uncollectible (the provider's words). */
    status: text("status", { enum: INVOICE_STATUSES }).notNull(),
    currency: text("currency").notNull(),
    amountDue: integer("amount_due").notNull(),
    amountPaid: integer("amount_paid").notNull(),
    amountRefunded: integer("amount_refunded").notNull().default(0),
    /** What its issued credit notes credit (`credit_notes`), kept by the webhook consumer. */
    amountCredited: integer("amount_credited").notNull().default(0),
    billingReason: text("billing_reason"),
    periodStart: integer("period_start"),
    periodEnd: integer("period_end"),
    /** `[{description, amount, proration}]` as the provider itemised it. */
    linesJson: text("lines_json").notNull(),
    attemptCount: integer("attempt_count").notNull().default(0),
    /** Provider-hosted page, when there is one. */
    hostedUrl: text("hosted_url"),
    /** R2 key of the rendered PDF once rendered. */
    pdfKey: text("pdf_key"),
    paidAt: integer("paid_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("invoices_user_created_idx").on(t.userId, t.createdAt)],
);

/** The audit trail: every change to someone's billing, whoever made it. */
export const billingEvents = sqliteTable(
  "billing_events",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    customerId: text("customer_id"),
    /** `subscription.status_changed`, `plan.changed`, `invoice.paid`, `checkout.created`, … */
    type: text("type").notNull(),
    /** api (a person's request), webhook (the provider said so), workflow (dunning). */
    source: text("source", { enum: BILLING_EVENT_SOURCES }).notNull(),
    detailJson: text("detail_json").notNull(),
    stripeEventId: text("stripe_event_id"),
    idempotencyKey: text("idempotency_key"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("billing_events_user_created_idx").on(t.userId, t.createdAt),
    index("billing_events_customer_idx").on(t.customerId),
  ],
);

/**
 * Every verified webhook event, once: the unique event id is the dedupe, the payload is what
 * the queue consumer applies, `seq` orders events of the same second by arrival.
 */
export const stripeEvents = sqliteTable(
  "stripe_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    customerId: text("customer_id"),
    /** The event's own `created` (seconds since the epoch). */
    created: integer("created").notNull(),
    payloadJson: text("payload_json").notNull(),
    /**
     * queued → applying → applied | ignored (stale, unknown customer, unhandled type) | failed
     * (waits for an operator, who retries it or marks it skipped; README "Stuck billing events")
     */
    status: text("status", { enum: STRIPE_EVENT_STATUSES }).notNull(),
    error: text("error"),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
  },
  (t) => [
    uniqueIndex("stripe_events_event_id_idx").on(t.eventId),
    // The consumer reads a customer's open events: status before created, so the events it
    // finished long ago are not walked again for every new one.
    index("stripe_events_customer_open_idx").on(t.customerId, t.status, t.created),
    // The admin app lists events by status (the failed ones), newest first.
    index("stripe_events_status_idx").on(t.status, t.seq),
  ],
);

/**
 * The local provider's own records (customers, cards, subscriptions, invoices, checkout
 * sessions, idempotent results), shaped like the Stripe objects it hands to the webhook.
 * Unused when Stripe keys are set.
 */
export const localBillingObjects = sqliteTable(
  "local_billing_objects",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    customerId: text("customer_id"),
    dataJson: text("data_json").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("local_billing_objects_customer_idx").on(t.customerId, t.type)],
);

export type BillingCustomerRow = typeof billingCustomers.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type PaymentMethodRow = typeof paymentMethods.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type BillingEventRow = typeof billingEvents.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
