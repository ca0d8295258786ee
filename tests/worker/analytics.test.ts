import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { AnalyticsEvent } from "../../core/contract/analytics";
import { PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import { trackInvoicePayment, trackSubscriptionChange } from "../../server/analytics/billing";
import { rollupAnalytics } from "../../server/analytics/rollup";
import { trackEvents } from "../../server/analytics/track";
import type { ApplyContext } from "../../server/billing/apply";
import { api, deliver, opsHeaders } from "./helpers";

/**
 * The analytics pipeline (README "Analytics"): queue batches → raw events → daily roll-up →
 * reports, against numbers worked out by hand below. Days are in 2024 so nothing else this
 * file's Worker does lands in them.
 */

const at = (day: string, hour = 12) => Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const D0 = "2024-04-30";
const D1 = "2024-05-01";
const D2 = "2024-05-02";
const D3 = "2024-05-03";
const ROLLUP_AT = at("2024-05-04", 0);

type Fixture = Partial<AnalyticsEvent> & Pick<AnalyticsEvent, "id" | "type" | "user_id" | "plan">;
const event = (day: string, e: Fixture): AnalyticsEvent => ({
  occurred_at: at(day),
  plan_from: null,
  mrr_from_cents: 0,
  mrr_to_cents: 0,
  reason: null,
  ...e,
});

/**
 * Before the range: u1 and u3 pay 1500 on Standard, u2 3000 on Premium (MRR 6000, 3 paying,
 * 3 accounts). D1: u1 moves Standard → Premium (1500 → 3000), u4 and u5 sign up, u4 verifies,
 * u1 makes a resume and two exports. D2: u3 cancels (too expensive), payments of u2 and u1
 * fail, u4's page is viewed. D3: u2's payment is recovered, u5 verifies, u1 moves back to
 * Standard (3000 → 1500).
 */
const FIXTURE: AnalyticsEvent[] = [
  event(D0, { id: "t:su1", type: "user.signed_up", user_id: "u1", plan: "free" }),
  event(D0, { id: "t:su2", type: "user.signed_up", user_id: "u2", plan: "free" }),
  event(D0, { id: "t:su3", type: "user.signed_up", user_id: "u3", plan: "free" }),
  event(D0, {
    id: "t:s1",
    type: "subscription.started",
    user_id: "u1",
    plan: "standard",
    mrr_to_cents: 1500,
  }),
  event(D0, {
    id: "t:s2",
    type: "subscription.started",
    user_id: "u2",
    plan: "premium",
    mrr_to_cents: 3000,
  }),
  event(D0, {
    id: "t:s3",
    type: "subscription.started",
    user_id: "u3",
    plan: "standard",
    mrr_to_cents: 1500,
  }),
  event(D1, { id: "t:su4", type: "user.signed_up", user_id: "u4", plan: "free" }),
  event(D1, { id: "t:v4", type: "user.email_verified", user_id: "u4", plan: "free" }),
  event(D1, { id: "t:su5", type: "user.signed_up", user_id: "u5", plan: "free" }),
  event(D1, { id: "t:r1", type: "resume.created", user_id: "u1", plan: "standard" }),
  event(D1, { id: "t:x1", type: "export.completed", user_id: "u1", plan: "standard" }),
  event(D1, { id: "t:x2", type: "export.completed", user_id: "u1", plan: "standard" }),
  event(D1, {
    id: "t:up1",
    type: "subscription.changed",
    user_id: "u1",
    plan: "premium",
    plan_from: "standard",
    mrr_from_cents: 1500,
    mrr_to_cents: 3000,
  }),
  event(D2, {
    id: "t:c3",
    type: "subscription.canceled",
    user_id: "u3",
    plan: "standard",
    mrr_from_cents: 1500,
    reason: "too_expensive",
  }),
  event(D2, { id: "t:fA", type: "payment.failed", user_id: "u2", plan: "premium" }),
  event(D2, { id: "t:fB", type: "payment.failed", user_id: "u1", plan: "premium" }),
  event(D2, { id: "t:v", type: "share.viewed", user_id: "u4", plan: "free" }),
  event(D3, { id: "t:pA", type: "payment.succeeded", user_id: "u2", plan: "premium" }),
  event(D3, { id: "t:rA", type: "payment.recovered", user_id: "u2", plan: "premium" }),
  event(D3, { id: "t:v5", type: "user.email_verified", user_id: "u5", plan: "free" }),
  event(D3, {
    id: "t:down1",
    type: "subscription.changed",
    user_id: "u1",
    plan: "standard",
    plan_from: "premium",
    mrr_from_cents: 3000,
    mrr_to_cents: 1500,
  }),
];

const messages = (events: AnalyticsEvent[], prefix: string) =>
  events.map((e, i) => ({ id: `${prefix}-${i}`, body: { type: "analytics.event", event: e } }));

async function report(name: string, query: string) {
  const { status, body } = await api(`/api/admin/analytics/${name}?${query}`, {
    headers: opsHeaders,
  });
  expect(status).toBe(200);
  return body.data;
}

const RANGE = `from=${D1}&to=${D3}`;

describe("analytics pipeline", () => {
  it("counts each event once and reports the hand-computed numbers", async () => {
    // First delivery, in two batches, one export sent twice by its producer.
    const first = await deliver(
      "analytics",
      messages([...FIXTURE.slice(0, 12), FIXTURE[10] as AnalyticsEvent], "a"),
    );
    expect(first.retryMessages).toEqual([]);
    await deliver("analytics", messages(FIXTURE.slice(12), "b"));
    // The queue delivers the whole first batch again.
    await deliver("analytics", messages(FIXTURE.slice(0, 12), "a"));
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM analytics_events WHERE id LIKE 't:%'",
    ).first<number>("n");
    expect(stored).toBe(FIXTURE.length);

    expect((await rollupAnalytics(env, ROLLUP_AT)).days).toEqual([D0, D1, D2, D3]);
    const once = await Promise.all(
      ["users", "revenue", "churn", "recovery", "exports", "growth"].map((r) => report(r, RANGE)),
    );
    // Nothing pending: a second run recounts nothing; forcing a recount changes nothing.
    expect((await rollupAnalytics(env, ROLLUP_AT)).days).toEqual([]);
    await env.DB.prepare("UPDATE analytics_events SET rolled_up_at = NULL").run();
    expect((await rollupAnalytics(env, ROLLUP_AT)).days).toEqual([D0, D1, D2, D3]);
    const twice = await Promise.all(
      ["users", "revenue", "churn", "recovery", "exports", "growth"].map((r) => report(r, RANGE)),
    );
    expect(twice).toEqual(once);

    const [users, revenue, churn, recovery, exports, growth] = once;
    expect(users.rows).toEqual([
      { day: D1, signups: 2, verified: 1, active: 3 },
      { day: D2, signups: 0, verified: 0, active: 4 },
      { day: D3, signups: 0, verified: 1, active: 3 },
    ]);
    expect(users.summary).toEqual({ signups: 2, verified: 2 });

    // All plans: 6000 + 1500 expansion − 1500 churn − 1500 contraction = 4500.
    const all = revenue.rows.filter((row: { plan: string }) => row.plan === "all");
    expect(all.map((row: { ending_mrr_cents: number }) => row.ending_mrr_cents)).toEqual([
      7500, 6000, 4500,
    ]);
    expect(revenue.summary).toEqual({
      starting_mrr_cents: 6000,
      new_cents: 0,
      expansion_cents: 1500,
      contraction_cents: 1500,
      churn_cents: 1500,
      ending_mrr_cents: 4500,
      ending_arr_cents: 54_000,
    });
    // By plan, a plan change moves the whole MRR: Standard 3000 → 1500 → 0 → 1500.
    const standard = revenue.rows.filter((row: { plan: string }) => row.plan === "standard");
    expect(standard).toEqual([
      expect.objectContaining({
        day: D1,
        starting_mrr_cents: 3000,
        contraction_cents: 1500,
        ending_mrr_cents: 1500,
      }),
      expect.objectContaining({ day: D2, churn_cents: 1500, ending_mrr_cents: 0 }),
      expect.objectContaining({
        day: D3,
        expansion_cents: 1500,
        ending_mrr_cents: 1500,
        ending_arr_cents: 18_000,
      }),
    ]);
    const premium = await report("revenue", `${RANGE}&plan=premium`);
    expect(premium.summary).toMatchObject({
      starting_mrr_cents: 3000,
      expansion_cents: 3000,
      contraction_cents: 3000,
      ending_mrr_cents: 3000,
    });

    expect(churn.summary).toEqual({ churned: 1, subscribers_at_start: 3, rate: 1 / 3 });
    expect(churn.reasons).toEqual([{ reason: "too_expensive", count: 1 }]);
    expect(
      churn.rows.map((row: { subscribers_at_start: number }) => row.subscribers_at_start),
    ).toEqual([3, 3, 2]);
    const standardChurn = await report("churn", `${RANGE}&plan=standard`);
    expect(standardChurn.summary).toEqual({ churned: 1, subscribers_at_start: 2, rate: 0.5 });

    // Recovery is a cohort of dunning runs, read from the runs (analytics-backfill.test.ts):
    // failed and recovered payment events alone make none.
    expect(recovery.summary).toMatchObject({ started: 0, recovered: 0, rate: null });
    expect(exports.rows).toEqual([
      { day: D1, exports: 2 },
      { day: D2, exports: 0 },
      { day: D3, exports: 0 },
    ]);
    expect(growth.rows).toEqual([
      { day: D1, signups: 2, total_users: 5, paid_subscribers: 3 },
      { day: D2, signups: 0, total_users: 5, paid_subscribers: 2 },
      { day: D3, signups: 0, total_users: 5, paid_subscribers: 2 },
    ]);
    const free = await report("users", `${RANGE}&plan=free`);
    expect(free.rows[0]).toEqual({ day: D1, signups: 2, verified: 1, active: 2 });

    // A late event recounts its own day only.
    await deliver(
      "analytics",
      messages(
        [event(D2, { id: "t:x3", type: "export.completed", user_id: "u2", plan: "premium" })],
        "c",
      ),
    );
    expect((await rollupAnalytics(env, ROLLUP_AT)).days).toEqual([D2]);
    expect((await report("exports", RANGE)).summary).toEqual({ exports: 3 });
  });

  it("serves each report's table as CSV", async () => {
    const response = await api(`/api/admin/analytics/exports?${RANGE}&format=csv`, {
      headers: opsHeaders,
    });
    expect(response.status).toBe(200);
    expect(response.response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="exports-${D1}-to-${D3}.csv"`,
    );
    expect(response.body).toBe(`day,exports\r\n${D1},2\r\n${D2},1\r\n${D3},0\r\n`);
  });

  it("refuses a backward or too long range and an unknown plan", async () => {
    for (const query of [
      `from=${D3}&to=${D1}`,
      "from=2020-01-01&to=2024-01-01",
      "plan=gold",
      "from=2024-02-30",
    ]) {
      const { status, body } = await api(`/api/admin/analytics/users?${query}`, {
        headers: opsHeaders,
      });
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("validation_failed");
    }
  });

  it("never fails the caller when the queue refuses", async () => {
    const send = vi
      .spyOn(env.ANALYTICS_QUEUE, "sendBatch")
      .mockRejectedValueOnce(new Error("queue down"));
    await expect(
      trackEvents(env, [
        { id: "t:down", type: "resume.created", occurred_at: at(D1), user_id: "nobody" },
      ]),
    ).resolves.toBeUndefined();
    // A plan the producer did not know is the account's; an unknown account counts as Free.
    expect(send.mock.calls[0]?.[0]).toEqual([
      {
        body: {
          type: "analytics.event",
          event: expect.objectContaining({ id: "t:down", plan: "free", mrr_to_cents: 0 }),
        },
      },
    ]);
    send.mockRestore();
  });

  it("derives revenue events from what the billing consumer applied, with stable ids", async () => {
    const send = vi.spyOn(env.ANALYTICS_QUEUE, "sendBatch").mockResolvedValue(undefined as never);
    const ctx = {
      env,
      event: { id: "evt_test_1", created: at(D1) / 1000 },
      userId: "u9",
    } as unknown as ApplyContext;
    const sent = () =>
      send.mock.calls.flatMap(([batch]) =>
        [...batch].map((m) => (m.body as { event: AnalyticsEvent }).event),
      );
    // A trial on Standard converting on Premium.
    await trackSubscriptionChange(
      ctx,
      { plan: "standard", status: "trialing" },
      { plan: "premium", status: "active" },
    );
    // Ended after dunning gave up.
    await trackSubscriptionChange(
      ctx,
      { plan: "premium", status: "past_due" },
      { plan: "premium", status: "canceled", endedReason: "unpaid" },
    );
    // Only the cancel-at-period-end flag moved: no revenue event.
    await trackSubscriptionChange(
      ctx,
      { plan: "premium", status: "active" },
      { plan: "premium", status: "active" },
    );
    await trackInvoicePayment(ctx, "in_1", false, null);
    await trackInvoicePayment(ctx, "in_1", true, { status: "open" });
    await trackInvoicePayment(ctx, "in_2", true, null);
    expect(sent()).toEqual([
      expect.objectContaining({
        id: "evt_test_1:subscription.changed",
        occurred_at: at(D1),
        plan: "premium",
        plan_from: "standard",
        mrr_from_cents: 0,
        mrr_to_cents: PLAN_PRICES_CENTS.premium,
      }),
      expect.objectContaining({
        id: "evt_test_1:subscription.canceled",
        plan_from: null,
        mrr_from_cents: PLAN_PRICES_CENTS.premium,
        mrr_to_cents: 0,
        reason: "unpaid",
      }),
      expect.objectContaining({ id: "invoice:in_1:failed", type: "payment.failed" }),
      expect.objectContaining({ id: "invoice:in_1:paid", type: "payment.succeeded" }),
      expect.objectContaining({ id: "invoice:in_1:recovered", type: "payment.recovered" }),
      expect.objectContaining({ id: "invoice:in_2:paid", type: "payment.succeeded" }),
    ]);
    send.mockRestore();
  });
});
