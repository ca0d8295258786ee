import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import { activeLocalSubscriber, adminPost, PAYMENTS } from "./admin-payments-support";
import {
  call,
  idempotencyKey,
  newPerson,
  type Person,
  waitForSubscription,
} from "./billing-support";
import { api, bearerFor, countRows } from "./helpers";

/**
 * The admin's changes to a subscription with the local provider (README "Admin: payments"): a
 * forced plan change and a coupon, each through the provider and back through its events.
 * Stripe mode: admin-payments-stripe.test.ts; more grace in dunning: billing-dunning.test.ts.
 */

interface InvoiceRow {
  id: string;
  billing_reason: string;
  amount_due: number;
  lines_json: string;
}

const invoicesOf = async (person: Person) =>
  (
    await env.DB.prepare(
      "SELECT id, billing_reason, amount_due, lines_json FROM invoices WHERE user_id = ? ORDER BY created_at, rowid",
    )
      .bind(person.userId)
      .all<InvoiceRow>()
  ).results;

/** Waits for the invoice count to reach `count`, then answers the newest. */
async function nthInvoice(person: Person, count: number) {
  return vi.waitFor(
    async () => {
      const rows = await invoicesOf(person);
      if (rows.length < count) throw new Error(`${rows.length} invoices, waiting for ${count}`);
      return rows[count - 1]!;
    },
    { timeout: 15_000, interval: 150 },
  );
}

describe("admin subscription changes with the local provider", () => {
  it("forces an upgrade with proration and a downgrade without, once per key", async () => {
    const { person, subId } = await activeLocalSubscriber();
    const admin = await bearerFor("billing_admin");
    // the trial's invoice and the first paid month
    await nthInvoice(person, 2);
    const invoicesBefore = 2;

    const key = idempotencyKey();
    const request = { plan: "premium", prorate: true, note: "Sales deal" };
    const up = await adminPost(admin.headers, `/subscriptions/${subId}/plan-change`, request, key);
    expect(up.status).toBe(202);
    expect(up.body.data).toEqual({ subscription_id: subId, action: "change_plan" });
    await waitForSubscription(person, (d) => d.plan === "premium");
    // the credit for unused Standard time and Premium's remainder, invoiced and paid now
    const prorated = await nthInvoice(person, invoicesBefore + 1);
    expect(prorated.billing_reason).toBe("subscription_update");
    const difference = PLAN_PRICES_CENTS.premium - PLAN_PRICES_CENTS.standard;
    expect(prorated.amount_due).toBeGreaterThan(difference * 0.95);
    expect(prorated.amount_due).toBeLessThanOrEqual(difference);
    expect(JSON.parse(prorated.lines_json)).toEqual([
      expect.objectContaining({ proration: true }),
      expect.objectContaining({ proration: true }),
    ]);

    const again = await adminPost(
      admin.headers,
      `/subscriptions/${subId}/plan-change`,
      request,
      key,
    );
    expect(again.status).toBe(202);
    expect(again.response.headers.get("Idempotent-Replayed")).toBe("true");

    // already there: nothing to ask
    expect(
      (
        await adminPost(admin.headers, `/subscriptions/${subId}/plan-change`, {
          plan: "premium",
          prorate: false,
        })
      ).status,
    ).toBe(409);

    // down to Standard at once, nothing billed now; the next cycle bills Standard
    const down = await adminPost(admin.headers, `/subscriptions/${subId}/plan-change`, {
      plan: "standard",
      prorate: false,
    });
    expect(down.status).toBe(202);
    await waitForSubscription(person, (d) => d.plan === "standard");
    expect(await invoicesOf(person)).toHaveLength(invoicesBefore + 1);
    expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
    const renewal = await nthInvoice(person, invoicesBefore + 2);
    expect(renewal).toMatchObject({
      billing_reason: "subscription_cycle",
      amount_due: PLAN_PRICES_CENTS.standard,
    });
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'subscription.plan_changed'",
        subId,
      ),
    ).toBe(2);
  });

  it("a once-only 25% coupon takes a quarter off the next invoice and no more", async () => {
    const { person, subId } = await activeLocalSubscriber();
    const admin = await bearerFor("billing_admin");
    await nthInvoice(person, 2);

    const invalid = await adminPost(admin.headers, `/subscriptions/${subId}/coupon`, {
      percent_off: 25,
      amount_off_cents: 500,
      duration: "once",
    });
    expect(invalid.status).toBe(400);
    const monthsWithoutRepeat = await adminPost(admin.headers, `/subscriptions/${subId}/coupon`, {
      percent_off: 25,
      duration: "once",
      duration_in_months: 2,
    });
    expect(monthsWithoutRepeat.status).toBe(400);

    const applied = await adminPost(admin.headers, `/subscriptions/${subId}/coupon`, {
      percent_off: 25,
      duration: "once",
      note: "Sorry for the outage",
    });
    expect(applied.status).toBe(202);
    expect(applied.body.data).toEqual({
      subscription_id: subId,
      coupon_id: expect.stringMatching(/^coupon_local_/),
    });

    const price = PLAN_PRICES_CENTS.standard;
    expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
    const discounted = await nthInvoice(person, 3);
    expect(discounted.amount_due).toBe(price - Math.round(price * 0.25));
    expect(JSON.parse(discounted.lines_json)).toContainEqual(
      expect.objectContaining({
        description: "Discount (25% off)",
        amount: -Math.round(price * 0.25),
      }),
    );
    expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
    expect((await nthInvoice(person, 4)).amount_due).toBe(price);
  });

  it("more grace needs an account in dunning; the new actions need payments.write", async () => {
    const { subId } = await activeLocalSubscriber();
    const admin = await bearerFor("billing_admin");
    const notInDunning = await adminPost(admin.headers, `/subscriptions/${subId}/grace-extension`, {
      days: 3,
    });
    expect(notInDunning.status).toBe(409);
    expect(
      (await adminPost(admin.headers, `/subscriptions/${subId}/grace-extension`, { days: 15 }))
        .status,
    ).toBe(400);
    const support = await bearerFor("support");
    expect(
      (
        await adminPost(support.headers, `/subscriptions/${subId}/plan-change`, {
          plan: "premium",
          prorate: true,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await adminPost(admin.headers, "/subscriptions/sub_nobody/coupon", {
          amount_off_cents: 500,
          duration: "forever",
        })
      ).status,
    ).toBe(404);
  });

  it("starts a subscription by hand: invoiced to pay, or charged to the card on file", async () => {
    const admin = await bearerFor("billing_admin");
    const person = await newPerson();
    const create = (userId: string, body: Record<string, unknown>) =>
      adminPost(admin.headers, "/subscriptions", { user_id: userId, ...body });

    // no card to charge: refused, nothing made
    const refused = await create(person.userId, { plan: "premium", collection: "charge" });
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe("payment_failed");
    expect(
      await countRows("SELECT COUNT(*) AS n FROM subscriptions WHERE user_id = ?", person.userId),
    ).toBe(0);

    const sent = await create(person.userId, {
      plan: "premium",
      collection: "send",
      days_until_due: 10,
      note: "Signed an order form",
    });
    expect(sent.status).toBe(202);
    await waitForSubscription(person, (d) => d.plan === "premium" && d.state === "active");
    const invoice = await nthInvoice(person, 1);
    expect(invoice).toMatchObject({
      billing_reason: "subscription_create",
      amount_due: PLAN_PRICES_CENTS.premium,
    });
    expect(
      (await api(`${PAYMENTS}/invoices/${invoice.id}`, { headers: admin.headers })).body.data
        .status,
    ).toBe("open");
    expect((await create(person.userId, { plan: "standard", collection: "send" })).status).toBe(
      409,
    );

    // charged now to the account's card: a paid first invoice
    const payer = await newPerson();
    expect(
      (
        await call(payer, "/api/payment-methods", "POST", {
          payment_method_id: "pm_card_visa",
          make_default: true,
        })
      ).status,
    ).toBe(201);
    const charged = await create(payer.userId, { plan: "standard", collection: "charge" });
    expect(charged.status).toBe(202);
    await waitForSubscription(payer, (d) => d.plan === "standard" && d.state === "active");
    expect(
      await vi.waitFor(
        async () => {
          const [row] = await invoicesOf(payer);
          if (!row) throw new Error("waiting for the invoice");
          return (await api(`${PAYMENTS}/invoices/${row.id}`, { headers: admin.headers })).body
            .data;
        },
        { timeout: 15_000, interval: 150 },
      ),
    ).toMatchObject({ status: "paid", amount_paid: PLAN_PRICES_CENTS.standard });
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'subscription.created_manually' AND details_json LIKE ?",
        `%${person.userId}%`,
      ),
    ).toBe(1);
  });
});
