import type { EmailContent } from "../layout";

/** An invoice sent to its customer again by staff (README "Admin: payments"). */
export interface InvoiceSentData {
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
  /** Where to write about it (the seller's support address). */
  supportEmail: string;
}

export function invoiceSent(data: InvoiceSentData): EmailContent {
  return {
    subject: `Your invoice ${data.invoiceNumber}`,
    preheader: `Invoice ${data.invoiceNumber} of ${data.issuedOn}: ${data.amount}.`,
    heading: `Invoice ${data.invoiceNumber}`,
    paragraphs: [
      `Hi ${data.name ?? "there"}, here is your invoice ${data.invoiceNumber} of ${data.amount} once more.`,
      "Open your billing page to see it and download it as a PDF.",
    ],
    facts: [
      { label: "Invoice", value: data.invoiceNumber },
      { label: "Issued", value: data.issuedOn },
      { label: "Amount", value: data.amount },
      { label: "Status", value: data.statusLabel },
    ],
    action: { label: "View the invoice", url: data.invoiceUrl },
    closing: [`Questions about this invoice: ${data.supportEmail}`],
    footer: "You receive this email because it concerns an invoice of your account.",
  };
}
