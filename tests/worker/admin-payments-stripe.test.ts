import { describe, expect, it } from "vitest";
import { PAYMENTS, stripeAdminKit } from "./admin-payments-support";
import { STRIPE_PRICES, useStripeMode } from "./billing-stripe-harness";
import { customerIdOf, newPerson, type Person } from "./billing-support";
import { bearerFor, countRows } from "./helpers";

/**
 * The admin Payments section's actions in Stripe mode (README "Admin: payments"): what the SDK
 * asks of the fake api.stripe.com (billing-stripe-fake.ts), what Stripe refuses, and the mirror
 * once Stripe's signed events arrive. The local provider's side: admin-payments.test.ts.
 */

describe("admin payments in Stripe mode", () => {
  const mode = useStripeMode();

  const { deliver, adminSend, paidStripeInvoice } = stripeAdminKit(mode);

  const refundedOf = async (person: Person, invoiceId: string) =>
    (await mode.send(`/api/invoices/${invoiceId}`, { headers: person.headers })).body.data
      .amount_refunded;

  it("refunds through refunds.create with the invoice's PaymentIntent; charge.refunded sets the record", async () => {
    const { person, invoice, charge } = await paidStripeInvoice();
    const admin = await bearerFor("billing_admin");
    const request = { amount_cents: 1000, reason: "duplicate", note: "Charged twice" };
    const first = await adminSend(
      admin.headers,
      `/invoices/${invoice.id}/refunds`,
      request,
      "stripe-refund-1",
    );
    expect(first.status).toBe(202);
    expect(mode.stripe.to("POST", "/v1/refunds")).toEqual([
      {
        method: "POST",
        path: "/v1/refunds",
        params: {
          payment_intent: charge.payment_intent as string,
          amount: "1000",
          reason: "duplicate",
          "metadata[invoice_id]": invoice.id,
          "metadata[requested_by]": `user:${admin.id}`,
        },
        idempotencyKey: expect.stringMatching(/stripe-refund-1$/),
      },
    ]);
    // the note is ours alone, and nothing changes before Stripe's event
    expect(await refundedOf(person, invoice.id)).toBe(0);
    await deliver("charge.refunded", mode.stripe.object(charge.id)!);
    expect(await refundedOf(person, invoice.id)).toBe(1000);

    const again = await adminSend(
      admin.headers,
      `/invoices/${invoice.id}/refunds`,
      request,
      "stripe-refund-1",
    );
    expect(again.body.data.refund_id).toBe(first.body.data.refund_id);
    expect(mode.stripe.to("POST", "/v1/refunds")).toHaveLength(1);

    // past the mirror's paid − refunded: refused before Stripe is asked
    const over = await adminSend(admin.headers, `/invoices/${invoice.id}/refunds`, {
      amount_cents: 2000,
      reason: "duplicate",
    });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("refund_exceeds_paid");
    expect(mode.stripe.to("POST", "/v1/refunds")).toHaveLength(1);

    // Stripe's own refusal counts a refund whose event has not arrived yet
    expect(
      (
        await adminSend(admin.headers, `/invoices/${invoice.id}/refunds`, {
          amount_cents: 1500,
          reason: "fraudulent",
        })
      ).status,
    ).toBe(202);
    const late = await adminSend(admin.headers, `/invoices/${invoice.id}/refunds`, {
      amount_cents: 1000,
      reason: "fraudulent",
    });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("refund_exceeds_paid");
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'payment.refunded'",
        invoice.id,
      ),
    ).toBe(2);
  });

  it("retries a failed payment with invoices.pay; the paid event settles the record", async () => {
    const { person, invoice } = await paidStripeInvoice("open");
    const admin = await bearerFor("billing_admin");
    const retried = await adminSend(
      admin.headers,
      `/invoices/${invoice.id}/payment-retry`,
      undefined,
      "retry-key-1",
    );
    expect(retried.status).toBe(202);
    expect(retried.body.data).toEqual({ invoice_id: invoice.id, paid: true, message: null });
    expect(mode.stripe.to("POST", `/v1/invoices/${invoice.id}/pay`)).toEqual([
      expect.objectContaining({ idempotencyKey: expect.stringMatching(/retry-key-1$/) }),
    ]);
    await deliver("invoice.payment_succeeded", mode.stripe.object(invoice.id)!);
    expect(
      (await mode.send(`/api/invoices/${invoice.id}`, { headers: person.headers })).body.data
        .status,
    ).toBe("paid");
    // paid now: nothing to retry
    expect(
      (await adminSend(admin.headers, `/invoices/${invoice.id}/payment-retry`, undefined)).status,
    ).toBe(409);
  });

  it("cancels now and extends a trial with the subscription calls Stripe takes", async () => {
    const { invoice } = await paidStripeInvoice();
    const subId = (invoice.parent as { subscription_details: { subscription: string } })
      .subscription_details.subscription;
    const admin = await bearerFor("billing_admin");
    // active, not trialing: no trial to extend
    expect(
      (await adminSend(admin.headers, `/subscriptions/${subId}/trial-extension`, { days: 3 }))
        .status,
    ).toBe(409);

    // in a trial (as Stripe would report one): trial_end moves, nothing prorated
    const held = mode.stripe.object<{ status: string; trial_end: number | null }>(subId)!;
    const trialEnd = Math.floor(Date.now() / 1000) + 5 * 86_400;
    Object.assign(held, { status: "trialing", trial_end: trialEnd });
    await deliver("customer.subscription.updated", mode.stripe.object(subId)!);
    const extended = await adminSend(
      admin.headers,
      `/subscriptions/${subId}/trial-extension`,
      { days: 3 },
      "trial-key-1",
    );
    expect(extended.status).toBe(202);
    expect(mode.stripe.to("POST", `/v1/subscriptions/${subId}`)).toEqual([
      expect.objectContaining({
        params: { trial_end: String(trialEnd + 3 * 86_400), proration_behavior: "none" },
        idempotencyKey: expect.stringMatching(/trial-key-1$/),
      }),
    ]);
    await deliver("customer.subscription.updated", mode.stripe.object(subId)!);
    const trial = await mode.send(`${PAYMENTS}/subscriptions/${subId}`, { headers: admin.headers });
    expect(Date.parse(trial.body.data.subscription.trial_end)).toBe((trialEnd + 3 * 86_400) * 1000);

    const cancel = await adminSend(admin.headers, `/subscriptions/${subId}/actions`, {
      action: "cancel_now",
    });
    expect(cancel.status).toBe(202);
    expect(mode.stripe.to("DELETE", `/v1/subscriptions/${subId}`)).toHaveLength(1);
    await deliver("customer.subscription.deleted", mode.stripe.object(subId)!);
    const detail = await mode.send(`${PAYMENTS}/subscriptions/${subId}`, {
      headers: admin.headers,
    });
    expect(detail.body.data.subscription.status).toBe("canceled");
  });

  it("forces a plan change with always_invoice or none, and a declined card changes nothing", async () => {
    const { invoice } = await paidStripeInvoice();
    const subId = (invoice.parent as { subscription_details: { subscription: string } })
      .subscription_details.subscription;
    const itemId = mode.stripe.object<{ items: { data: { id: string }[] } }>(subId)!.items.data[0]!
      .id;
    const admin = await bearerFor("billing_admin");
    const planOf = async () =>
      (await mode.send(`${PAYMENTS}/subscriptions/${subId}`, { headers: admin.headers })).body.data
        .subscription.plan;

    const up = await adminSend(
      admin.headers,
      `/subscriptions/${subId}/plan-change`,
      { plan: "enterprise", prorate: true },
      "plan-key-1",
    );
    expect(up.status).toBe(202);
    expect(mode.stripe.to("POST", `/v1/subscriptions/${subId}`)).toEqual([
      expect.objectContaining({
        params: {
          "items[0][id]": itemId,
          "items[0][price]": STRIPE_PRICES.enterprise,
          proration_behavior: "always_invoice",
          payment_behavior: "error_if_incomplete",
          "metadata[pending_plan]": "",
        },
        idempotencyKey: expect.stringMatching(/plan-key-1$/),
      }),
    ]);
    // nothing changes before Stripe's event says so
    expect(await planOf()).toBe("premium");
    await deliver("customer.subscription.updated", mode.stripe.object(subId)!);
    expect(await planOf()).toBe("enterprise");

    const down = await adminSend(admin.headers, `/subscriptions/${subId}/plan-change`, {
      plan: "standard",
      prorate: false,
    });
    expect(down.status).toBe(202);
    expect(mode.stripe.to("POST", `/v1/subscriptions/${subId}`)[1]?.params).toEqual({
      "items[0][id]": itemId,
      "items[0][price]": STRIPE_PRICES.standard,
      proration_behavior: "none",
      "metadata[pending_plan]": "",
    });
    await deliver("customer.subscription.updated", mode.stripe.object(subId)!);
    expect(await planOf()).toBe("standard");

    // a refused card for the prorated charge: 402, and Stripe left the plan as it was
    const customer = mode.stripe.object<{ customer: string }>(subId)!.customer;
    const declining = mode.stripe.addCard(customer, "visa", "0341", { declines: true });
    Object.assign(mode.stripe.object(subId)!, { default_payment_method: declining.id });
    const refused = await adminSend(admin.headers, `/subscriptions/${subId}/plan-change`, {
      plan: "premium",
      prorate: true,
    });
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe("payment_failed");
    expect(
      mode.stripe.object<{ items: { data: { price: { id: string } }[] } }>(subId)!.items.data[0]!
        .price.id,
    ).toBe(STRIPE_PRICES.standard);
  });

  it("applies a coupon: coupons.create, then discounts on the subscription", async () => {
    const { invoice } = await paidStripeInvoice();
    const subId = (invoice.parent as { subscription_details: { subscription: string } })
      .subscription_details.subscription;
    const admin = await bearerFor("billing_admin");
    const applied = await adminSend(
      admin.headers,
      `/subscriptions/${subId}/coupon`,
      { amount_off_cents: 500, duration: "repeating", duration_in_months: 3 },
      "coupon-key-1",
    );
    expect(applied.status).toBe(202);
    const [created] = mode.stripe.to("POST", "/v1/coupons");
    expect(created).toEqual({
      method: "POST",
      path: "/v1/coupons",
      params: {
        amount_off: "500",
        currency: "usd",
        duration: "repeating",
        duration_in_months: "3",
        max_redemptions: "1",
        "metadata[subscription_id]": subId,
        "metadata[requested_by]": `user:${admin.id}`,
      },
      idempotencyKey: expect.stringMatching(/coupon-key-1:coupon$/),
    });
    const couponId = applied.body.data.coupon_id as string;
    expect(mode.stripe.object<{ object: string }>(couponId)?.object).toBe("coupon");
    expect(mode.stripe.to("POST", `/v1/subscriptions/${subId}`)).toEqual([
      expect.objectContaining({
        params: { "discounts[0][coupon]": couponId },
        idempotencyKey: expect.stringMatching(/coupon-key-1$/),
      }),
    ]);
    await deliver("customer.subscription.updated", mode.stripe.object(subId)!);
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'subscription.coupon_applied'",
        subId,
      ),
    ).toBe(1);
  });

  it("starts a subscription with subscriptions.create: send_invoice, or charged with error_if_incomplete", async () => {
    const admin = await bearerFor("billing_admin");
    const person = await newPerson();
    const sent = await adminSend(
      admin.headers,
      "/subscriptions",
      { user_id: person.userId, plan: "premium", collection: "send", days_until_due: 10 },
      "create-key-1",
    );
    expect(sent.status).toBe(202);
    const customerId = (await customerIdOf(person.userId))!;
    expect(mode.stripe.to("POST", "/v1/subscriptions")).toEqual([
      expect.objectContaining({
        params: {
          customer: customerId,
          "items[0][price]": STRIPE_PRICES.premium,
          collection_method: "send_invoice",
          days_until_due: "10",
          "metadata[user_id]": person.userId,
        },
        idempotencyKey: expect.stringMatching(/create-key-1$/),
      }),
    ]);
    const subId = sent.body.data.subscription_id as string;
    await deliver("customer.subscription.created", mode.stripe.object(subId)!);
    const detail = await mode.send(`${PAYMENTS}/subscriptions/${subId}`, {
      headers: admin.headers,
    });
    expect(detail.body.data.subscription).toMatchObject({ plan: "premium", status: "active" });

    // charged now: a declining card refuses it and nothing is made
    const payer = await newPerson();
    await mode.post(payer, "/api/subscription/checkout", { plan: "standard" });
    const payerCustomer = (await customerIdOf(payer.userId))!;
    const card = mode.stripe.addCard(payerCustomer, "visa", "0341", { declines: true });
    Object.assign(mode.stripe.object(payerCustomer)!, {
      invoice_settings: { default_payment_method: card.id },
    });
    const refused = await adminSend(admin.headers, "/subscriptions", {
      user_id: payer.userId,
      plan: "standard",
      collection: "charge",
    });
    expect(refused.status).toBe(402);
    expect(mode.stripe.to("POST", "/v1/subscriptions")[1]?.params).toMatchObject({
      collection_method: "charge_automatically",
      payment_behavior: "error_if_incomplete",
    });
  });
});
