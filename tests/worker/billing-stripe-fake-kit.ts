import { stripeFixture } from "./stripe-fixtures";

/**
 * What the fake api.stripe.com's modules share (billing-stripe-fake.ts): Stripe's answers and
 * refusals, its form encoding, and the fake's state — the objects Stripe holds, by id.
 */

export type StripeObject = Record<string, unknown> & { id: string };

export type Item = {
  id: string;
  price: { id: string };
  current_period_start: number;
  current_period_end: number;
};
export type Subscription = StripeObject & {
  items: { data: Item[] };
  metadata: Record<string, string>;
};

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Request-Id": `req_${crypto.randomUUID()}` },
  });

export const stripeError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  json({ error: { type: "invalid_request_error", message, ...extra } }, status);

/** What Stripe answers when a card is refused (the SDK makes it a `StripeCardError`). */
export const cardDeclined = () =>
  stripeError(402, "Your card was declined.", {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
  });

/** `metadata[plan]=standard` → `{ plan: "standard" }`. */
export const nested = (params: Record<string, string>, name: string) =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const match = key.match(new RegExp(`^${name.replace(/[[\]]/g, "\\$&")}\\[(\\w+)\\]$`));
      return match ? [[match[1]!, value]] : [];
    }),
  );

/** The fake's state, as each resource's handlers use it. */
export interface FakeState {
  objects: Map<string, StripeObject>;
  /** Cards every charge to which is declined. */
  declining: Set<string>;
  newId: (prefix: string) => string;
  /** The next number of the fake's sequence (invoice numbers), and the current one. */
  bump: () => number;
  counter: () => number;
  now: () => number;
  save: <T extends StripeObject>(object: T) => T;
  /** The card Stripe would charge for a subscription or an invoice of `customer`. */
  chargedCard: (customer: string, named?: unknown) => string | null;
}

/** A Stripe object built from its published fixture (tests/fixtures/stripe/). */
export { stripeFixture };
