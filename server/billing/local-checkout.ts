import type { CardExpiry } from "../../core/billing/card-expiry";
import { findTestCard } from "../../core/billing/test-cards";
import { isPlan, PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import type { Env } from "../env";
import { AppError } from "../errors";
import {
  chargesSucceed,
  LOCAL_PERIOD_SECONDS,
  type LocalCheckoutSession,
  type LocalSetupIntent,
  type LocalSubscription,
  newSubscription,
  planOfSubscription,
  priceObject,
} from "./local-objects";
import { LocalProvider, trialLine } from "./local-provider";
import {
  advanceClockTo,
  clockNow,
  emitEvent,
  readObject,
  requireObject,
  writeObject,
} from "./local-store";
import { discountLine } from "./local-subscriptions";

export type CheckoutOutcome =
  | { ok: true; redirect: string }
  | { ok: false; message: string; session: LocalCheckoutSession };

export const readSession = (env: Env, id: string) =>
  id.startsWith("cs_local_") ? readObject<LocalCheckoutSession>(env, id) : Promise.resolve(null);

/**
 * What "Pay" (or "Save card") on the local checkout page does, in Stripe's order of events:
 * the card is attached (`payment_method.attached`); in subscription mode the subscription is
 * created and its first invoice paid, in setup mode the session's SetupIntent records the
 * card; then `checkout.session.completed`. Making a saved card the default is not done here:
 * the webhook consumer does it from that event for both providers (`applyCheckout`).
 * 4000 0000 0000 9995 is refused before anything happens; 4000 0000 0000 0341 attaches,
 * then (subscription mode) the first charge fails and no subscription starts.
 */
export async function completeLocalCheckout(
  env: Env,
  sessionId: string,
  cardNumber: string,
  expiry: CardExpiry,
): Promise<CheckoutOutcome> {
  const session = await readSession(env, sessionId);
  if (!session) throw new AppError(404, "not_found", "Checkout session not found");
  if (session.status !== "open") return { ok: true, redirect: session.success_url };
  const refuse = (message: string) => ({ ok: false as const, message, session });
  const card = findTestCard(cardNumber);
  if (!card) {
    return refuse("This local checkout takes Stripe's test cards only, e.g. 4242 4242 4242 4242.");
  }
  if (card.behaviour === "declines")
    return refuse(card.declineMessage ?? "Your card was declined.");

  const provider = new LocalProvider(env);
  const key = `checkout:${session.id}`;
  const pm = await provider.attachCard(session.customer, card.number, `${key}:attach`, expiry);
  const plan = session.metadata.plan ?? "";
  const trialDays = Number(session.metadata.trial_days ?? 0);

  if (session.mode === "setup") {
    if (!session.setup_intent) throw new Error(`setup checkout ${session.id} has no SetupIntent`);
    const intent = await requireObject<LocalSetupIntent>(env, session.setup_intent);
    intent.payment_method = pm.id;
    intent.status = "succeeded";
    await writeObject(env, intent, session.customer);
  } else {
    if (!isPlan(plan) || plan === "free")
      throw new Error(`checkout ${session.id} has no paid plan`);
    if (trialDays === 0 && !chargesSucceed(pm)) {
      return refuse(card.declineMessage ?? "Your card was declined.");
    }
    const now = await clockNow(env, session.customer);
    const sub = newSubscription({
      customerId: session.customer,
      userId: session.client_reference_id,
      plan,
      now,
      trialDays,
      paymentMethodId: pm.id,
    });
    await provider.saveAndEmit(sub, "customer.subscription.created", key);
    const line =
      trialDays > 0
        ? trialLine(sub)
        : {
            description: `${plan} plan, monthly`,
            amount: PLAN_PRICES_CENTS[plan],
            proration: false,
          };
    await provider.invoiceAndCharge(sub, "subscription_create", [line], pm, `${key}:invoice`);
    session.subscription = sub.id;
  }
  session.status = "complete";
  await writeObject(env, session, session.customer);
  await emitEvent(env, "checkout.session.completed", session, session.customer, key);
  return { ok: true, redirect: session.success_url };
}

/**
 * The local test clock: moves the customer's time to the end of the current period and does
 * what Stripe does then — ends a cancelled subscription or a trial without a card, applies a
 * scheduled downgrade, and invoices the next period (a failed charge makes it past due).
 */
export async function advanceToPeriodEnd(env: Env, subscriptionId: string) {
  const sub = await readObject<LocalSubscription>(env, subscriptionId);
  if (!sub) throw new AppError(404, "not_found", "Subscription not found");
  if (sub.status === "canceled") return { status: sub.status };
  const provider = new LocalProvider(env);
  const item = sub.items.data[0]!;
  const end = item.current_period_end;
  await advanceClockTo(env, sub.customer, end + 1);

  const pm = await provider.defaultCard(sub);
  if (sub.cancel_at_period_end) {
    await provider.endSubscription(sub, "cancellation_requested", null);
    return { status: sub.status };
  }
  if (sub.status === "trialing" && !pm) {
    sub.metadata.ended_reason = "trial_expired";
    await provider.endSubscription(sub, "cancellation_requested", null);
    return { status: sub.status };
  }
  const pending = sub.metadata.pending_plan;
  if (pending && isPlan(pending) && pending !== "free") item.price = priceObject(pending);
  sub.metadata.pending_plan = "";
  item.current_period_start = end;
  item.current_period_end = end + LOCAL_PERIOD_SECONDS;
  const plan = planOfSubscription(sub);
  const lines = [
    { description: `${plan} plan, monthly`, amount: PLAN_PRICES_CENTS[plan], proration: false },
  ];
  const discount = await discountLine(env, sub, PLAN_PRICES_CENTS[plan], end);
  if (discount) lines.push(discount);
  const succeeds = pm !== null && chargesSucceed(pm);
  // Stripe moves the subscription first (active, or past due when the renewal fails),
  // then reports the invoice's outcome.
  sub.status = succeeds ? "active" : "past_due";
  await provider.saveAndEmit(sub, "customer.subscription.updated");
  await provider.invoiceAndCharge(sub, "subscription_cycle", lines, pm, null);
  return { status: sub.status };
}
