import { describe, expect, it } from "vitest";
import {
  cardBrandName,
  paymentMethodExpiry,
  paymentMethodName,
  paymentMethodTypeName,
} from "../../core/billing/payment-method-label";
import { parsePaymentMethod } from "../../core/billing/stripe-payment-method";
import { stripeFixture } from "../worker/stripe-fixtures";

/** The API's shape of a payment method, as `GET /api/payment-methods` answers it. */
const fromApi = (object: Record<string, unknown>) => {
  const pm = parsePaymentMethod(object);
  return {
    type: pm.type,
    brand: pm.brand,
    last4: pm.last4,
    exp_month: pm.expMonth,
    exp_year: pm.expYear,
    wallet: pm.wallet,
    bank_name: pm.bankName,
    email: pm.email,
  };
};

const ofType = (type: string, details: Record<string, unknown>) =>
  stripeFixture("payment_method", { type, card: null, ...details });

describe("paymentMethodName", () => {
  it("names a card by brand and last four, with its expiry apart", () => {
    const visa = { type: "card", brand: "visa", last4: "4242", exp_month: 12, exp_year: 2040 };
    expect(paymentMethodName(visa)).toBe("Visa ending 4242");
    expect(paymentMethodExpiry(visa)).toBe("12/2040");
    expect(paymentMethodExpiry({ ...visa, exp_month: 3 })).toBe("03/2040");
    expect(paymentMethodName({ type: "card", brand: "amex", last4: "0005" })).toBe(
      "American Express ending 0005",
    );
    expect(paymentMethodName({ type: "card", brand: "unknown", last4: "1111" })).toBe(
      "Card ending 1111",
    );
  });

  it("says which wallet a card is kept in (Stripe's fixture is a Visa in Link)", () => {
    const pm = fromApi(stripeFixture("payment_method"));
    expect(paymentMethodName(pm)).toBe("Visa ending 4242 (Link)");
    expect(paymentMethodExpiry(pm)).toBe("08/2030");
    expect(paymentMethodName({ ...pm, wallet: "apple_pay" })).toBe("Visa ending 4242 (Apple Pay)");
  });

  it("names bank accounts by bank and last four, Link by its email, and has no expiry for them", () => {
    const bank = fromApi(
      ofType("us_bank_account", {
        us_bank_account: { bank_name: "STRIPE TEST BANK", last4: "6789", routing_number: "1" },
      }),
    );
    expect(paymentMethodName(bank)).toBe("Bank account · STRIPE TEST BANK ending 6789");
    expect(paymentMethodExpiry(bank)).toBeNull();
    expect(paymentMethodName({ type: "us_bank_account", last4: "6789" })).toBe(
      "Bank account ending 6789",
    );
    const link = fromApi(ofType("link", { link: { email: "jenny@example.com" } }));
    expect(paymentMethodName(link)).toBe("Link · jenny@example.com");
    expect(paymentMethodName({ type: "link" })).toBe("Link");
    const sepa = fromApi(ofType("sepa_debit", { sepa_debit: { country: "DE", last4: "3000" } }));
    expect(paymentMethodName(sepa)).toBe("SEPA Direct Debit ending 3000");
    expect(paymentMethodName({ type: "bacs_debit", last4: "2345" })).toBe(
      "Bacs Direct Debit ending 2345",
    );
    expect(paymentMethodName({ type: "au_becs_debit", last4: "3456" })).toBe(
      "BECS Direct Debit ending 3456",
    );
  });

  it("names other types by their type, and a type it does not know in words", () => {
    expect(paymentMethodName(fromApi(ofType("cashapp", { cashapp: { cashtag: "$jenny" } })))).toBe(
      "Cash App Pay",
    );
    expect(
      paymentMethodName(fromApi(ofType("paypal", { paypal: { payer_email: "j@example.com" } }))),
    ).toBe("PayPal");
    expect(paymentMethodName({ type: "klarna" })).toBe("Klarna");
    expect(paymentMethodName(fromApi(ofType("stripe_future_wallet", {})))).toBe(
      "Stripe future wallet",
    );
    expect(paymentMethodTypeName("us_bank_account")).toBe("Bank account");
    expect(cardBrandName("some_new_network")).toBe("Some new network");
  });

  it("reads an entry from before types were recorded (brand and last four only) as a card", () => {
    expect(paymentMethodName({ brand: "mastercard", last4: "4444" })).toBe(
      "Mastercard ending 4444",
    );
    expect(paymentMethodName({ type: null, brand: null, last4: null })).toBe("Card");
  });
});

describe("parsePaymentMethod", () => {
  it("keeps every type, with null for what the type does not have", () => {
    expect(
      parsePaymentMethod(ofType("acss_debit", { acss_debit: { bank_name: "TD", last4: "6789" } })),
    ).toMatchObject({ type: "acss_debit", bankName: "TD", last4: "6789", brand: null });
    expect(parsePaymentMethod(ofType("paypal", {}))).toMatchObject({
      type: "paypal",
      last4: null,
      email: null,
      expMonth: null,
    });
  });

  it("does not fail on a sub-object of an unexpected shape, or a card without details", () => {
    expect(
      parsePaymentMethod(ofType("future", { future: { last4: 42, email: { at: "x" } } })),
    ).toMatchObject({ type: "future", last4: null, email: null });
    expect(parsePaymentMethod(ofType("card", {}))).toMatchObject({
      type: "card",
      brand: null,
      last4: null,
    });
    // an object that names no type but has a card (an older local copy) is a card
    const { type: _type, ...untyped } = stripeFixture("payment_method") as Record<string, unknown>;
    expect(parsePaymentMethod(untyped)).toMatchObject({ type: "card", last4: "4242" });
  });

  it("still refuses what is not a payment method", () => {
    expect(() => parsePaymentMethod({ id: "cus_1", object: "customer", type: "card" })).toThrow();
    expect(() => parsePaymentMethod({ object: "payment_method", type: "card" })).toThrow();
  });
});
