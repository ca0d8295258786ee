import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  call,
  historyTypes,
  newPerson,
  payOnCheckoutPage,
  planOf,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { api, countRows } from "./helpers";

describe("local checkout with Stripe's test cards, through the webhook", () => {
  it("4242 starts Standard with its 14-day trial; the plan follows the subscription", async () => {
    const person = await newPerson();
    expect(await planOf(person.userId)).toBe("free");
    const { checkout, page } = await subscribe(person, "standard");
    expect(checkout.body.data).toMatchObject({
      mode: "subscription",
      trial_days: 14,
      amount_due_now_cents: 0,
    });
    expect(page.status).toBe(303);
    expect(page.response.headers.get("location")).toContain("/account/billing?checkout=success");

    const data = await waitForSubscription(person, (d) => d.state === "trialing");
    expect(data.plan).toBe("standard");
    expect(data.subscription).toMatchObject({
      plan: "standard",
      trial_days_left: 14,
      cancel_at_period_end: false,
    });
    expect(await planOf(person.userId)).toBe("standard");
    const cards = await call(person, "/api/payment-methods");
    expect(cards.body.data).toEqual([
      expect.objectContaining({ brand: "visa", last4: "4242", is_default: true }),
    ]);
    await waitForSubscription(person, () => true);
    const types = await historyTypes(person.userId);
    expect(types).toEqual(
      expect.arrayContaining([
        "checkout.created",
        "payment_method.added",
        "subscription.created",
        "plan.changed",
      ]),
    );
  });

  it("shows a page clearly marked as a local test checkout", async () => {
    const person = await newPerson();
    const checkout = await call(person, "/api/subscription/checkout", "POST", { plan: "premium" });
    const page = await api(new URL(checkout.body.data.checkout_url).pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Local test checkout — no real payment");
    expect(page.body).toContain("Due today: $29.99");
    expect(page.response.headers.get("content-security-policy")).toContain("form-action 'self'");
  });

  it("Premium has no trial: 4242 pays the first invoice now", async () => {
    const person = await newPerson();
    const { checkout, page } = await subscribe(person, "premium");
    expect(checkout.body.data).toMatchObject({ trial_days: 0, amount_due_now_cents: 2999 });
    expect(page.status).toBe(303);
    await waitForSubscription(person, (d) => d.state === "active" && d.plan === "premium");
    const invoices = await vi_waitInvoices(person, 1);
    expect(invoices[0]).toMatchObject({
      status: "paid",
      amount_due: 2999,
      amount_paid: 2999,
      billing_reason: "subscription_create",
    });
  });

  it("4000 0000 0000 0341 attaches the card, then the first charge fails: no subscription", async () => {
    const person = await newPerson();
    const { page } = await subscribe(person, "premium", "4000 0000 0000 0341");
    expect(page.status).toBe(402);
    expect(page.body).toContain("Your card was declined.");
    await waitForCards(person, 1);
    const cards = await call(person, "/api/payment-methods");
    expect(cards.body.data[0]).toMatchObject({ last4: "0341" });
    expect((await call(person, "/api/subscription")).body.data).toMatchObject({
      state: "free",
      subscription: null,
    });
    expect(await planOf(person.userId)).toBe("free");
  });

  it("4000 0000 0000 9995 is declined: nothing attached, nothing started", async () => {
    const person = await newPerson();
    const { checkout, page } = await subscribe(person, "enterprise", "4000000000009995");
    expect(page.status).toBe(402);
    expect(page.body).toContain("Your card has insufficient funds.");
    const customer = await env.DB.prepare(
      "SELECT customer_id FROM billing_customers WHERE user_id = ?",
    )
      .bind(person.userId)
      .first<string>("customer_id");
    expect(
      await countRows("SELECT count(*) AS n FROM stripe_events WHERE customer_id = ?", customer),
    ).toBe(0);
    // The same session can still be paid with a good card.
    const retry = await payOnCheckoutPage(checkout.body.data.checkout_url, "4242424242424242");
    expect(retry.status).toBe(303);
    await waitForSubscription(person, (d) => d.plan === "enterprise" && d.state === "active");
  });

  it("keeps the expiry as typed: 12/30 is December 2030", async () => {
    const person = await newPerson();
    const checkout = await call(person, "/api/subscription/checkout", "POST", { plan: "premium" });
    const paid = await api(new URL(checkout.body.data.checkout_url).pathname, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ card_number: "4242424242424242", expiry: "12/30", cvc: "123" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    await waitForCards(person, 1);
    const cards = await call(person, "/api/payment-methods");
    expect(cards.body.data[0]).toMatchObject({ last4: "4242", exp_month: 12, exp_year: 2030 });
  });

  it("refuses other card numbers, bad expiry and a form from another site", async () => {
    const person = await newPerson();
    const checkout = await call(person, "/api/subscription/checkout", "POST", { plan: "premium" });
    const unknown = await payOnCheckoutPage(checkout.body.data.checkout_url, "1234 5678 9012 3456");
    expect(unknown.status).toBe(402);
    expect(unknown.body).toContain("test cards only");
    const path = new URL(checkout.body.data.checkout_url).pathname;
    const expired = await api(path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ card_number: "4242424242424242", expiry: "01/20", cvc: "123" }),
    });
    expect(expired.status).toBe(400);
    expect(expired.body).toContain("expired");
    const forged = await api(path, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://evil.example",
      },
      body: new URLSearchParams({ card_number: "4242424242424242", expiry: "12/40", cvc: "123" }),
    });
    expect(forged.status).toBe(400);
    expect((await api("/local-checkout/cs_local_doesnotexist")).status).toBe(404);
  });

  it("needs an idempotency key, replays a repeat, and refuses a second subscription", async () => {
    const person = await newPerson();
    const missing = await api("/api/subscription/checkout", {
      method: "POST",
      headers: { ...person.headers, "Content-Type": "application/json" },
      body: JSON.stringify({ plan: "premium" }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    const first = await call(
      person,
      "/api/subscription/checkout",
      "POST",
      { plan: "premium" },
      "same-key-123",
    );
    const again = await call(
      person,
      "/api/subscription/checkout",
      "POST",
      { plan: "premium" },
      "same-key-123",
    );
    expect(again.body.data.session_id).toBe(first.body.data.session_id);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    const other = await call(
      person,
      "/api/subscription/checkout",
      "POST",
      { plan: "enterprise" },
      "same-key-123",
    );
    expect(other.status).toBe(409);
    const bad = await call(person, "/api/subscription/checkout", "POST", { plan: "gold" });
    expect(bad.status).toBe(400);

    await payOnCheckoutPage(first.body.data.checkout_url, "4242424242424242");
    await waitForSubscription(person, (d) => d.state === "active");
    const second = await call(person, "/api/subscription/checkout", "POST", { plan: "enterprise" });
    expect(second.status).toBe(409);
  });
});

async function waitForCards(person: Awaited<ReturnType<typeof newPerson>>, n: number) {
  const { vi } = await import("vitest");
  await vi.waitFor(
    async () => {
      const cards = await call(person, "/api/payment-methods");
      if (cards.body.data.length < n) throw new Error("waiting for cards");
    },
    { timeout: 15_000, interval: 150 },
  );
}

async function vi_waitInvoices(person: Awaited<ReturnType<typeof newPerson>>, n: number) {
  const { vi } = await import("vitest");
  return vi.waitFor(
    async () => {
      const list = await call(person, "/api/invoices");
      if (list.body.data.length < n) throw new Error("waiting for invoices");
      return list.body.data;
    },
    { timeout: 15_000, interval: 150 },
  );
}
