import { z } from "zod";

/**
 * Stripe's PaymentMethod, of any `type`: a card, a bank debit (us_bank_account, sepa_debit,
 * bacs_debit, au_becs_debit, acss_debit, …), Link, a wallet such as Cash App or PayPal, or a
 * type Stripe adds later. A customer can get any of them outside this app (the Dashboard,
 * a Checkout page offering more types), and an event that fails to apply holds back that
 * customer's later events, so nothing here may require a card: what a type does not have is
 * null, and a type we do not know parses to its type alone.
 */

/** A string field read leniently: a missing, null or oddly shaped value is null. */
const text = z.string().nullish().catch(null);
const whole = z.number().int().nullish().catch(null);

const cardSchema = z
  .object({
    brand: text,
    last4: text,
    exp_month: whole,
    exp_year: whole,
    fingerprint: text,
    wallet: z.object({ type: text }).loose().nullish().catch(null),
  })
  .loose();

/**
 * What the type's own sub-object (`pm[pm.type]`) says that names it to its owner: bank debits
 * carry `last4` and most US/CA/NZ ones `bank_name`, Link an `email`. Types with none of these
 * (cashapp, paypal, klarna, …) are named by their type.
 */
const detailsSchema = z.object({ last4: text, bank_name: text, email: text }).loose();

const paymentMethodSchema = z
  .object({
    id: z.string().min(1),
    object: z.literal("payment_method"),
    type: z.string().min(1).optional(),
    card: z.unknown().optional(),
    customer: z
      .union([z.string(), z.object({ id: z.string() }).loose()])
      .transform((value) => (typeof value === "string" ? value : value.id))
      .nullish(),
  })
  .loose();

export interface PaymentMethodSnapshot {
  id: string;
  customerId: string | null;
  /** Stripe's `PaymentMethod.type`, kept as sent (new types included). */
  type: string;
  /** Cards: network brand (visa, mastercard, …). */
  brand: string | null;
  /** Cards and bank debits: last four digits of the card or account. */
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  /** Cards: Stripe's `card.fingerprint`, the same for one card number in every account. */
  fingerprint: string | null;
  /** A card kept in a wallet: `card.wallet.type` (apple_pay, google_pay, link, …). */
  wallet: string | null;
  /** Bank accounts: the bank's name, when Stripe knows it. */
  bankName: string | null;
  /** Link: the account's email address. */
  email: string | null;
}

export function parsePaymentMethod(object: unknown): PaymentMethodSnapshot {
  const pm = paymentMethodSchema.parse(object);
  // Stripe always sends `type`; an object without one (an older local copy) is a card if it has one.
  const type = pm.type ?? (pm.card ? "card" : "unknown");
  const own = Object.hasOwn(pm, type) ? (pm as Record<string, unknown>)[type] : null;
  const parsed = detailsSchema.safeParse(own);
  const details = parsed.success ? parsed.data : null;
  const parsedCard = type === "card" ? cardSchema.safeParse(pm.card) : null;
  const card = parsedCard?.success ? parsedCard.data : null;
  return {
    id: pm.id,
    customerId: pm.customer ?? null,
    type,
    brand: card?.brand ?? null,
    last4: details?.last4 ?? null,
    expMonth: card?.exp_month ?? null,
    expYear: card?.exp_year ?? null,
    fingerprint: card?.fingerprint ?? null,
    wallet: card?.wallet?.type ?? null,
    bankName: details?.bank_name ?? null,
    email: details?.email ?? null,
  };
}
