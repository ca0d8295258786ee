import type { CreditNoteRequest, CreditNoteResult } from "../../core/contract/admin-payments";
import type { Actor } from "../actor";
import { billingProvider, creditExceedsRemaining } from "../billing/provider";
import type { Env } from "../env";
import { conflict } from "../errors";
import { recordAudit } from "../ops/audit";
import { CREDIT_NOTE_AUDIT_ACTION, requireInvoice } from "./invoices";
import { creditableOf } from "./present";

/**
 * A credit note against a paid invoice, asked of the billing provider (README "Admin: payments"):
 * the amount goes to the customer's balance, which later invoices draw on. Nothing here writes the
 * invoice: the provider reports the note as `credit_note.created` and the webhook consumer records
 * it and the invoice's credited total. The mirror's paid − refunded − credited is checked first;
 * the provider checks again against its own invoice.
 */
export async function createCreditNote(
  env: Env,
  actor: Actor,
  input: { invoiceId: string; request: CreditNoteRequest },
  providerKey: string,
): Promise<CreditNoteResult> {
  const { invoice } = await requireInvoice(env, input.invoiceId);
  if (invoice.status !== "paid")
    throw conflict(`The invoice is ${invoice.status}; only a paid invoice can be credited`);
  const remaining = creditableOf(invoice);
  const { amount_cents: amount, reason, memo, note } = input.request;
  if (amount > remaining) throw creditExceedsRemaining(remaining);
  const outcome = await (await billingProvider(env)).createCreditNote(
    {
      invoiceId: invoice.id,
      amountCents: amount,
      reason,
      memo: memo || null,
      metadata: { invoice_id: invoice.id, requested_by: actor.id },
    },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: CREDIT_NOTE_AUDIT_ACTION,
    resourceType: "invoice",
    resourceId: invoice.id,
    details: {
      credit_note_id: outcome.creditNoteId,
      amount_cents: outcome.amountCents,
      reason,
      memo: memo || null,
      note: note || null,
      user_id: invoice.userId,
    },
  });
  return {
    invoice_id: invoice.id,
    credit_note_id: outcome.creditNoteId,
    amount_cents: outcome.amountCents,
    reason,
  };
}
