import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { postJson, userIdOf } from "./auth-support";
import { api, countRows, uniqueId } from "./helpers";

async function registerAndVerify(plan: string) {
  const email = `${uniqueId("trial")}@example.test`;
  const registered = await api(
    "/api/auth/register",
    postJson({ email, password: "a long and unusual passphrase", name: "Mary Jackson", plan }),
  );
  expect(registered.status).toBe(202);
  const userId = await userIdOf(email);
  await env.DB.prepare("UPDATE users SET email_verified_at = ?, status = 'active' WHERE id = ?")
    .bind(Date.now(), userId)
    .run();
  return userId;
}

const planOf = (userId: string) =>
  env.DB.prepare("SELECT plan FROM users WHERE id = ?").bind(userId).first<string>("plan");

describe("SignupWorkflow: start plan", () => {
  it("creates the customer and Standard's 14-day trial (through the webhook), once", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.mockEvent({ type: "email-verified", payload: {} });
    });
    const userId = await registerAndVerify("standard");
    const [instance] = await vi.waitFor(() => {
      expect(workflows.get()).toHaveLength(1);
      return workflows.get();
    });
    await instance!.waitForStatus("complete");
    expect(
      await countRows("SELECT count(*) AS n FROM billing_customers WHERE user_id = ?", userId),
    ).toBe(1);
    await vi.waitFor(
      async () => {
        const sub = await env.DB.prepare(
          "SELECT plan, status, trial_end FROM subscriptions WHERE user_id = ?",
        )
          .bind(userId)
          .first<{ plan: string; status: string; trial_end: number }>();
        expect(sub).toMatchObject({ plan: "standard", status: "trialing" });
        expect(sub!.trial_end - Date.now() / 1000).toBeGreaterThan(13.9 * 86_400);
      },
      { timeout: 15_000, interval: 150 },
    );
    expect(await planOf(userId)).toBe("standard");
    const { startPlanAtSignup } = await import("../../server/billing/subscriptions");
    const again = await startPlanAtSignup(
      env,
      { id: userId, email: "x@example.test", name: "Mary Jackson", plan: "standard" },
      "standard",
      Date.now(),
    );
    expect(again.trial).toBe(false);
    expect(
      await countRows("SELECT count(*) AS n FROM subscriptions WHERE user_id = ?", userId),
    ).toBe(1);
  });

  it("Premium chosen at signup starts at checkout: the account is Free until it pays", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.mockEvent({ type: "email-verified", payload: {} });
    });
    const userId = await registerAndVerify("premium");
    const [instance] = await vi.waitFor(() => {
      expect(workflows.get()).toHaveLength(1);
      return workflows.get();
    });
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ outcome: "verified", plan: "free" });
    expect(await planOf(userId)).toBe("free");
    expect(
      await countRows("SELECT count(*) AS n FROM subscriptions WHERE user_id = ?", userId),
    ).toBe(0);
  });

  it("a plan chosen at registration is only a checkout intent: the account is Free with Free's limits", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const email = `${uniqueId("intent")}@example.test`;
    const password = "a long and unusual passphrase";
    const registered = await api(
      "/api/auth/register",
      postJson({ email, password, name: "Mary Jackson", plan: "enterprise" }),
    );
    expect(registered.status).toBe(202);
    const stored = await env.DB.prepare("SELECT plan, plan_intent FROM users WHERE id = ?")
      .bind(await userIdOf(email))
      .first<{ plan: string; plan_intent: string | null }>();
    expect(stored).toEqual({ plan: "free", plan_intent: "enterprise" });

    // the unconfirmed account can sign in, on Free's terms
    const login = await api("/api/auth/login", postJson({ email, password }));
    expect(login.status).toBe(200);
    const headers = { Authorization: `Bearer ${login.body.data.access_token}` };
    const profile = await api("/api/profile", { headers });
    expect(profile.body.data.user.plan).toBe("free");
    expect(profile.body.data.profile.plan_intent).toBe("enterprise");
    for (const title of ["One", "Two"]) {
      expect((await api("/api/resumes", postJson({ title }, headers))).status).toBe(201);
    }
    const third = await api("/api/resumes", postJson({ title: "Three" }, headers));
    expect(third.status).toBe(403);
    expect(third.body.error).toMatchObject({ code: "plan_limit", details: { limit: 2 } });
    const premium = await api(
      "/api/resumes",
      postJson({ title: "Fancy", template: "sidebar" }, headers),
    );
    expect(premium.status).toBe(403);
  });
});

describe("migration 0011: plans follow billing", () => {
  it("puts every account back on what its subscription entitles it to", async () => {
    const now = Date.now();
    const account = async (label: string, plan: string) => {
      const id = uniqueId(label);
      await env.DB.prepare(
        "INSERT INTO users (id, email, name, plan, created_at, updated_at) VALUES (?, ?, 'M', ?, ?, ?)",
      )
        .bind(id, `${id}@example.test`, plan, now, now)
        .run();
      return id;
    };
    const subscription = (userId: string, plan: string, status: string, createdAt = now) =>
      env.DB.prepare(
        `INSERT INTO subscriptions (id, user_id, customer_id, plan, status, current_period_start,
           current_period_end, last_event_created, last_event_seq, created_at, updated_at)
         VALUES (?, ?, 'cus_test', ?, ?, 0, 0, 0, 0, ?, ?)`,
      )
        .bind(uniqueId("sub"), userId, plan, status, createdAt, createdAt)
        .run();
    // given away by PATCH /api/profile or registration: no subscription at all
    const gift = await account("gift", "enterprise");
    // a Standard trial that raised itself to Enterprise
    const raised = await account("raised", "enterprise");
    await subscription(raised, "standard", "trialing");
    // paid, past due (still in grace), ended, unpaid
    const paid = await account("paid", "premium");
    await subscription(paid, "premium", "active");
    const late = await account("late", "standard");
    await subscription(late, "standard", "past_due");
    const ended = await account("ended", "premium");
    await subscription(ended, "premium", "canceled");
    const unpaid = await account("unpaid", "standard");
    await subscription(unpaid, "standard", "active", now - 1000);
    await subscription(unpaid, "premium", "unpaid");
    const honest = await account("honest", "free");

    const migration = env.TEST_MIGRATIONS.find((m) => m.name === "0011_plans_follow_billing.sql");
    expect(migration).toBeDefined();
    for (const query of migration!.queries) await env.DB.prepare(query).run();

    const plans = Object.fromEntries(
      await Promise.all(
        [gift, raised, paid, late, ended, unpaid, honest].map(async (id) => [
          id.split("-")[0],
          await planOf(id),
        ]),
      ),
    );
    expect(plans).toEqual({
      gift: "free",
      raised: "standard",
      paid: "premium",
      late: "standard",
      ended: "free",
      unpaid: "free",
      honest: "free",
    });
  });
});
