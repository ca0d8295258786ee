import { and, eq } from "drizzle-orm";
import { isLiveSubscriptionStatus } from "../../core/billing/states";
import { parseCheckoutSession, parsePaymentMethod } from "../../core/billing/stripe-objects";
import { createDb } from "../../db/client";
import { paymentMethods, subscriptions } from "../../db/schema";
import type { ApplyContext, ApplyOutcome } from "./apply";
import { billingProvider } from "./provider";
import { currentSubscription, recordWebhookChange } from "./records";

/**
 * `payment_method.attached|detached` and `checkout.session.completed`: the payment methods we
 * mirror, and the one place a card saved at checkout becomes the default (README "Billing").
 */

export async function applyPaymentMethod(ctx: ApplyContext): Promise<ApplyOutcome> {
  const snap = parsePaymentMethod(ctx.event.data.object);
  const { now } = ctx;
  const detached = ctx.event.type === "payment_method.detached";
  // Any type is mirrored (cards, bank debits, Link, wallets, types Stripe adds later): what
  // it does not have is null, so no payment method holds back this customer's later events.
  const values = {
    userId: ctx.userId,
    customerId: ctx.customerId,
    type: snap.type,
    brand: snap.brand,
    last4: snap.last4,
    expMonth: snap.expMonth,
    expYear: snap.expYear,
    fingerprint: snap.fingerprint,
    wallet: snap.wallet,
    bankName: snap.bankName,
    email: snap.email,
    detachedAt: detached ? now : null,
    updatedAt: now,
  };
  await createDb(ctx.env.DB)
    .insert(paymentMethods)
    .values({ id: snap.id, ...values, createdAt: now })
    .onConflictDoUpdate({ target: paymentMethods.id, set: values });
  // What the history names it by (core/billing/payment-method-label.ts); a Link email stays
  // on the row only, out of the audit trail.
  await recordWebhookChange(ctx, detached ? "payment_method.removed" : "payment_method.added", {
    payment_method_id: snap.id,
    type: snap.type,
    brand: snap.brand,
    last4: snap.last4,
    wallet: snap.wallet,
    bank_name: snap.bankName,
  });
  return { status: "applied" };
}

/**
 * A completed checkout. In setup mode (a card-less trial's card, or "Add a card") this is the
 * one place a saved card becomes the default, for both providers: the provider names the
 * card the session's SetupIntent saved, and the session's metadata says whether it becomes
 * the default. The change comes back as its own signed event; the key derived from this
 * event makes a retried apply ask the provider only once.
 */
export async function applyCheckout(ctx: ApplyContext): Promise<ApplyOutcome> {
  const session = parseCheckoutSession(ctx.event.data.object);
  const detail = { session_id: session.id, mode: session.mode };
  if (session.mode !== "setup") {
    await recordWebhookChange(ctx, "checkout.completed", {
      ...detail,
      subscription_id: session.subscriptionId,
    });
    return { status: "applied" };
  }
  const provider = await billingProvider(ctx.env);
  const paymentMethodId = await provider.setupPaymentMethod(session);
  const makeDefault = paymentMethodId !== null && session.metadata.make_default === "true";
  const subscriptionId = makeDefault
    ? await subscriptionForCard(ctx, session.metadata.subscription_id)
    : null;
  if (paymentMethodId && makeDefault) {
    await provider.setDefaultPaymentMethod(
      { customerId: ctx.customerId, subscriptionId, paymentMethodId },
      `checkout-default:${ctx.event.id}`,
    );
  }
  await recordWebhookChange(ctx, "checkout.completed", {
    ...detail,
    subscription_id: subscriptionId,
    payment_method_id: paymentMethodId,
    made_default: makeDefault,
  });
  return { status: "applied" };
}

/**
 * The subscription a newly saved default card goes on: the one the session was opened for
 * while it is still live, else the account's current one. A session can outlive the
 * subscription it named (ended, or replaced at checkout), and an ended one cannot change.
 */
async function subscriptionForCard(ctx: ApplyContext, named: string | undefined) {
  if (named) {
    const row = await createDb(ctx.env.DB).query.subscriptions.findFirst({
      where: and(eq(subscriptions.id, named), eq(subscriptions.userId, ctx.userId)),
    });
    if (row && isLiveSubscriptionStatus(row.status)) return row.id;
  }
  return (await currentSubscription(ctx.env, ctx.userId))?.id ?? null;
}
