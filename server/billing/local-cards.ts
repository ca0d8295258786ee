import type { CardExpiry } from "../../core/billing/card-expiry";
import { type PaymentMethodSnapshot, parsePaymentMethod } from "../../core/billing/stripe-objects";
import { findTestCard } from "../../core/billing/test-cards";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import {
  cardFingerprint,
  type LocalCustomer,
  type LocalPaymentMethod,
  type LocalSubscription,
  newPaymentMethod,
} from "./local-objects";
import { clockNow, emitEvent, readObject, requireObject, writeObject } from "./local-store";
import { paymentFailed } from "./provider";

/**
 * The local provider's cards (README "Billing"), kept out of local-provider.ts: Stripe's test
 * cards attached, detached and made the customer's default, each reported as Stripe reports it.
 */

export async function attachPaymentMethodLocally(
  env: Env,
  input: { customerId: string; paymentMethodId: string },
  key: string,
): Promise<PaymentMethodSnapshot> {
  const card = findTestCard(input.paymentMethodId);
  if (!card || !input.paymentMethodId.startsWith("pm_card_")) {
    throw new AppError(400, "validation_failed", "Unknown payment method", [
      {
        path: ["payment_method_id"],
        message:
          "Locally, use pm_card_visa, pm_card_chargeCustomerFail or pm_card_visa_chargeDeclinedInsufficientFunds",
      },
    ]);
  }
  return parsePaymentMethod(await attachCardLocally(env, input.customerId, card.number, key));
}

/**
 * Stores and announces a card; the declining test card never attaches. `expiry` is what was
 * typed on the checkout page; cards attached by id (`pm_card_visa`) have none and get one.
 */
export async function attachCardLocally(
  env: Env,
  customerId: string,
  number: string,
  key: string,
  expiry?: CardExpiry,
): Promise<LocalPaymentMethod> {
  const card = findTestCard(number);
  if (!card) throw new AppError(400, "validation_failed", "Use one of Stripe's test card numbers");
  if (card.behaviour === "declines") throw paymentFailed(card.declineMessage);
  const pm = newPaymentMethod(
    card,
    customerId,
    await clockNow(env, customerId),
    await cardFingerprint(card.number),
    expiry,
  );
  await writeObject(env, pm, customerId);
  await emitEvent(env, "payment_method.attached", pm, customerId, key);
  await setCustomerDefault(env, customerId, pm.id, key, (current) => current === null);
  return pm;
}

export async function detachCardLocally(env: Env, paymentMethodId: string) {
  const pm = await readObject<LocalPaymentMethod>(env, paymentMethodId);
  if (!pm?.customer) throw notFound("Payment method");
  const customerId = pm.customer;
  pm.customer = null;
  await writeObject(env, pm, customerId);
  await emitEvent(env, "payment_method.detached", pm, customerId);
  // As in Stripe: a detached card stops being the customer's default, and nothing replaces it.
  await setCustomerDefault(env, customerId, null, null, (current) => current === pm.id);
}

/**
 * Sets `invoice_settings.default_payment_method` (when `when` allows it, given the current
 * one) and, like Stripe, reports a real change as `customer.updated`: the webhook consumer
 * mirrors the customer's default only from that event.
 */
export async function setCustomerDefault(
  env: Env,
  customerId: string,
  paymentMethodId: string | null,
  key: string | null,
  when: (current: string | null) => boolean = () => true,
) {
  const customer = await requireObject<LocalCustomer>(env, customerId);
  const current = customer.invoice_settings.default_payment_method;
  if (current === paymentMethodId || !when(current)) return;
  customer.invoice_settings.default_payment_method = paymentMethodId;
  await writeObject(env, customer, customerId);
  await emitEvent(env, "customer.updated", customer, customerId, key);
}

/** The card a subscription (or else its customer) is charged to, while still attached. */
export async function defaultCardOf(
  env: Env,
  sub: LocalSubscription | null,
  customerId: string,
): Promise<LocalPaymentMethod | null> {
  const customer = await readObject<LocalCustomer>(env, customerId);
  const id = sub?.default_payment_method ?? customer?.invoice_settings.default_payment_method;
  const pm = id ? await readObject<LocalPaymentMethod>(env, id) : null;
  return pm?.customer === customerId ? pm : null;
}
