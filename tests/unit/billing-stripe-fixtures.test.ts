import { describe, expect, it } from "vitest";
import {
  invoiceOfInvoicePayment,
  parseCharge,
  parseCheckoutSession,
  parseCustomer,
  parseInvoice,
  parseSubscription,
  savedPaymentMethod,
  stripeEventSchema,
} from "../../core/billing/stripe-objects";
import { stripeFixture } from "../worker/stripe-fixtures";

/** The parsers on Stripe's own published objects (tests/fixtures/stripe/), as they come. */
describe("billing reads Stripe's published fixtures", () => {
  it("a subscription: the period from its item, the price, the customer", () => {
    const fixture = stripeFixture("subscription");
    const snap = parseSubscription(fixture);
    const item = (fixture.items as { data: Record<string, unknown>[] }).data[0]!;
    expect(snap).toMatchObject({
      id: fixture.id,
      customerId: fixture.customer,
      priceId: (item.price as { id: string }).id,
      currentPeriodStart: item.current_period_start,
      currentPeriodEnd: item.current_period_end,
    });
  });

  it("an invoice: its subscription under parent, and a line prorated as an invoice item", () => {
    const fixture = stripeFixture("invoice");
    const snap = parseInvoice(fixture);
    expect(snap.subscriptionId).toBe("subscription");
    // the fixture's line is `invoice_item_details` with proration: true
    expect(snap.lines).toEqual([
      {
        description: "My First Invoice Item (created for API docs)",
        amount: 1000,
        proration: true,
      },
    ]);
    const notProrated = stripeFixture("invoice", {
      lines: {
        data: [
          {
            ...(fixture.lines as { data: Record<string, unknown>[] }).data[0],
            parent: {
              type: "invoice_item_details",
              invoice_item_details: { invoice_item: "ii_1", proration: false },
              // the other kind's details say otherwise: the type decides which is read
              subscription_item_details: { proration: true },
            },
          },
        ],
      },
    });
    expect(parseInvoice(notProrated).lines[0]!.proration).toBe(false);
  });

  it("a charge: no invoice since 2025-03-31, its PaymentIntent instead", () => {
    const charge = parseCharge(stripeFixture("charge", { payment_intent: "pi_123" }));
    expect(charge).toMatchObject({ paymentIntentId: "pi_123", invoiceId: null, amountRefunded: 0 });
    // an event of an older version still names the invoice
    expect(parseCharge(stripeFixture("charge", { invoice: "in_old" })).invoiceId).toBe("in_old");
  });

  it("an invoice payment names the invoice it paid", () => {
    expect(invoiceOfInvoicePayment(stripeFixture("invoice_payment", { invoice: "in_9" }))).toBe(
      "in_9",
    );
  });

  it("a checkout session, a setup intent, a customer and the event envelope", () => {
    expect(parseCheckoutSession(stripeFixture("checkout.session")).mode).toBe("payment");
    expect(savedPaymentMethod(stripeFixture("setup_intent"))).toBeNull();
    expect(
      savedPaymentMethod(
        stripeFixture("setup_intent", { status: "succeeded", payment_method: "pm_1" }),
      ),
    ).toBe("pm_1");
    expect(parseCustomer(stripeFixture("customer")).defaultPaymentMethodId).toBeNull();
    const event = stripeEventSchema.parse({
      ...stripeFixture("event"),
      api_version: "2026-10-28.endive",
    });
    expect(event.api_version).toBe("2026-10-28.endive");
  });
});
