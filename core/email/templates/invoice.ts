import type { EmailContent } from "../layout";

/**
 * An invoice emailed to its customer (README "Admin: payments"): `issued` when the local billing
 * provider sends a new one to be paid (Stripe emails its own), `resent` when staff send it again.
 */
export interface InvoiceSentData {
  kind: "issued" | "resent";
  /** Only for a confirmed address (greetingName): the name is whatever was typed at sign-up. */
  name: string | null;
  invoiceNumber: string;
  /** Formatted total, e.g. "$14.99". */
  amount: string;
  /** "Paid", "Unpaid", "Partially refunded", … */
  statusLabel: string;
  /** The day it was issued (YYYY-MM-DD). */
  issuedOn: string;
  /** Absolute URL of the billing page, where the invoice is listed and downloaded. */
  invoiceUrl: string;
  /** Absolute URL of the invoice's PDF (the owner's signed-in download). */
  pdfUrl: string;
  /** Where to write about it (the seller's support address). */
  supportEmail: string;
}

export function invoiceSent(data: InvoiceSentData): EmailContent {
  return {
    subject: `Your invoice ${data.invoiceNumber}`,
    preheader: `Invoice ${data.invoiceNumber} of ${data.issuedOn}: ${data.amount}.`,
    heading: `Invoice ${data.invoiceNumber}`,
    paragraphs:
      data.kind === "resent"
        ? [
            `Hi ${data.name ?? "there"}, here is your invoice ${data.invoiceNumber} of ${data.amount} once more.`,
            "Open your billing page to see it and download it as a PDF.",
          ]
        : [
            `Hi ${data.name ?? "there"}, here is your new invoice ${data.invoiceNumber} of ${data.amount}.`,
            "Open your billing page to pay it, or download it as a PDF.",
          ],
    facts: [
      { label: "Invoice", value: data.invoiceNumber },
      { label: "Issued", value: data.issuedOn },
      { label: "Amount", value: data.amount },
      { label: "Status", value: data.statusLabel },
      { label: "PDF", value: data.pdfUrl },
    ],
    action: { label: "View the invoice", url: data.invoiceUrl },
    closing: [`Questions about this invoice: ${data.supportEmail}`],
    footer: "You receive this email because it concerns an invoice of your account.",
  };
}
