import charge from "../fixtures/stripe/charge.json";
import checkoutSession from "../fixtures/stripe/checkout.session.json";
import customer from "../fixtures/stripe/customer.json";
import dispute from "../fixtures/stripe/dispute.json";
import event from "../fixtures/stripe/event.json";
import invoice from "../fixtures/stripe/invoice.json";
import invoicePayment from "../fixtures/stripe/invoice_payment.json";
import paymentIntent from "../fixtures/stripe/payment_intent.json";
import paymentMethod from "../fixtures/stripe/payment_method.json";
import setupIntent from "../fixtures/stripe/setup_intent.json";
import subscription from "../fixtures/stripe/subscription.json";
import subscriptionSchedule from "../fixtures/stripe/subscription_schedule.json";

/**
 * Stripe's own published objects (tests/fixtures/stripe/, copied verbatim from
 * stripe/openapi's fixtures3.json; source.json names the commit), so billing is tested on
 * the shapes Stripe sends rather than on ones we wrote ourselves. A test takes a fresh copy
 * and sets what its case is about: ids, links between objects, amounts, statuses.
 */
const FIXTURES = {
  charge,
  "checkout.session": checkoutSession,
  customer,
  dispute,
  event,
  invoice,
  invoice_payment: invoicePayment,
  payment_intent: paymentIntent,
  payment_method: paymentMethod,
  setup_intent: setupIntent,
  subscription,
  subscription_schedule: subscriptionSchedule,
};
export type StripeFixture = keyof typeof FIXTURES;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Objects merge key by key; anything else (arrays included) replaces what was there. */
function merge(base: Json, changes: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  }
  return out;
}

/** A fresh copy of Stripe's fixture for `name`, with `changes` merged in. */
export function stripeFixture<T extends Json = Json & { id: string }>(
  name: StripeFixture,
  changes: Json = {},
): T {
  return merge(structuredClone(FIXTURES[name]) as Json, changes) as T;
}
