import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { CREDIT_NOTE_STATUSES } from "../../core/billing/states";
import { createDb } from "../../db/client";
import { creditNotes, invoices } from "../../db/schema";
import type { ApplyContext, ApplyOutcome } from "./apply";
import { recordWebhookChange } from "./records";

/** The fields of Stripe's `CreditNote` billing reads. */
const creditNoteSchema = z
  .object({
    id: z.string(),
    object: z.literal("credit_note"),
    invoice: z.union([z.string(), z.object({ id: z.string() }).loose()]),
    amount: z.number().int(),
    /** What of it went back to the card as refunds (absent on older API versions: none). */
    refunds: z
      .array(z.object({ amount_refunded: z.number().int() }).loose())
      .nullish()
      .transform((refunds) => (refunds ?? []).reduce((sum, r) => sum + r.amount_refunded, 0)),
    currency: z.string(),
    number: z.string().nullish(),
    reason: z.string().nullish(),
    memo: z.string().nullish(),
    status: z.enum(CREDIT_NOTE_STATUSES),
    created: z.number(),
  })
  .loose();

/**
 * `credit_note.created|updated|voided` (README "Admin: payments"): the credit note is recorded
 * against its invoice, and the invoice's `amount_credited` is set to what its issued notes add
 * up to — a sum, so a replayed or reordered event sets the same value. A voided note stays void.
 * A note's cash refund (`refunds`) is left out of that sum: Stripe refunds it on the charge, and
 * `charge.refunded` puts it in `amount_refunded`, so paid − refunded − credited counts it once.
 */
export async function applyCreditNote(ctx: ApplyContext): Promise<ApplyOutcome> {
  const note = creditNoteSchema.parse(ctx.event.data.object);
  const invoiceId = typeof note.invoice === "string" ? note.invoice : note.invoice.id;
  const db = createDb(ctx.env.DB);
  const invoice = await db.query.invoices.findFirst({
    where: and(eq(invoices.id, invoiceId), eq(invoices.userId, ctx.userId)),
  });
  if (!invoice) return { status: "ignored", reason: `invoice ${invoiceId} is not recorded` };
  const values = {
    invoiceId,
    userId: ctx.userId,
    customerId: ctx.customerId,
    number: note.number ?? null,
    amount: note.amount,
    amountRefunded: note.refunds,
    currency: note.currency,
    reason: note.reason ?? null,
    memo: note.memo ?? null,
    status: note.status,
    createdAt: note.created * 1000,
    updatedAt: ctx.now,
  };
  await db
    .insert(creditNotes)
    .values({ id: note.id, ...values })
    .onConflictDoUpdate({
      target: creditNotes.id,
      set: values,
      setWhere: ne(creditNotes.status, "void"),
    });
  await db
    .update(invoices)
    .set({
      amountCredited: sql`(SELECT coalesce(sum(${creditNotes.amount} - ${creditNotes.amountRefunded}), 0) FROM ${creditNotes} WHERE ${creditNotes.invoiceId} = ${invoiceId} AND ${creditNotes.status} = 'issued')`,
      updatedAt: ctx.now,
    })
    .where(eq(invoices.id, invoiceId));
  await recordWebhookChange(ctx, `credit_note.${note.status === "void" ? "voided" : "issued"}`, {
    invoice_id: invoiceId,
    credit_note_id: note.id,
    amount: note.amount,
    currency: note.currency,
    reason: note.reason ?? null,
  });
  return { status: "applied" };
}
