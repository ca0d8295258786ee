import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { currentPeriod } from "../../server/billing/usage";
import { createLogger } from "../../server/logger";
import { enhanceText, suggestText } from "../../server/resumes/writing-help";
import { postJson, signedInPerson } from "./auth-support";
import { api, opsHeaders, servedAt } from "./helpers";

async function personOnPlan(plan: string) {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  return person;
}

const logger = createLogger("error");

describe("POST /api/ai/enhance", () => {
  it("improves a bullet with the built-in rules here, and says which engine answered", async () => {
    const person = await personOnPlan("standard");
    const answer = await api(
      "/api/ai/enhance",
      postJson(
        { text: "I was responsible for managing the support team", kind: "bullet" },
        person.headers,
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      text: "Managed the support team",
      engine: "heuristic",
      engine_label: "Built-in writing rules (no AI model)",
      unchanged: false,
      usage: { used: 1, limit: 100 },
    });
    expect(answer.body.data.tips.length).toBeGreaterThan(0);
  });

  it("charges nothing for an answer with the same wording, and says so", async () => {
    const person = await personOnPlan("free");
    const before = await api(
      "/api/ai/enhance",
      postJson({ text: "I was responsible for managing the support team" }, person.headers),
    );
    expect(before.body.data).toMatchObject({ unchanged: false, usage: { used: 1, limit: 10 } });
    // Already tidy: the rules give back the same words (without the full stop).
    const same = await api(
      "/api/ai/enhance",
      postJson({ text: "Managed the support team.", kind: "bullet" }, person.headers),
    );
    expect(same.status).toBe(200);
    expect(same.body.data).toMatchObject({
      text: "Managed the support team.",
      unchanged: true,
      usage: { used: 1, limit: 10 },
    });
    const { count } = (await env.DB.prepare(
      "SELECT count FROM usage_counters WHERE user_id = ? AND metric = 'ai_calls'",
    )
      .bind(person.userId)
      .first<{ count: number }>())!;
    expect(count).toBe(1);
  });

  it("counts calls against the plan's monthly allowance and stops at it with plan_limit", async () => {
    const person = await personOnPlan("free");
    await env.DB.prepare(
      "INSERT INTO usage_counters (user_id, metric, period, count) VALUES (?, 'ai_calls', ?, 9)",
    )
      .bind(person.userId, currentPeriod(Date.now()))
      .run();
    const last = await api(
      "/api/ai/enhance",
      postJson({ text: "I helped customers" }, person.headers),
    );
    expect(last.body.data.usage).toEqual({ used: 10, limit: 10 });
    const over = await api(
      "/api/ai/enhance",
      postJson({ text: "I helped customers" }, person.headers),
    );
    expect(over.status).toBe(403);
    expect(over.body.error).toMatchObject({
      code: "plan_limit",
      details: { limit: 10, resource: "ai_calls", period: currentPeriod(Date.now()) },
    });
    // a refused call is not counted
    const { count } = (await env.DB.prepare(
      "SELECT count FROM usage_counters WHERE user_id = ? AND metric = 'ai_calls'",
    )
      .bind(person.userId)
      .first<{ count: number }>())!;
    expect(count).toBe(10);
  });

  it("never lets parallel calls overshoot the allowance", async () => {
    const person = await personOnPlan("free");
    await env.DB.prepare(
      "INSERT INTO usage_counters (user_id, metric, period, count) VALUES (?, 'ai_calls', ?, 7)",
    )
      .bind(person.userId, currentPeriod(Date.now()))
      .run();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        api("/api/ai/enhance", postJson({ text: "I did reports" }, person.headers)),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 403)).toHaveLength(3);
  });

  it("limits bursts to 20 a minute with 429 and Retry-After", async () => {
    const person = await personOnPlan("enterprise");
    // One time for every call, 10 s into a minute: all count in that minute's window.
    const headers = {
      ...person.headers,
      ...servedAt(Math.floor(Date.now() / 60_000) * 60_000 + 10_000),
    };
    for (let call = 0; call < 20; call++) {
      expect(
        (await api("/api/ai/enhance", postJson({ text: "Made dashboards" }, headers))).status,
      ).toBe(200);
    }
    const limited = await api("/api/ai/enhance", postJson({ text: "Made dashboards" }, headers));
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get("retry-after")).toBe("50");
  });

  it("validates input and needs a personal session", async () => {
    const person = await personOnPlan("standard");
    for (const body of [
      {},
      { text: "x" },
      { text: "fine text", kind: "poem" },
      { text: "y".repeat(2001) },
    ]) {
      expect(
        (await api("/api/ai/enhance", postJson(body, person.headers))).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect((await api("/api/ai/enhance", postJson({ text: "Helped" }))).status).toBe(401);
    expect((await api("/api/ai/enhance", postJson({ text: "Helped" }, opsHeaders))).status).toBe(
      403,
    );
  });
});

describe("POST /api/ai/suggest", () => {
  it("suggests skills from a job description, and bullets and summaries from a role", async () => {
    const person = await personOnPlan("standard");
    const skills = await api(
      "/api/ai/suggest",
      postJson(
        {
          kind: "skills",
          job_description: "Python and SQL for analytics; Tableau dashboards; more SQL.",
        },
        person.headers,
      ),
    );
    expect(skills.status).toBe(200);
    expect(skills.body.data.suggestions.slice(0, 2)).toEqual(["SQL", "Python"]);
    expect(skills.body.data.engine).toBe("heuristic");
    const bullets = await api(
      "/api/ai/suggest",
      postJson({ kind: "bullets", role: "Nurse" }, person.headers),
    );
    expect(bullets.body.data.suggestions.join(" ")).toMatch(/patients/);
    const missing = await api("/api/ai/suggest", postJson({ kind: "summary" }, person.headers));
    expect(missing.status).toBe(400);
  });
});

describe("Workers AI engine", () => {
  // Workers AI cannot run here (no network, no local model): these stand in for the AI
  // binding only, to check how its answers are used and that a failure falls back.
  const aiAnswering = (response: string) => ({ run: async () => ({ response }) }) as unknown as Ai;

  it("uses the model's JSON answer and labels it", async () => {
    const answer = await enhanceText(
      {
        ...env,
        AI: aiAnswering('Sure! {"text": "Led a team of [N]", "tips": ["Add the team size"]}'),
      },
      { text: "was in charge of a team", kind: "bullet" },
      logger,
    );
    expect(answer).toEqual({
      text: "Led a team of [N]",
      tips: ["Add the team size"],
      engine: "workers-ai",
    });
    const suggestions = await suggestText(
      { ...env, AI: aiAnswering('{"suggestions": ["Kotlin", "Android"]}') },
      "skills",
      { role: "Android developer" },
      logger,
    );
    expect(suggestions).toEqual({ suggestions: ["Kotlin", "Android"], engine: "workers-ai" });
  });

  it("falls back to the built-in rules when the model fails or answers nonsense", async () => {
    const failing = { run: async () => Promise.reject(new Error("capacity")) } as unknown as Ai;
    for (const AI of [failing, aiAnswering("no json here"), aiAnswering('{"text": 42}')]) {
      const answer = await enhanceText(
        { ...env, AI },
        { text: "worked on billing", kind: "bullet" },
        logger,
      );
      expect(answer).toMatchObject({ text: "Built billing", engine: "heuristic" });
    }
  });
});
