import type { Env } from "../env";
import { conflict } from "../errors";
import { sendInvoiceEmail } from "./invoice-email";
import type { LocalCustomer, LocalInvoice } from "./local-objects";
import { paidChargeOf } from "./local-refunds";
import {
  clockNow,
  emitEvent,
  type LocalObject,
  listObjects,
  localId,
  once,
  readObject,
  requireObject,
  writeObject,
} from "./local-store";
import {
  type CreditNoteInput,
  type CreditNoteOutcome,
  creditExceedsRemaining,
  type ManualInvoiceInput,
  type ManualInvoiceOutcome,
  type PaymentResult,
} from "./provider";
import { findAccount } from "./records";

/**
 * The local provider's invoice actions (README "Admin: payments"): what Stripe does to an
 * invoice outside a payment, and the event it reports it with.
 */

/**
 * Voids an open invoice as Stripe's `POST /v1/invoices/{id}/void` does: refused for any other
 * status, `status_transitions.voided_at` set, and reported as `invoice.voided`. Once per key.
 */
export function voidLocally(env: Env, invoiceId: string, key: string): Promise<void> {
  return once(env, key, async () => {
    const invoice = await requireObject<LocalInvoice>(env, invoiceId);
    if (invoice.status !== "open")
      throw conflict(`The invoice is ${invoice.status}; only an open invoice can be voided`);
    invoice.status = "void";
    invoice.status_transitions = {
      ...(invoice.status_transitions as Record<string, unknown>),
      voided_at: await clockNow(env, invoice.customer),
    };
    await writeObject(env, invoice, invoice.customer);
    await emitEvent(env, "invoice.voided", invoice, invoice.customer, key);
  });
}

type LocalCreditNote = LocalObject & { invoice: string; amount: number; status: string };

/**
 * A credit note against a paid invoice as Stripe issues one (`POST /v1/credit_notes` with
 * `credit_amount`): at most what was paid and is neither refunded nor credited already, the
 * amount credited to the customer's balance, reported as `credit_note.created`. Once per key.
 */
export function creditLocally(
  env: Env,
  input: CreditNoteInput,
  key: string,
): Promise<CreditNoteOutcome> {
  return once(env, key, async () => {
    const invoice = await requireObject<LocalInvoice>(env, input.invoiceId);
    if (invoice.status !== "paid")
      throw conflict(`The invoice is ${invoice.status}; only a paid invoice can be credited`);
    const [charge, notes] = await Promise.all([
      paidChargeOf(env, invoice.id),
      listObjects<LocalCreditNote>(env, invoice.customer, "credit_note"),
    ]);
    const ofInvoice = notes.filter((note) => note.invoice === invoice.id);
    const credited = ofInvoice
      .filter((note) => note.status === "issued")
      .reduce((sum, note) => sum + note.amount, 0);
    const remaining = invoice.amount_paid - (charge?.amount_refunded ?? 0) - credited;
    if (input.amountCents > remaining) throw creditExceedsRemaining(Math.max(0, remaining));
    const note: LocalCreditNote = {
      id: localId("cn"),
      object: "credit_note",
      invoice: invoice.id,
      customer: invoice.customer,
      number: `${invoice.number ?? invoice.id}-CN-${ofInvoice.length + 1}`,
      amount: input.amountCents,
      total: input.amountCents,
      credit_amount: input.amountCents,
      refund_amount: 0,
      out_of_band_amount: 0,
      currency: (invoice.currency as string | undefined) ?? "usd",
      reason: input.reason,
      memo: input.memo,
      status: "issued",
      type: "post_payment",
      metadata: input.metadata,
      created: await clockNow(env, invoice.customer),
      livemode: false,
    };
    await writeObject(env, note, invoice.customer);
    await emitEvent(env, "credit_note.created", note, invoice.customer, key);
    return { creditNoteId: note.id, amountCents: note.amount };
  });
}

/**
 * A manual invoice as Stripe makes one: its own lines, no subscription, finalized (open, numbered,
 * reported as `invoice.finalized`), then charged with `pay` (the provider's own `payInvoice`:
 * the customer's default card) or sent: left open to be paid later and emailed to the customer,
 * as Stripe's `sendInvoice` emails it (`sendLocalInvoice`).
 */
export function invoiceLocally(
  env: Env,
  input: ManualInvoiceInput,
  key: string,
  pay: (invoiceId: string, key: string) => Promise<PaymentResult>,
): Promise<ManualInvoiceOutcome> {
  return once(env, `${key}:invoice`, async () => {
    const now = await clockNow(env, input.customerId);
    const total = input.lines.reduce((sum, line) => sum + line.amountCents, 0);
    const sequence = (await listObjects(env, input.customerId, "invoice")).length + 1;
    const invoice: LocalInvoice = {
      id: localId("in"),
      object: "invoice",
      customer: input.customerId,
      status: "open",
      number: `LOCAL-${input.customerId.slice(-6).toUpperCase()}-${String(sequence).padStart(4, "0")}`,
      currency: "usd",
      amount_due: total,
      amount_paid: 0,
      amount_remaining: total,
      attempt_count: 0,
      billing_reason: "manual",
      collection_method: input.collection === "send" ? "send_invoice" : "charge_automatically",
      due_date: input.collection === "send" ? now + input.daysUntilDue * 86_400 : null,
      created: now,
      hosted_invoice_url: null,
      livemode: false,
      metadata: input.metadata,
      parent: null,
      status_transitions: { paid_at: null },
      lines: {
        object: "list",
        data: input.lines.map((line) => ({
          id: localId("il"),
          object: "line_item",
          description: line.description,
          amount: line.amountCents,
          currency: "usd",
          parent: {
            type: "invoice_item_details",
            invoice_item_details: { proration: false },
          },
        })),
      },
    };
    await writeObject(env, invoice, input.customerId);
    await emitEvent(env, "invoice.finalized", invoice, input.customerId, key);
    if (input.collection === "send") {
      await sendLocalInvoice(env, invoice);
      return { invoiceId: invoice.id, paid: null, message: null };
    }
    return { invoiceId: invoice.id, ...(await pay(invoice.id, `${key}:pay`)) };
  });
}

/**
 * What Stripe's `sendInvoice` does for a `send_invoice` invoice, through the app's email layer:
 * the invoice email to the customer's account (its address at Stripe if the account is gone),
 * linking the billing page where it is paid and its PDF. Once per invoice.
 */
export async function sendLocalInvoice(env: Env, invoice: LocalInvoice) {
  const customer = await readObject<LocalCustomer>(env, invoice.customer);
  const userId = customer?.metadata.user_id;
  const account = userId ? await findAccount(env, userId) : null;
  const owner =
    account ?? (customer ? { email: customer.email, name: "", emailVerifiedAt: null } : null);
  if (!owner) return;
  const issuedAt = (invoice.created as number) * 1000;
  await sendInvoiceEmail(env, {
    kind: "issued",
    owner,
    invoice: {
      id: invoice.id,
      number: (invoice.number as string | null) ?? null,
      amountDue: invoice.amount_due,
      currency: (invoice.currency as string | undefined) ?? "usd",
    },
    statusLabel: "Unpaid",
    issuedAt,
    dedupe: "sent",
    now: issuedAt,
  });
}
