import { formatCents } from "../../core/billing/lifecycle";
import { sha256Hex } from "../../core/security/crypto";
import type { UserRow } from "../../db/schema";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { sellerDetails } from "./invoice-pdf";

/**
 * The invoice email (README "Admin: payments"): a new invoice to pay, as the local billing
 * provider sends it where Stripe would email its own, or one staff send again. It links the
 * owner's billing page and the invoice's PDF.
 */
export interface InvoiceEmail {
  kind: "issued" | "resent";
  owner: Pick<UserRow, "email" | "name" | "emailVerifiedAt">;
  invoice: { id: string; number: string | null; amountDue: number; currency: string };
  statusLabel: string;
  /** When the invoice was issued (epoch ms). */
  issuedAt: number;
  /** Told apart by the caller: one email per invoice issued, one per resend request. */
  dedupe: string;
  now: number;
}

export async function sendInvoiceEmail(env: Env, input: InvoiceEmail) {
  const { invoice } = input;
  const id = encodeURIComponent(invoice.id);
  const number = invoice.number ?? invoice.id;
  await sendEmail(env, {
    to: input.owner.email,
    template: "invoice_sent",
    data: {
      kind: input.kind,
      name: greetingName(input.owner),
      invoiceNumber: number,
      amount: formatCents(invoice.amountDue, invoice.currency),
      statusLabel: input.statusLabel,
      issuedOn: new Date(input.issuedAt).toISOString().slice(0, 10),
      invoiceUrl: publicUrl(env, `/account/billing?invoice=${id}`),
      pdfUrl: publicUrl(env, `/api/invoices/${id}/pdf`),
      supportEmail: sellerDetails(env).supportEmail,
    },
    // Hashed, as a provider's id may be longer than a dedupe key may be.
    dedupeKey: `invoice-${input.kind}:${await sha256Hex(invoice.id)}:${input.dedupe}`,
    now: input.now,
  });
}
