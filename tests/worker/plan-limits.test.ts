import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { currentPeriod } from "../../server/billing/usage";
import { postJson, signedInPerson } from "./auth-support";
import { personWithResume, requestExport } from "./export-support";
import { api } from "./helpers";

// Every plan refusal is the one `plan_limit` error of server/billing/entitlements.ts: the
// same body wherever it comes from (routes, services, metering), naming the limit, the plan
// and the plan that lifts it.

type Headers = Record<string, string>;

async function personOnPlan(plan: string) {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ?, email_verified_at = ? WHERE id = ?")
    .bind(plan, Date.now(), person.userId)
    .run();
  return person;
}

async function createResume(headers: Headers, body: Record<string, unknown> = {}) {
  return api("/api/resumes", postJson({ title: "CV", ...body }, headers));
}

const useUp = (userId: string, metric: string, count: number) =>
  env.DB.prepare("INSERT INTO usage_counters (user_id, metric, period, count) VALUES (?, ?, ?, ?)")
    .bind(userId, metric, currentPeriod(Date.now()), count)
    .run();

/** The one shape: 403, code plan_limit, and exactly these details besides `more`. */
function expectPlanLimit(
  answer: { status: number; body: { error: Record<string, unknown> } },
  message: string,
  details: Record<string, unknown>,
) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(403);
  expect(answer.body.error).toEqual({ code: "plan_limit", message, details });
}

describe("plan_limit: one error for every plan check", () => {
  it("the resume count, and a resume beyond it after a downgrade", async () => {
    const person = await personOnPlan("free");
    const ids: string[] = [];
    for (const title of ["First", "Second"]) {
      const created = await createResume(person.headers, { title });
      expect(created.status).toBe(201);
      ids.push(created.body.data.id);
    }
    expectPlanLimit(
      await createResume(person.headers),
      "Your plan allows 2 resumes. Upgrade to add more.",
      { feature: "resumes", plan: "free", limit: 2, upgrade_to: "standard", resource: "resumes" },
    );

    await env.DB.prepare("UPDATE users SET plan = 'standard' WHERE id = ?")
      .bind(person.userId)
      .run();
    expect((await createResume(person.headers, { title: "Third" })).status).toBe(201);
    await env.DB.prepare("UPDATE users SET plan = 'free' WHERE id = ?").bind(person.userId).run();
    await env.DB.prepare("UPDATE resumes SET updated_at = 1 WHERE id = ?").bind(ids[0]).run();
    const edit = await api(`/api/resumes/${ids[0]}`, {
      method: "PATCH",
      headers: { ...person.headers, "Content-Type": "application/json", "If-Match": '"1"' },
      body: JSON.stringify({ title: "Edited" }),
    });
    expectPlanLimit(
      edit,
      "Your plan allows 2 resumes; this one is read-only. Upgrade, or delete another resume to edit it.",
      {
        feature: "resumes",
        plan: "free",
        limit: 2,
        upgrade_to: "standard",
        resource: "resumes",
        read_only: true,
      },
    );
  });

  it("features: a premium template and a password-protected link", async () => {
    const person = await personOnPlan("free");
    expectPlanLimit(
      await createResume(person.headers, { template: "sidebar" }),
      "The Sidebar template is not part of your plan. Upgrade to use it.",
      {
        feature: "premiumTemplates",
        plan: "free",
        limit: false,
        upgrade_to: "standard",
        template: "sidebar",
      },
    );
    const created = await createResume(person.headers);
    expectPlanLimit(
      await api(
        `/api/resumes/${created.body.data.id}/share`,
        postJson({ enabled: true, password: "secret-words" }, person.headers),
      ),
      "Password-protected links are not part of your plan. Upgrade to add a password.",
      { feature: "sharePassword", plan: "free", limit: false, upgrade_to: "standard" },
    );
  });

  it("monthly allowances: exports and writing help, with the month they count in", async () => {
    const person = await personWithResume({}, "standard");
    await useUp(person.userId, "exports", 50);
    expectPlanLimit(
      await requestExport(person.headers, person.resumeId, { format: "txt" }),
      "Your plan includes 50 exports a month. Upgrade for more.",
      {
        feature: "exportsPerMonth",
        plan: "standard",
        limit: 50,
        upgrade_to: "premium",
        resource: "exports",
        period: currentPeriod(Date.now()),
      },
    );
    await env.DB.prepare("UPDATE users SET plan = 'premium' WHERE id = ?")
      .bind(person.userId)
      .run();
    await useUp(person.userId, "ai_calls", 1000);
    expectPlanLimit(
      await api("/api/ai/enhance", postJson({ text: "Helped customers" }, person.headers)),
      "Your plan includes 1000 writing-help requests a month. Upgrade for more.",
      {
        feature: "aiCallsPerMonth",
        plan: "premium",
        limit: 1000,
        upgrade_to: "enterprise",
        resource: "ai_calls",
        period: currentPeriod(Date.now()),
      },
    );
  });
});
