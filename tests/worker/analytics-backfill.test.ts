import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import { ingestEvents } from "../../server/analytics/ingest";
import { api, opsHeaders, uniqueId, waitForJob } from "./helpers";

/**
 * The analytics backfill and the payment recovery cohorts (README "Analytics"), against numbers
 * worked out by hand. Fixture days are in 2023, far past the raw-event retention, so they also
 * show that a day nobody counted yet is counted however old it is.
 */

const at = (day: string, hour = 12) => Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const sec = (ms: number) => Math.floor(ms / 1000);
const STANDARD = PLAN_PRICES_CENTS.standard;
const PREMIUM = PLAN_PRICES_CENTS.premium;

async function user(id: string, plan: string, createdAt: number, verifiedAt: number | null) {
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, status, plan, created_at, updated_at, email_verified_at) VALUES (?, ?, 'B', 'active', ?, ?, ?, ?)",
  )
    .bind(id, `${id}@example.test`, plan, createdAt, createdAt, verifiedAt)
    .run();
}

async function subscription(
  id: string,
  userId: string,
  plan: string,
  status: string,
  createdAt: number,
  ended: { at: number; reason: string } | null = null,
) {
  await env.DB.prepare(
    `INSERT INTO subscriptions (id, user_id, customer_id, plan, status, current_period_start,
       current_period_end, ended_at, ended_reason, last_event_created, last_event_seq, created_at,
       updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
  )
    .bind(
      id,
      userId,
      `cus_${userId}`,
      plan,
      status,
      sec(createdAt),
      sec(createdAt) + 2_592_000,
      ended ? sec(ended.at) : null,
      ended?.reason ?? null,
      createdAt,
      createdAt,
    )
    .run();
}

async function invoice(
  id: string,
  userId: string,
  subscriptionId: string | null,
  status: string,
  createdAt: number,
  paidAt: number | null,
) {
  await env.DB.prepare(
    `INSERT INTO invoices (id, user_id, customer_id, subscription_id, status, currency, amount_due,
       amount_paid, lines_json, created_at, updated_at, paid_at)
     VALUES (?, ?, ?, ?, ?, 'usd', 1000, ?, '[]', ?, ?, ?)`,
  )
    .bind(
      id,
      userId,
      `cus_${userId}`,
      subscriptionId,
      status,
      paidAt ? 1000 : 0,
      createdAt,
      createdAt,
      paidAt,
    )
    .run();
}

/** A dunning run as server/billing/dunning.ts records one: `dunning-{invoice}`, `invoice:{id}`. */
async function dunningRun(invoiceId: string, startedAt: number, workflow = "dunning") {
  await env.DB.prepare(
    `INSERT INTO workflow_runs (instance_id, workflow, subject, created_by, status, params_json,
       created_at, updated_at) VALUES (?, ?, ?, 'stripe-webhook', 'complete', '{}', ?, ?)`,
  )
    .bind(`${workflow}-${invoiceId}`, workflow, `invoice:${invoiceId}`, startedAt, startedAt)
    .run();
}

async function report(name: string, query: string) {
  const { status, body } = await api(`/api/admin/analytics/${name}?${query}`, {
    headers: opsHeaders,
  });
  expect(status).toBe(200);
  return body.data;
}

async function backfill() {
  const started = await api("/api/admin/analytics/backfill", {
    method: "POST",
    headers: { ...opsHeaders, "Idempotency-Key": uniqueId("backfill") },
  });
  expect(started.status).toBe(202);
  const jobId: string = started.body.data.job_id;
  await waitForJob(jobId, "succeeded", 60_000);
  return jobId;
}

const B = ["2023-03-01", "2023-03-02", "2023-03-03"] as const;
const B_RANGE = `from=${B[0]}&to=${B[2]}`;
const ALL_REPORTS = ["users", "revenue", "churn", "exports", "growth"];

describe("analytics backfill", () => {
  /**
   * b1 signs up and verifies on day 1 (Free), subscribes to Standard on day 2 and pays. b2 signs
   * up on day 1, subscribes to Premium on day 2 and pays, its next invoice fails on day 3 and
   * the subscription ends unpaid that day. b3 signs up, verifies and writes a resume on day 2,
   * and exports it on day 3; it also subscribes to Standard on day 2, pays, and cancels on
   * day 3. Already tracked live: b1's sign-up and subscription, and the end of b3's.
   */
  it("derives history from the source tables once, however often it runs", async () => {
    await user("b1", "standard", at(B[0], 9), at(B[0], 10));
    await user("b2", "free", at(B[0], 11), null);
    await user("b3", "free", at(B[1], 8), at(B[1], 9));
    await subscription("sb1", "b1", "standard", "active", at(B[1], 10));
    await invoice("ib1", "b1", "sb1", "paid", at(B[1], 10), at(B[1], 10));
    await subscription("sb2", "b2", "premium", "canceled", at(B[1], 11), {
      at: at(B[2], 18),
      reason: "unpaid",
    });
    await invoice("ib2a", "b2", "sb2", "paid", at(B[1], 11), at(B[1], 11));
    await invoice("ib2b", "b2", "sb2", "open", at(B[2], 9), null);
    await dunningRun("ib2b", at(B[2], 9));
    await env.DB.prepare(
      "INSERT INTO resumes (id, user_id, title, template, data_json, created_at, updated_at) VALUES ('rb3', 'b3', 'CV', 'classic', '{}', ?, ?)",
    )
      .bind(at(B[1], 10), at(B[1], 10))
      .run();
    await env.DB.prepare(
      "INSERT INTO jobs (id, kind, owner_id, status, percent, revision, created_at, updated_at, finished_at) VALUES ('jb3', 'export', 'user:b3', 'succeeded', 100, 'r', ?, ?, ?)",
    )
      .bind(at(B[2], 7), at(B[2], 7), at(B[2], 8))
      .run();
    await subscription("sb3", "b3", "standard", "canceled", at(B[1], 12), {
      at: at(B[2], 20),
      reason: "canceled",
    });
    await invoice("ib3", "b3", "sb3", "paid", at(B[1], 12), at(B[1], 12));
    // What live tracking already sent: the same sign-up id, and sb1's start under the
    // provider event that created it.
    await env.DB.prepare(
      `INSERT INTO stripe_events (event_id, type, customer_id, created, payload_json, status, received_at)
       VALUES ('evt_sb1', 'customer.subscription.created', 'cus_b1', ?, ?, 'applied', ?)`,
    )
      .bind(sec(at(B[1], 10)), JSON.stringify({ data: { object: { id: "sb1" } } }), at(B[1], 10))
      .run();
    await env.DB.prepare(
      `INSERT INTO stripe_events (event_id, type, customer_id, created, payload_json, status, received_at)
       VALUES ('evt_sb3', 'customer.subscription.deleted', 'cus_b3', ?, ?, 'applied', ?)`,
    )
      .bind(sec(at(B[2], 20)), JSON.stringify({ data: { object: { id: "sb3" } } }), at(B[2], 20))
      .run();
    await ingestEvents(
      env,
      [
        {
          id: "user.signed_up:b1",
          type: "user.signed_up",
          occurred_at: at(B[0], 9),
          user_id: "b1",
          plan: "free",
          plan_from: null,
          mrr_from_cents: 0,
          mrr_to_cents: 0,
          reason: null,
        },
        {
          id: "evt_sb1:subscription.started",
          type: "subscription.started",
          occurred_at: at(B[1], 10),
          user_id: "b1",
          plan: "standard",
          plan_from: null,
          mrr_from_cents: 0,
          mrr_to_cents: STANDARD,
          reason: null,
        },
        {
          id: "evt_sb3:subscription.canceled",
          type: "subscription.canceled",
          occurred_at: at(B[2], 20),
          user_id: "b3",
          plan: "standard",
          plan_from: null,
          mrr_from_cents: STANDARD,
          mrr_to_cents: 0,
          reason: "canceled",
        },
      ],
      at(B[1], 10),
    );

    const jobId = await backfill();
    const status = await api("/api/admin/analytics/backfill", { headers: opsHeaders });
    expect(status.body.data.job).toMatchObject({ id: jobId, status: "succeeded", percent: 100 });
    expect(status.body.data.job.result.rows).toMatchObject({ resumes: expect.any(Number) });
    const run = await env.DB.prepare(
      "SELECT workflow, subject, job_id, status FROM workflow_runs WHERE instance_id = ?",
    )
      .bind(jobId)
      .first();
    expect(run).toEqual({
      workflow: "analytics-backfill",
      subject: `analytics_backfill:${jobId}`,
      job_id: jobId,
      status: "complete",
    });

    const once = await Promise.all(ALL_REPORTS.map((r) => report(r, B_RANGE)));
    const [users, revenue, churn, exports, growth] = once;
    expect(users.rows).toEqual([
      { day: B[0], signups: 2, verified: 1, active: 2 },
      { day: B[1], signups: 1, verified: 1, active: 3 },
      { day: B[2], signups: 0, verified: 0, active: 2 },
    ]);
    expect(revenue.summary).toEqual({
      starting_mrr_cents: 0,
      new_cents: 2 * STANDARD + PREMIUM,
      expansion_cents: 0,
      contraction_cents: 0,
      churn_cents: PREMIUM + STANDARD,
      ending_mrr_cents: STANDARD,
      ending_arr_cents: STANDARD * 12,
    });
    expect(churn.reasons).toEqual([
      { reason: "canceled", count: 1 },
      { reason: "unpaid", count: 1 },
    ]);
    expect(exports.summary).toEqual({ exports: 1 });
    expect(growth.rows.map((row: { paid_subscribers: number }) => row.paid_subscribers)).toEqual([
      0, 3, 1,
    ]);
    const free = await report("users", `${B_RANGE}&plan=free`);
    // b1 signed up and verified before subscribing: both count under Free.
    expect(free.summary).toEqual({ signups: 3, verified: 2 });

    // Again, and after the days were counted: nothing new, nothing counted twice.
    await backfill();
    expect(await Promise.all(ALL_REPORTS.map((r) => report(r, B_RANGE)))).toEqual(once);
  });

  it("refuses a second backfill while one runs, and needs system.config", async () => {
    const denied = await api("/api/admin/analytics/backfill", {
      method: "POST",
      headers: { Authorization: "Bearer nope", "Idempotency-Key": uniqueId("backfill") },
    });
    expect(denied.status).toBe(401);
    await env.DB.prepare(
      "INSERT INTO jobs (id, kind, owner_id, status, percent, revision, created_at, updated_at) VALUES ('analytics-backfill-running', 'analytics-backfill', 'operator', 'running', 10, 'r', ?, ?)",
    )
      .bind(Date.now() + 60_000, Date.now() + 60_000)
      .run();
    const busy = await api("/api/admin/analytics/backfill", {
      method: "POST",
      headers: { ...opsHeaders, "Idempotency-Key": uniqueId("backfill") },
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("conflict");
    await env.DB.prepare("DELETE FROM jobs WHERE id = 'analytics-backfill-running'").run();
  });
});

describe("payment recovery by cohort", () => {
  /**
   * Dunning runs started on 1 June: c1 (Standard) paid, c2 (Standard) voided while its
   * subscription goes on, c3 (Premium) still owed when its subscription ended. On 2 June: c4
   * (Standard) still open, c5 and c6 (Premium) paid. A run started on 31 May and a run of
   * another workflow are outside the cohort.
   *
   * All plans: started 6; recovered 3 (c1, c5, c6), churned 1, written off 1, open 1; ended 5,
   * rate 3 ÷ 5. Standard: started 3; recovered 1, written off 1, open 1; rate 1 ÷ 2. Premium:
   * started 3; recovered 2, churned 1; rate 2 ÷ 3.
   */
  it("counts the runs that started in the range by how they ended", async () => {
    const J1 = "2023-06-01";
    const J2 = "2023-06-02";
    await user("cs", "standard", at("2023-01-01"), null);
    await user("cp", "premium", at("2023-01-01"), null);
    await subscription("scs", "cs", "standard", "past_due", at("2023-01-02"));
    await subscription("scp", "cp", "premium", "canceled", at("2023-01-02"), {
      at: at(J1, 20),
      reason: "unpaid",
    });
    await subscription("scp2", "cp", "premium", "active", at("2023-01-03"));
    const runs: [string, string, string, string, number | null, number][] = [
      ["c1", "cs", "scs", "paid", at(J1, 18), at(J1, 8)],
      ["c2", "cs", "scs", "void", null, at(J1, 9)],
      ["c3", "cp", "scp", "open", null, at(J1, 10)],
      ["c4", "cs", "scs", "open", null, at(J2, 8)],
      ["c5", "cp", "scp2", "paid", at(J2, 12), at(J2, 9)],
      ["c6", "cp", "scp2", "paid", at(J2, 13), at(J2, 23)],
      ["c0", "cs", "scs", "paid", at(J1, 1), at("2023-05-31", 23)],
    ];
    for (const [id, userId, sub, status, paidAt, startedAt] of runs) {
      await invoice(id, userId, sub, status, startedAt, paidAt);
      await dunningRun(id, startedAt);
    }
    await dunningRun("c1", at(J1, 8), "export");

    const all = await report("recovery", `from=${J1}&to=${J2}`);
    expect(all.columns).toEqual(["day", "started", "recovered", "churned", "written_off", "open"]);
    expect(all.rows).toEqual([
      { day: J1, started: 3, recovered: 1, churned: 1, written_off: 1, open: 0 },
      { day: J2, started: 3, recovered: 2, churned: 0, written_off: 0, open: 1 },
    ]);
    expect(all.summary).toEqual({
      started: 6,
      recovered: 3,
      churned: 1,
      written_off: 1,
      open: 1,
      ended: 5,
      rate: 0.6,
    });
    const standard = await report("recovery", `from=${J1}&to=${J2}&plan=standard`);
    expect(standard.summary).toMatchObject({ started: 3, recovered: 1, ended: 2, rate: 0.5 });
    const premium = await report("recovery", `from=${J1}&to=${J2}&plan=premium`);
    expect(premium.summary).toMatchObject({ started: 3, recovered: 2, churned: 1, rate: 2 / 3 });
    const none = await report("recovery", "from=2023-07-01&to=2023-07-02");
    expect(none.summary).toMatchObject({ started: 0, ended: 0, rate: null });
  });
});
