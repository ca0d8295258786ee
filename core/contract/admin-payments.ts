import { z } from "zod";
import { CREDIT_NOTE_STATUSES, INVOICE_STATUSES, SUBSCRIPTION_STATUSES } from "../billing/states";
import { PLANS } from "../plans/entitlements";

/**
 * The wire shapes of the admin Payments section (README "Admin: payments"): subscriptions and
 * invoices as the billing mirror holds them, and the actions an admin asks the billing provider
 * for (a refund, a cancellation, a retried payment). Every action is answered 202: the change
 * shows once the provider's webhook event is applied, never written here directly.
 */

const iso = z.string().datetime();
/** A calendar day (UTC); `*_from` includes it from its start, `*_to` to its end. */
const day = z.iso.date();
const providerId = z.string().regex(/^[\w-]{1,255}$/, "A payment provider id");
const boolFlag = z.enum(["true", "false"]);

/** Stripe's refund reasons (`Refund.reason` a caller may set). */
export const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** The largest single refund accepted: $1,000,000, far above any plan's invoice. */
export const MAX_REFUND_CENTS = 100_000_000;

export const refundRequestSchema = z
  .object({
    /** Omitted: everything paid and not yet refunded. */
    amount_cents: z.number().int().min(1).max(MAX_REFUND_CENTS).optional(),
    reason: z.enum(REFUND_REASONS),
    /** For staff: kept in the audit log with the refund, never sent to the provider. */
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: "AdminRefundRequest" });
export type RefundRequest = z.output<typeof refundRequestSchema>;

export const refundResultSchema = z
  .object({
    invoice_id: z.string(),
    /** The provider's refund id (`re_…`). */
    refund_id: z.string(),
    amount_cents: z.number().int(),
    reason: z.enum(REFUND_REASONS),
  })
  .meta({ id: "AdminRefundResult" });
export type RefundResult = z.output<typeof refundResultSchema>;

export const adminSubscriptionsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  plan: z.enum(PLANS).optional(),
  /** The provider's status; `past_due` lists the accounts whose payment failed. */
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  /** Trialing subscriptions whose trial ends within this many days. */
  trial_ends_within_days: z.coerce.number().int().min(1).max(365).optional(),
  /** `true`: a dunning flow is still chasing one of its invoices. */
  in_dunning: boolFlag.optional(),
  user_id: z.string().min(1).max(255).optional(),
  customer_id: providerId.optional(),
});
export type AdminSubscriptionsQuery = z.output<typeof adminSubscriptionsQuerySchema>;

export const adminSubscriptionSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    /** The account's email, while the account exists. */
    user_email: z.string().nullable(),
    customer_id: z.string(),
    plan: z.string(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    cancel_at_period_end: z.boolean(),
    current_period_start: iso,
    current_period_end: iso,
    trial_end: iso.nullable(),
    pending_plan: z.string().nullable(),
    ended_at: iso.nullable(),
    ended_reason: z.string().nullable(),
    in_dunning: z.boolean(),
    created_at: iso,
  })
  .meta({ id: "AdminSubscription" });
export type AdminSubscription = z.output<typeof adminSubscriptionSchema>;

/** One line of an account's billing history (`billing_events`). */
export const adminBillingHistoryEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  source: z.string(),
  detail: z.record(z.string(), z.unknown()),
  stripe_event_id: z.string().nullable(),
  created_at: iso,
});

export const adminInvoicesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(INVOICE_STATUSES).optional(),
  user_id: z.string().min(1).max(255).optional(),
  customer_id: providerId.optional(),
  subscription_id: providerId.optional(),
  created_from: day.optional(),
  created_to: day.optional(),
  /** `true`: only invoices with money refunded. */
  refunded: boolFlag.optional(),
});
export type AdminInvoicesQuery = z.output<typeof adminInvoicesQuerySchema>;

export const adminInvoiceSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    user_id: z.string(),
    user_email: z.string().nullable(),
    customer_id: z.string(),
    subscription_id: z.string().nullable(),
    status: z.enum(INVOICE_STATUSES),
    currency: z.string(),
    amount_due: z.number().int(),
    amount_paid: z.number().int(),
    amount_refunded: z.number().int(),
    /** What its issued credit notes credit to the customer's balance. */
    amount_credited: z.number().int(),
    /** Paid and neither refunded nor credited: the most a refund may be. */
    refundable: z.number().int(),
    created_at: iso,
    paid_at: iso.nullable(),
  })
  .meta({ id: "AdminInvoice" });
export type AdminInvoice = z.output<typeof adminInvoiceSchema>;

/** A refund staff asked for, from the audit log (who, why, the note). */
export const adminRefundRecordSchema = z.object({
  refund_id: z.string().nullable(),
  amount_cents: z.number().int(),
  reason: z.string(),
  note: z.string().nullable(),
  actor_id: z.string(),
  at: iso,
});

export const adminInvoiceDetailSchema = adminInvoiceSchema
  .extend({
    billing_reason: z.string().nullable(),
    period_start: iso.nullable(),
    period_end: iso.nullable(),
    attempt_count: z.number().int(),
    hosted_url: z.string().nullable(),
    lines: z.array(
      z.object({ description: z.string(), amount: z.number().int(), proration: z.boolean() }),
    ),
    /** Refunds staff requested here. */
    refunds: z.array(adminRefundRecordSchema),
    /** Paid, neither refunded nor credited: the most a credit note may be (0 unless paid). */
    creditable: z.number().int(),
    /** Its credit notes as the provider reported them, newest first. */
    credit_notes: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        amount: z.number().int(),
        reason: z.string().nullable(),
        memo: z.string().nullable(),
        status: z.enum(CREDIT_NOTE_STATUSES),
        created_at: iso,
      }),
    ),
    /** Whether a PDF is stored (rendered on the first download, or regenerated here). */
    pdf_available: z.boolean(),
    /** What staff did to it besides refunds (void, resend, regenerate the PDF), newest first. */
    actions: z.array(
      z.object({ action: z.string(), note: z.string().nullable(), actor_id: z.string(), at: iso }),
    ),
    /** What the provider reported about this invoice (`charge.refunded`, payments), newest first. */
    events: z.array(adminBillingHistoryEntrySchema),
  })
  .meta({ id: "AdminInvoiceDetail" });
export type AdminInvoiceDetail = z.output<typeof adminInvoiceDetailSchema>;

export const adminSubscriptionDetailSchema = z
  .object({
    subscription: adminSubscriptionSchema,
    invoices: z.array(adminInvoiceSchema),
    /** The account's billing history, newest first (at most 100). */
    events: z.array(adminBillingHistoryEntrySchema),
  })
  .meta({ id: "AdminSubscriptionDetail" });
export type AdminSubscriptionDetail = z.output<typeof adminSubscriptionDetailSchema>;

/** Subscription actions (permission `payments.write`), each through the provider. */
export const SUBSCRIPTION_ACTIONS = ["cancel_at_period_end", "resume", "cancel_now"] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

export const subscriptionActionRequestSchema = z
  .object({
    action: z.enum(SUBSCRIPTION_ACTIONS),
    /** Why, for the audit log. */
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: "AdminSubscriptionActionRequest" });
export type SubscriptionActionRequest = z.output<typeof subscriptionActionRequestSchema>;

export const MAX_TRIAL_EXTENSION_DAYS = 90;

export const trialExtensionRequestSchema = z
  .object({
    days: z.number().int().min(1).max(MAX_TRIAL_EXTENSION_DAYS),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: "AdminTrialExtensionRequest" });
export type TrialExtensionRequest = z.output<typeof trialExtensionRequestSchema>;

export const paymentRetryResultSchema = z.object({
  invoice_id: z.string(),
  paid: z.boolean(),
  /** The card network's words when it refused. */
  message: z.string().nullable(),
});
export type PaymentRetryResult = z.output<typeof paymentRetryResultSchema>;

export const subscriptionActionResultSchema = z.object({
  subscription_id: z.string(),
  action: z.string(),
});
export type SubscriptionActionResult = z.output<typeof subscriptionActionResultSchema>;

/** An invoice action's note: why, for the audit log. */
export const invoiceActionRequestSchema = z
  .object({ note: z.string().trim().max(1000).optional() })
  .strict()
  .meta({ id: "AdminInvoiceActionRequest" });
export type InvoiceActionRequest = z.output<typeof invoiceActionRequestSchema>;

export const INVOICE_ACTIONS = ["void", "resend", "regenerate_pdf"] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

export const invoiceActionResultSchema = z
  .object({
    invoice_id: z.string(),
    action: z.enum(INVOICE_ACTIONS),
    /** `resend`: the address the invoice went to. */
    sent_to: z.string().nullable(),
    /** `regenerate_pdf`: when the stored PDF was rendered. */
    rendered_at: iso.nullable(),
  })
  .meta({ id: "AdminInvoiceActionResult" });
export type InvoiceActionResult = z.output<typeof invoiceActionResultSchema>;

/** The columns of the invoices CSV export, in order (README "Admin: payments"). */
export const INVOICE_EXPORT_COLUMNS = [
  "id",
  "number",
  "status",
  "user_id",
  "user_email",
  "customer_id",
  "subscription_id",
  "currency",
  "amount_due",
  "amount_paid",
  "amount_refunded",
  "billing_reason",
  "created_at",
  "paid_at",
] as const;

/** The export takes the list's filters, without its paging. */
export const adminInvoicesExportQuerySchema = adminInvoicesQuerySchema.omit({
  page: true,
  per_page: true,
});
export type AdminInvoicesExportQuery = z.output<typeof adminInvoicesExportQuerySchema>;

/** Stripe's credit note reasons (`CreditNote.reason`). */
export const CREDIT_NOTE_REASONS = [
  "duplicate",
  "fraudulent",
  "order_change",
  "product_unsatisfactory",
] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

export const creditNoteRequestSchema = z
  .object({
    amount_cents: z.number().int().min(1).max(MAX_REFUND_CENTS),
    reason: z.enum(CREDIT_NOTE_REASONS),
    /** Printed on the credit note: the customer reads it. */
    memo: z.string().trim().max(500).optional(),
    /** For staff: kept in the audit log, never sent to the provider. */
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: "AdminCreditNoteRequest" });
export type CreditNoteRequest = z.output<typeof creditNoteRequestSchema>;

export const creditNoteResultSchema = z
  .object({
    invoice_id: z.string(),
    /** The provider's credit note id (`cn_…`). */
    credit_note_id: z.string(),
    amount_cents: z.number().int(),
    reason: z.enum(CREDIT_NOTE_REASONS),
  })
  .meta({ id: "AdminCreditNoteResult" });
export type CreditNoteResult = z.output<typeof creditNoteResultSchema>;

/** A manual invoice's most lines, and its largest line. */
export const MAX_MANUAL_INVOICE_LINES = 20;

export const manualInvoiceRequestSchema = z
  .object({
    user_id: z.string().min(1).max(255),
    lines: z
      .array(
        z
          .object({
            /** Printed on the invoice. */
            description: z.string().trim().min(1).max(200),
            amount_cents: z.number().int().min(1).max(MAX_REFUND_CENTS),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_MANUAL_INVOICE_LINES),
    /** `charge`: the account's default card now; `send`: emailed by the provider, paid later. */
    collection: z.enum(["charge", "send"]),
    /** `send` only: days the customer has to pay. */
    days_until_due: z.number().int().min(1).max(90).default(30),
    /** For staff: kept in the audit log. */
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: "AdminManualInvoiceRequest" });
export type ManualInvoiceRequest = z.output<typeof manualInvoiceRequestSchema>;

export const manualInvoiceResultSchema = z
  .object({
    invoice_id: z.string(),
    collection: z.enum(["charge", "send"]),
    /** `charge`: whether the card paid it; `send`: null. */
    paid: z.boolean().nullable(),
    /** The card network's words when it refused. */
    message: z.string().nullable(),
  })
  .meta({ id: "AdminManualInvoiceResult" });
export type ManualInvoiceResult = z.output<typeof manualInvoiceResultSchema>;
