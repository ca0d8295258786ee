import { formatCents } from "../../core/billing/lifecycle";
import { sha256Hex } from "../../core/security/crypto";
import { findUserById } from "../auth/accounts";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { sellerDetails } from "./invoice-pdf";

/**
 * The receipt for a paid invoice (README "Profile and security emails"). The dedupe key is the invoice
 * alone, so a webhook delivered twice, or a paid event replayed, sends one receipt.
 */
export async function sendPaymentReceipt(
  env: Env,
  userId: string,
  invoice: { id: string; number: string | null; amountPaid: number; currency: string },
  paidAt: number,
  now: number,
): Promise<void> {
  const owner = await findUserById(env, userId);
  if (!owner) return;
  const id = encodeURIComponent(invoice.id);
  await sendEmail(env, {
    to: owner.email,
    template: "payment_receipt",
    data: {
      name: greetingName(owner),
      invoiceNumber: invoice.number ?? invoice.id,
      amount: formatCents(invoice.amountPaid, invoice.currency),
      paidOn: new Date(paidAt).toISOString().slice(0, 10),
      invoiceUrl: publicUrl(env, `/account/billing?invoice=${id}`),
      pdfUrl: publicUrl(env, `/api/invoices/${id}/pdf`),
      supportEmail: sellerDetails(env).supportEmail,
    },
    // Hashed, as a provider's id may be longer than a dedupe key may be.
    dedupeKey: `payment-receipt:${await sha256Hex(invoice.id)}`,
    now,
  });
}
