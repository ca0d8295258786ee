import { describe, expect, it } from "vitest";
import { customerOfObject, parseCustomer } from "../../core/billing/stripe-objects";

describe("parseCustomer", () => {
  const customer = (defaultPaymentMethod: unknown) => ({
    id: "cus_123",
    object: "customer",
    email: "ada@example.test",
    invoice_settings: { custom_fields: null, default_payment_method: defaultPaymentMethod },
  });

  it("reads the default card as an id, an expanded object, or none", () => {
    expect(parseCustomer(customer("pm_1"))).toEqual({
      id: "cus_123",
      defaultPaymentMethodId: "pm_1",
    });
    expect(
      parseCustomer(customer({ id: "pm_2", object: "payment_method", card: { last4: "4242" } })),
    ).toEqual({ id: "cus_123", defaultPaymentMethodId: "pm_2" });
    expect(parseCustomer(customer(null)).defaultPaymentMethodId).toBeNull();
    expect(parseCustomer({ id: "cus_9", object: "customer" }).defaultPaymentMethodId).toBeNull();
  });

  it("refuses what is not a customer", () => {
    expect(() => parseCustomer({ id: "pm_1", object: "payment_method" })).toThrow();
    expect(() => parseCustomer(customer(42))).toThrow();
  });
});

describe("customerOfObject", () => {
  it("is a customer's own id, or the customer another object names", () => {
    expect(customerOfObject({ id: "cus_123", object: "customer" })).toBe("cus_123");
    expect(customerOfObject({ id: "sub_1", object: "subscription", customer: "cus_4" })).toBe(
      "cus_4",
    );
    expect(customerOfObject({ id: "in_1", object: "invoice", customer: { id: "cus_5" } })).toBe(
      "cus_5",
    );
    expect(customerOfObject({ id: "dp_1", object: "dispute", charge: { customer: "cus_6" } })).toBe(
      "cus_6",
    );
    expect(customerOfObject({ id: "pm_1", object: "payment_method", customer: null })).toBeNull();
  });
});
