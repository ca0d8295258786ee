import type { InvoiceStatus, SubscriptionStatus } from "~core/billing/states";
import type { BadgeTone } from "~kit/design-system/components/Badge";

/** How the Payments pages name the provider's statuses. */

export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  trialing: "Trialing",
  active: "Active",
  past_due: "Past due",
  canceled: "Canceled",
  unpaid: "Unpaid",
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  paused: "Paused",
};

export const subscriptionTone = (status: SubscriptionStatus): BadgeTone =>
  status === "active" || status === "trialing"
    ? "success"
    : status === "past_due" || status === "unpaid"
      ? "error"
      : "neutral";

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: "Draft",
  open: "Unpaid",
  paid: "Paid",
  uncollectible: "Uncollectible",
  void: "Void",
};

/** A paid invoice with money given back says so: in full, or in part. */
export function invoiceStatusLabel(invoice: {
  status: InvoiceStatus;
  amount_paid: number;
  amount_refunded: number;
}): { label: string; tone: BadgeTone } {
  if (invoice.amount_refunded > 0 && invoice.amount_refunded >= invoice.amount_paid)
    return { label: "Refunded", tone: "neutral" };
  if (invoice.amount_refunded > 0) return { label: "Partially refunded", tone: "warning" };
  const tone: BadgeTone =
    invoice.status === "paid" ? "success" : invoice.status === "open" ? "error" : "neutral";
  return { label: INVOICE_STATUS_LABELS[invoice.status], tone };
}

/** The audit actions an invoice's page lists under "Staff actions". */
export const INVOICE_ACTION_LABELS: Record<string, string> = {
  "invoice.voided": "Voided",
  "invoice.resent": "Emailed to the customer",
  "invoice.pdf_regenerated": "PDF regenerated",
  "invoice.credited": "Credit note asked for",
  "invoice.created_manually": "Made by hand",
};
