import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import {
  activeLocalSubscriber,
  adminPost,
  PAYMENTS,
  waitForInvoice,
} from "./admin-payments-support";
import {
  call,
  customerIdOf,
  localObject,
  newPerson,
  type Person,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { api, bearerFor, countRows, servedAt, uniqueId } from "./helpers";

/**
 * The admin Payments section (README "Admin: payments") with the local provider: refunds and
 * subscription actions go to the provider and show in the mirror only once its event is
 * applied; the lists filter the mirror. Stripe mode: admin-payments-stripe.test.ts.
 */

/** A Standard subscriber out of the trial, with the first paid invoice (local provider). */
async function paidLocalInvoice() {
  const { person } = await activeLocalSubscriber();
  const invoice = await waitForInvoice<{ id: string; amount_paid: number }>(
    person,
    (i) => Number(i.amount_paid) > 0,
    "the paid invoice",
  );
  return { person, invoice };
}

async function waitForRefunded(person: Person, invoiceId: string, cents: number) {
  await vi.waitFor(
    async () => {
      const { body } = await call(person, `/api/invoices/${invoiceId}`);
      if (body.data.amount_refunded !== cents)
        throw new Error(`refunded ${body.data.amount_refunded}, not ${cents}`);
    },
    { timeout: 15_000, interval: 150 },
  );
}

describe("admin payments with the local provider", () => {
  it("refunds half an invoice: provider event → webhook → record, once per key, never past what was paid", async () => {
    const { person, invoice } = await paidLocalInvoice();
    const admin = await bearerFor("billing_admin");
    const half = Math.floor(invoice.amount_paid / 2);
    const key = `refund-${uniqueId("k")}`;
    const request = { amount_cents: half, reason: "requested_by_customer", note: "Asked by mail" };

    const first = await adminPost(admin.headers, `/invoices/${invoice.id}/refunds`, request, key);
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({
      invoice_id: invoice.id,
      amount_cents: half,
      reason: "requested_by_customer",
      refund_id: expect.stringMatching(/^re_local_/),
    });
    await waitForRefunded(person, invoice.id, half);

    // the same key: the first answer again, and still one refund at the provider
    const again = await adminPost(admin.headers, `/invoices/${invoice.id}/refunds`, request, key);
    expect(again.status).toBe(202);
    expect(again.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body.data.refund_id).toBe(first.body.data.refund_id);
    const customerId = (await customerIdOf(person.userId))!;
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM local_billing_objects WHERE customer_id = ? AND type = 'refund'",
        customerId,
      ),
    ).toBe(1);
    const refund = await localObject<{ charge: string; amount: number }>(first.body.data.refund_id);
    expect(refund?.amount).toBe(half);
    expect((await localObject<{ amount_refunded: number }>(refund!.charge))?.amount_refunded).toBe(
      half,
    );

    // more than is left: 422 with its code, nothing asked of the provider
    const rest = invoice.amount_paid - half;
    const over = await adminPost(admin.headers, `/invoices/${invoice.id}/refunds`, {
      amount_cents: rest + 1,
      reason: "duplicate",
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "refund_exceeds_paid",
      details: { refundable_cents: rest },
    });

    // the admin's view: the refund with its note and who asked, the provider's event
    const detail = await api(`${PAYMENTS}/invoices/${invoice.id}`, { headers: admin.headers });
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({
      amount_paid: invoice.amount_paid,
      amount_refunded: half,
      refundable: rest,
      user_id: person.userId,
      refunds: [
        {
          refund_id: first.body.data.refund_id,
          amount_cents: half,
          reason: "requested_by_customer",
          note: "Asked by mail",
          actor_id: `user:${admin.id}`,
        },
      ],
    });
    expect(detail.body.data.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "charge.refunded",
          source: "webhook",
          detail: expect.objectContaining({ invoice_id: invoice.id, amount_refunded: half }),
        }),
      ]),
    );

    // no amount: the rest, and the invoice is refunded in full
    const full = await adminPost(admin.headers, `/invoices/${invoice.id}/refunds`, {
      reason: "requested_by_customer",
    });
    expect(full.status).toBe(202);
    expect(full.body.data.amount_cents).toBe(rest);
    await waitForRefunded(person, invoice.id, invoice.amount_paid);
    const refunded = await api(`${PAYMENTS}/invoices?user_id=${person.userId}&refunded=true`, {
      headers: admin.headers,
    });
    expect(refunded.body.data.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
  });

  it("404 for an invoice or subscription the mirror does not have; a refund needs payments.refund", async () => {
    const admin = await bearerFor("billing_admin");
    const refund = await adminPost(admin.headers, "/invoices/in_nobody/refunds", {
      reason: "duplicate",
    });
    expect(refund.status).toBe(404);
    expect(refund.body.error.code).toBe("not_found");
    expect((await api(`${PAYMENTS}/invoices/in_nobody`, { headers: admin.headers })).status).toBe(
      404,
    );
    expect(
      (await api(`${PAYMENTS}/subscriptions/sub_nobody`, { headers: admin.headers })).status,
    ).toBe(404);
    const support = await bearerFor("support");
    const refused = await adminPost(support.headers, "/invoices/in_nobody/refunds", {
      reason: "duplicate",
    });
    expect(refused.status).toBe(403);
  });

  it("cancels at the period end, takes it back, extends a trial and cancels now, each through the webhook", async () => {
    const person = await newPerson();
    await subscribe(person, "standard");
    const trialing = await waitForSubscription(person, (d) => d.state === "trialing");
    const sub = trialing.subscription as { id: string; trial_end: string };
    const admin = await bearerFor("billing_admin");

    const extended = await adminPost(admin.headers, `/subscriptions/${sub.id}/trial-extension`, {
      days: 7,
      note: "Onboarding call slipped",
    });
    expect(extended.status).toBe(202);
    const trialEnd = Date.parse(sub.trial_end) + 7 * 86_400_000;
    await waitForSubscription(
      person,
      (d) => Date.parse((d.subscription as { trial_end: string }).trial_end) === trialEnd,
    );

    const act = (action: string) =>
      adminPost(admin.headers, `/subscriptions/${sub.id}/actions`, { action });
    expect((await act("cancel_at_period_end")).status).toBe(202);
    await waitForSubscription(
      person,
      (d) => (d.subscription as { cancel_at_period_end: boolean }).cancel_at_period_end,
    );
    expect((await act("resume")).status).toBe(202);
    await waitForSubscription(
      person,
      (d) => !(d.subscription as { cancel_at_period_end: boolean }).cancel_at_period_end,
    );
    expect((await act("cancel_now")).status).toBe(202);
    await waitForSubscription(person, (d) => d.plan === "free");
    // ended: nothing more to ask of the provider
    expect((await act("cancel_now")).status).toBe(409);
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE resource_id = ? AND action LIKE 'subscription.%'",
        sub.id,
      ),
    ).toBe(4);
  });

  it("the dispute card (4000 0000 0000 0259): paid, then a fraud dispute the disputes list shows with its deadline", async () => {
    const person = await newPerson();
    await subscribe(person, "premium", "4000 0000 0000 0259");
    const invoice = await waitForInvoice<{ id: string; amount_paid: number }>(
      person,
      (i) => Number(i.amount_paid) > 0,
      "the paid invoice",
    );
    const admin = await bearerFor("billing_admin");
    const dispute = await vi.waitFor(
      async () => {
        const { body } = await api(`${PAYMENTS}/disputes?user_id=${person.userId}`, {
          headers: admin.headers,
        });
        if (body.data.length === 0) throw new Error("no dispute yet");
        return body.data[0];
      },
      { timeout: 15_000, interval: 150 },
    );
    expect(dispute).toMatchObject({
      invoice_id: invoice.id,
      amount: invoice.amount_paid,
      reason: "fraudulent",
      status: "needs_response",
    });
    // a week to answer, counted from the charge
    expect(Date.parse(dispute.evidence_due_by) - Date.parse(dispute.created_at)).toBe(
      7 * 86_400_000,
    );
  });
});

describe("admin payment lists", () => {
  const DAY_MS = 86_400_000;
  const now = Date.parse("2026-06-15T12:00:00Z");
  const seconds = (ms: number) => Math.floor(ms / 1000);

  async function seed() {
    const userId = uniqueId("payer");
    await env.DB.prepare(
      "INSERT INTO users (id, email, name, status, plan, role, mfa_enabled, created_at, updated_at) VALUES (?, ?, 'Payer', 'active', 'premium', 'user', 0, ?, ?)",
    )
      .bind(userId, `${userId}@example.test`, now, now)
      .run();
    const sub = (id: string, plan: string, status: string, trialEnd: number | null, at: number) =>
      env.DB.prepare(
        "INSERT INTO subscriptions (id, user_id, customer_id, plan, status, current_period_start, current_period_end, trial_end, last_event_created, last_event_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
      ).bind(
        id,
        userId,
        `cus_${userId}`,
        plan,
        status,
        seconds(at),
        seconds(at) + 2_592_000,
        trialEnd,
        at,
        at,
      );
    const invoice = (
      id: string,
      subId: string,
      status: string,
      paid: number,
      refunded: number,
      at: number,
    ) =>
      env.DB.prepare(
        "INSERT INTO invoices (id, user_id, customer_id, subscription_id, status, currency, amount_due, amount_paid, amount_refunded, lines_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'usd', 2999, ?, ?, '[]', ?, ?)",
      ).bind(id, userId, `cus_${userId}`, subId, status, paid, refunded, at, at);
    const ids = {
      soon: `sub_soon_${userId}`,
      later: `sub_later_${userId}`,
      dunning: `sub_dunning_${userId}`,
      active: `sub_active_${userId}`,
    };
    await env.DB.batch([
      sub(ids.soon, "standard", "trialing", seconds(now + 3 * DAY_MS), now - 4 * DAY_MS),
      sub(ids.later, "premium", "trialing", seconds(now + 20 * DAY_MS), now - 3 * DAY_MS),
      sub(ids.dunning, "premium", "past_due", null, now - 2 * DAY_MS),
      sub(ids.active, "enterprise", "active", null, now - DAY_MS),
      invoice(`in_open_${userId}`, ids.dunning, "open", 0, 0, now - 2 * DAY_MS),
      invoice(`in_paid_${userId}`, ids.active, "paid", 2999, 1000, now - DAY_MS),
      env.DB.prepare(
        "INSERT INTO workflow_runs (instance_id, workflow, subject, created_by, status, params_json, created_at, updated_at) VALUES (?, 'dunning', ?, 'stripe-webhook', 'waiting', '{}', ?, ?)",
      ).bind(`dunning-in_open_${userId}`, `invoice:in_open_${userId}`, now, now),
    ]);
    return { userId, ids };
  }

  it("filters subscriptions by plan, status, trial ending within N days and dunning", async () => {
    const { userId, ids } = await seed();
    const admin = await bearerFor("support");
    const list = async (filter: string) => {
      const answer = await api(`${PAYMENTS}/subscriptions?user_id=${userId}&${filter}`, {
        headers: { ...admin.headers, ...servedAt(now) },
      });
      expect(answer.status).toBe(200);
      return answer.body.data.map((s: { id: string }) => s.id);
    };
    expect(await list("")).toEqual([ids.active, ids.dunning, ids.later, ids.soon]);
    expect(await list("plan=premium")).toEqual([ids.dunning, ids.later]);
    expect(await list("status=past_due")).toEqual([ids.dunning]);
    expect(await list("trial_ends_within_days=7")).toEqual([ids.soon]);
    expect(await list("trial_ends_within_days=30")).toEqual([ids.later, ids.soon]);
    expect(await list("in_dunning=true")).toEqual([ids.dunning]);
    expect(await list("in_dunning=false")).toEqual([ids.active, ids.later, ids.soon]);
    const page = await api(`${PAYMENTS}/subscriptions?user_id=${userId}&per_page=3&page=2`, {
      headers: admin.headers,
    });
    expect(page.body.data.map((s: { id: string }) => s.id)).toEqual([ids.soon]);
    expect(page.body.pagination).toMatchObject({ total: 4, total_pages: 2 });

    const detail = await api(`${PAYMENTS}/subscriptions/${ids.dunning}`, {
      headers: admin.headers,
    });
    expect(detail.body.data).toMatchObject({
      subscription: { id: ids.dunning, status: "past_due", in_dunning: true },
      invoices: [{ id: `in_open_${userId}`, status: "open" }],
    });
    expect(
      (await api(`${PAYMENTS}/subscriptions?trial_ends_within_days=0`, { headers: admin.headers }))
        .status,
    ).toBe(400);
  });

  it("filters invoices by status, account, day and refunds", async () => {
    const { userId } = await seed();
    const admin = await bearerFor("support");
    const list = async (filter: string) =>
      (
        await api(`${PAYMENTS}/invoices?user_id=${userId}&${filter}`, { headers: admin.headers })
      ).body.data.map((i: { id: string }) => i.id);
    expect(await list("")).toEqual([`in_paid_${userId}`, `in_open_${userId}`]);
    expect(await list("status=open")).toEqual([`in_open_${userId}`]);
    expect(await list("refunded=true")).toEqual([`in_paid_${userId}`]);
    expect(await list("created_from=2026-06-13&created_to=2026-06-13")).toEqual([
      `in_open_${userId}`,
    ]);
    const [paid] = (
      await api(`${PAYMENTS}/invoices?user_id=${userId}&status=paid`, { headers: admin.headers })
    ).body.data;
    expect(paid).toMatchObject({ amount_paid: 2999, amount_refunded: 1000, refundable: 1999 });
  });

  it("exports the filtered invoices as RFC 4180 CSV, formula-safe, audited with the row count", async () => {
    const { userId, ids } = await seed();
    const at = now - 3 * DAY_MS;
    await env.DB.prepare(
      "INSERT INTO invoices (id, user_id, customer_id, number, status, currency, amount_due, amount_paid, billing_reason, lines_json, created_at, updated_at, paid_at) VALUES (?, ?, ?, ?, 'paid', 'usd', 500, 500, ?, '[]', ?, ?, ?)",
    )
      .bind(
        `in_formula_${userId}`,
        userId,
        `cus_${userId}`,
        '=HYPERLINK("http://x")',
        'manual, "special"',
        at,
        at,
        at,
      )
      .run();
    const support = await bearerFor("support");
    const answer = await api(`${PAYMENTS}/invoices/export?user_id=${userId}&status=paid`, {
      headers: support.headers,
    });
    expect(answer.status).toBe(200);
    expect(answer.response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(answer.response.headers.get("X-Export-Rows")).toBe("2");
    const iso = (ms: number) => new Date(ms).toISOString();
    const who = `${userId},${userId}@example.test,cus_${userId}`;
    // rowid order; a cell a spreadsheet would run starts with ', quotes are doubled
    expect(answer.body).toBe(
      [
        "id,number,status,user_id,user_email,customer_id,subscription_id,currency,amount_due,amount_paid,amount_refunded,billing_reason,created_at,paid_at",
        `in_paid_${userId},,paid,${who},${ids.active},usd,2999,2999,1000,,${iso(now - DAY_MS)},`,
        `in_formula_${userId},"'=HYPERLINK(""http://x"")",paid,${who},,usd,500,500,0,"manual, ""special""",${iso(at)},${iso(at)}`,
        "",
      ].join("\r\n"),
    );
    const audit = await env.DB.prepare(
      "SELECT details_json FROM audit_log WHERE actor_id = ? AND action = 'invoices.exported'",
    )
      .bind(`user:${support.id}`)
      .first<string>("details_json");
    expect(JSON.parse(audit!)).toEqual({ filters: { user_id: userId, status: "paid" }, rows: 2 });
    expect(
      (await api(`${PAYMENTS}/invoices/export?status=unknown`, { headers: support.headers }))
        .status,
    ).toBe(400);
  });
});
