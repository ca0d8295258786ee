/**
 * Stripe's published test cards the local checkout accepts, and the matching test
 * PaymentMethod tokens (`pm_card_…`) that work against Stripe's test mode as well, so the
 * API and tests read the same in both modes.
 */
/** `disputed`: the charge succeeds, then the cardholder disputes it as fraudulent. */
export type CardBehaviour = "succeeds" | "disputed" | "fails_on_charge" | "declines";

export interface TestCard {
  number: string;
  brand: string;
  behaviour: CardBehaviour;
  /** What the card network says when it refuses. */
  declineMessage: string | null;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: "4242424242424242", brand: "visa", behaviour: "succeeds", declineMessage: null },
  {
    number: "5555555555554444",
    brand: "mastercard",
    behaviour: "succeeds",
    declineMessage: null,
  },
  {
    number: "4000000000000259",
    brand: "visa",
    behaviour: "disputed",
    declineMessage: null,
  },
  {
    number: "4000000000000341",
    brand: "visa",
    behaviour: "fails_on_charge",
    declineMessage: "Your card was declined.",
  },
  {
    number: "4000000000009995",
    brand: "visa",
    behaviour: "declines",
    declineMessage: "Your card has insufficient funds.",
  },
];

/** Stripe's test PaymentMethod tokens for the same cards. */
export const TEST_PAYMENT_METHOD_TOKENS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_mastercard: "5555555555554444",
  pm_card_createDispute: "4000000000000259",
  pm_card_chargeCustomerFail: "4000000000000341",
  pm_card_visa_chargeDeclinedInsufficientFunds: "4000000000009995",
};

export const normaliseCardNumber = (input: string) => input.replace(/[\s-]/g, "");

export function findTestCard(numberOrToken: string): TestCard | null {
  const number = TEST_PAYMENT_METHOD_TOKENS[numberOrToken] ?? normaliseCardNumber(numberOrToken);
  return TEST_CARDS.find((card) => card.number === number) ?? null;
}
