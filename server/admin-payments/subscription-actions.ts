import type {
  PaymentRetryResult,
  SubscriptionActionRequest,
  SubscriptionActionResult,
  TrialExtensionRequest,
} from "../../core/contract/admin-payments";
import type { Actor } from "../actor";
import { billingProvider } from "../billing/provider";
import type { Env } from "../env";
import { conflict } from "../errors";
import { recordAudit } from "../ops/audit";
import { requireInvoice } from "./invoices";
import { requireSubscription } from "./subscriptions";

/**
 * What an admin may ask the billing provider to do to a subscription (README "Admin: payments").
 * Each call carries the request's idempotency key on to the provider and is audited; the
 * subscription's mirror changes only when the provider's event is applied.
 */

const ENDED = ["canceled", "incomplete_expired"];

async function liveSubscription(env: Env, id: string) {
  const sub = await requireSubscription(env, id);
  if (ENDED.includes(sub.status)) throw conflict("The subscription has already ended");
  return sub;
}

export async function actOnSubscription(
  env: Env,
  actor: Actor,
  input: { subscriptionId: string; request: SubscriptionActionRequest },
  providerKey: string,
): Promise<SubscriptionActionResult> {
  const sub = await liveSubscription(env, input.subscriptionId);
  const provider = await billingProvider(env);
  const { action } = input.request;
  if (action === "cancel_now") await provider.cancelNow(sub.id, providerKey);
  else await provider.setCancelAtPeriodEnd(sub.id, action === "cancel_at_period_end", providerKey);
  await recordAudit(env, actor, {
    action: `subscription.${action}`,
    resourceType: "subscription",
    resourceId: sub.id,
    details: { user_id: sub.userId, note: input.request.note || null },
  });
  return { subscription_id: sub.id, action };
}

export async function extendTrial(
  env: Env,
  actor: Actor,
  input: { subscriptionId: string; request: TrialExtensionRequest },
  providerKey: string,
): Promise<SubscriptionActionResult> {
  const sub = await liveSubscription(env, input.subscriptionId);
  if (sub.status !== "trialing" || sub.trialEnd === null)
    throw conflict("Only a subscription in its trial can have the trial extended");
  const trialEnd = sub.trialEnd + input.request.days * 86_400;
  await (await billingProvider(env)).extendTrial({ subscriptionId: sub.id, trialEnd }, providerKey);
  await recordAudit(env, actor, {
    action: "subscription.trial_extended",
    resourceType: "subscription",
    resourceId: sub.id,
    details: {
      user_id: sub.userId,
      days: input.request.days,
      from: sub.trialEnd,
      to: trialEnd,
      note: input.request.note || null,
    },
  });
  return { subscription_id: sub.id, action: "extend_trial" };
}

/** Charges an open invoice again with the account's default card (a failed payment's retry). */
export async function retryPayment(
  env: Env,
  actor: Actor,
  invoiceId: string,
  providerKey: string,
): Promise<PaymentRetryResult> {
  const { invoice } = await requireInvoice(env, invoiceId);
  if (invoice.status !== "open") throw conflict(`The invoice is ${invoice.status}, not open`);
  const result = await (await billingProvider(env)).payInvoice(
    { invoiceId, paymentMethodId: null },
    providerKey,
  );
  await recordAudit(env, actor, {
    action: "payment.retried",
    resourceType: "invoice",
    resourceId: invoiceId,
    details: { user_id: invoice.userId, paid: result.paid, message: result.message },
  });
  return { invoice_id: invoiceId, paid: result.paid, message: result.message };
}
