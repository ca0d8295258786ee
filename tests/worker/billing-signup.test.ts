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
    const { startPlanAtSignup } = await import("../../api/services/billing/subscriptions");
    const again = await startPlanAtSignup(
      env,
      { id: userId, email: "x@example.test", name: "Mary Jackson", plan: "standard" },
      "standard",
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
    expect(await instance!.getOutput()).toEqual({ outcome: "verified", plan: "premium" });
    expect(await planOf(userId)).toBe("free");
    expect(
      await countRows("SELECT count(*) AS n FROM subscriptions WHERE user_id = ?", userId),
    ).toBe(0);
  });
});
