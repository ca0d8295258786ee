import type { RefundRequest, RefundResult } from "../../core/contract/admin-payments";
import type { Actor } from "../actor";
import { billingProvider, refundExceedsPaid } from "../billing/provider";
import type { Env } from "../env";
import { recordAudit } from "../ops/audit";
import { REFUND_AUDIT_ACTION, requireInvoice } from "./invoices";
import { refundableOf } from "./present";

/**
 * A refund of (part of) a paid invoice, asked of the billing provider (README "Admin: payments").
 * Nothing here writes the invoice: the provider reports the refund as `charge.refunded`, and the
 * webhook consumer sets the invoice's refunded total from it. The mirror's paid − refunded −
 * credited is checked first: the provider checks only its own charge (a refund made in Stripe's
 * Dashboard, or one whose event is still on its way, counts there), and a charge knows nothing
 * of the balance credits a credit note gave.
 */
export async function refundInvoice(
  env: Env,
  actor: Actor,
  input: { invoiceId: string; request: RefundRequest },
  providerKey: string,
): Promise<RefundResult> {
  const { invoice } = await requireInvoice(env, input.invoiceId);
  const refundable = refundableOf(invoice);
  const amount = input.request.amount_cents ?? refundable;
  if (amount <= 0 || amount > refundable) throw refundExceedsPaid(refundable);
  const provider = await billingProvider(env);
  const outcome = await provider.refund(
    {
      invoiceId: invoice.id,
      amountCents: amount,
      reason: input.request.reason,
      metadata: { invoice_id: invoice.id, requested_by: actor.id },
    },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: REFUND_AUDIT_ACTION,
    resourceType: "invoice",
    resourceId: invoice.id,
    details: {
      refund_id: outcome.refundId,
      amount_cents: outcome.amountCents,
      reason: input.request.reason,
      note: input.request.note || null,
      user_id: invoice.userId,
      customer_id: invoice.customerId,
    },
  });
  return {
    invoice_id: invoice.id,
    refund_id: outcome.refundId,
    amount_cents: outcome.amountCents,
    reason: input.request.reason,
  };
}
