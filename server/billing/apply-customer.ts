import { and, eq, isNull, or, sql } from "drizzle-orm";
import { isNewer } from "../../core/billing/lifecycle";
import { parseCustomer } from "../../core/billing/stripe-objects";
import { createDb } from "../../db/client";
import { billingCustomers, paymentMethods } from "../../db/schema";
import type { ApplyContext, ApplyOutcome } from "./apply";
import { recordBillingEvent } from "./records";

/**
 * `customer.updated`: mirrors the customer's own default card
 * (`invoice_settings.default_payment_method`), which Stripe charges when a subscription names
 * none and which is the only default a Free account has. Like a subscription, the row takes
 * only an event newer than the last one it applied (the compare-and-set is in the update), so
 * a late, older `customer.updated` cannot bring back a card that is no longer the default.
 * The audit trail gets an entry only when the default actually moved: Stripe sends this event
 * for any change to the customer (email, name, metadata, …).
 */
export async function applyCustomer(ctx: ApplyContext): Promise<ApplyOutcome> {
  const { env, event, position } = ctx;
  const snap = parseCustomer(event.data.object);
  if (snap.id !== ctx.customerId)
    return { status: "ignored", reason: `customer ${snap.id} is not the event's customer` };
  const db = createDb(env.DB);
  const before = await db.query.billingCustomers.findFirst({
    where: eq(billingCustomers.customerId, ctx.customerId),
  });
  if (!before) return { status: "ignored", reason: `customer ${snap.id} is not mirrored` };
  const applied =
    before.lastEventCreated === null || before.lastEventSeq === null
      ? null
      : { created: before.lastEventCreated, seq: before.lastEventSeq };
  if (!isNewer(position, applied))
    return { status: "ignored", reason: "a newer state of this customer was already applied" };
  const written = await db
    .update(billingCustomers)
    .set({
      defaultPaymentMethodId: snap.defaultPaymentMethodId,
      lastEventCreated: position.created,
      lastEventSeq: position.seq,
      updatedAt: ctx.now,
    })
    .where(
      and(
        eq(billingCustomers.customerId, ctx.customerId),
        or(
          isNull(billingCustomers.lastEventCreated),
          sql`${billingCustomers.lastEventCreated} < ${position.created}`,
          and(
            eq(billingCustomers.lastEventCreated, position.created),
            sql`${billingCustomers.lastEventSeq} < ${position.seq}`,
          ),
        ),
      ),
    )
    .returning({ customerId: billingCustomers.customerId });
  if (written.length === 0)
    return { status: "ignored", reason: "a newer state of this customer was already applied" };
  if (before.defaultPaymentMethodId !== snap.defaultPaymentMethodId) {
    // Named in the history when the card is already mirrored (its `attached` came first).
    const card = snap.defaultPaymentMethodId
      ? await db.query.paymentMethods.findFirst({
          where: eq(paymentMethods.id, snap.defaultPaymentMethodId),
        })
      : undefined;
    await recordBillingEvent(env, {
      userId: ctx.userId,
      customerId: ctx.customerId,
      type: "payment_method.default_changed",
      source: "webhook",
      detail: {
        payment_method_id: snap.defaultPaymentMethodId,
        previous_payment_method_id: before.defaultPaymentMethodId,
        ...(card
          ? {
              type: card.type,
              brand: card.brand,
              last4: card.last4,
              wallet: card.wallet,
              bank_name: card.bankName,
            }
          : {}),
      },
      stripeEventId: event.id,
      at: ctx.now,
    });
  }
  return { status: "applied" };
}
