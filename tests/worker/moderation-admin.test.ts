import { describe, expect, it } from "vitest";
import { postJson } from "./auth-support";
import { api, bearerFor } from "./helpers";
import {
  moderator,
  personWithResume,
  reviewKeyword,
  shareResume,
  waitForCase,
  waitForPublication,
} from "./moderation-support";

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { ...headers, "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

async function caseInReview(keyword: string) {
  await reviewKeyword(keyword, "spam");
  const { person, resumeId } = await personWithResume({
    basics: { name: "Grace Hopper", summary: `Call 555 0100 about ${keyword}.` },
  });
  await shareResume(person.headers, resumeId);
  return { person, resumeId, found: await waitForCase(resumeId, "in_review") };
}

describe("the review queue API", () => {
  it("lists open cases soonest deadline first, with filters, and shows one with what was checked", async () => {
    const { found } = await caseInReview("crypto-signals-club");
    const mod = await moderator();
    const queue = await api("/api/admin/moderation/cases?category=spam&source=publication", {
      headers: mod.headers,
    });
    expect(queue.status).toBe(200);
    const listed = queue.body.data.find((c: { id: string }) => c.id === found.id);
    expect(listed).toMatchObject({ status: "in_review", priority: "standard", category: "spam" });
    const deadlines = queue.body.data.map((c: { sla_due_at: string }) => c.sla_due_at);
    expect([...deadlines].sort()).toEqual(deadlines);
    const byLayer = await api("/api/admin/moderation/cases?layer=human", { headers: mod.headers });
    expect(byLayer.body.data.some((c: { id: string }) => c.id === found.id)).toBe(false);

    const detail = await api(`/api/admin/moderation/cases/${found.id}`, { headers: mod.headers });
    expect(detail.status).toBe(200);
    expect(detail.body.data.content.basics.summary).toContain("crypto-signals-club");
    const rules = detail.body.data.decisions.find((d: { layer: string }) => d.layer === "rules");
    expect(rules.signals[0]).toMatchObject({
      layer: "rules",
      category: "spam",
      confidence: 75,
      evidence: [expect.objectContaining({ path: "basics.summary" })],
    });
    const ai = detail.body.data.decisions.find((d: { layer: string }) => d.layer === "ai");
    expect(ai.model).toBe("builtin-classifier");
  });

  it("lets support read the queue but not decide; customers see none of it", async () => {
    const { found } = await caseInReview("forex-mentor-group");
    const support = await bearerFor("support");
    expect((await api("/api/admin/moderation/cases", { headers: support.headers })).status).toBe(
      200,
    );
    const refused = await api(
      `/api/admin/moderation/cases/${found.id}/decision`,
      postJson({ verdict: "approve", reason: "fine" }, support.headers),
    );
    expect(refused.status).toBe(403);
    const customer = await bearerFor("user");
    expect((await api("/api/admin/moderation/cases", { headers: customer.headers })).status).toBe(
      403,
    );
    expect((await api("/api/admin/moderation/rules", { headers: customer.headers })).status).toBe(
      403,
    );
  });

  it("decides in bulk and reports each case's result", async () => {
    const first = await caseInReview("vip-betting-picks");
    const second = await caseInReview("vip-betting-tips");
    const mod = await moderator();
    const missing = "mc_00000000000000000000000000000000";
    const bulk = await api(
      "/api/admin/moderation/cases/decisions",
      postJson(
        {
          case_ids: [first.found.id, second.found.id, missing],
          verdict: "approve",
          reason: "Hobbies",
        },
        mod.headers,
      ),
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body.data.map((r: { result: string }) => r.result)).toEqual([
      "decided",
      "decided",
      "not_found",
    ]);
    await waitForPublication(first.person.headers, first.resumeId, "live");
    await waitForCase(second.resumeId, "closed");
    const invalid = await api(
      "/api/admin/moderation/cases/decisions",
      postJson({ case_ids: [], verdict: "approve", reason: "" }, mod.headers),
    );
    expect(invalid.status).toBe(400);
  });
});

describe("the rules API", () => {
  it("lists the built-in rules, saves, tests and reverts an admin's rule", async () => {
    const admin = await bearerFor("super_admin");
    const list = await api("/api/admin/moderation/rules", { headers: admin.headers });
    expect(list.status).toBe(200);
    const builtIn = list.body.data.filter((r: { origin: string }) => r.origin === "built_in");
    expect(builtIn.length).toBeGreaterThan(5);

    const rule = {
      id: "test.giveaway",
      kind: "regex",
      category: "spam",
      pattern: "free\\s+gift\\s+cards?",
      confidence: 70,
      enabled: true,
      note: "giveaway bait",
    };
    const tried = await api(
      "/api/admin/moderation/rules/test",
      json("POST", { rule, text: "Claim your FREE gift card now" }, admin.headers),
    );
    expect(tried.body.data.matches).toEqual([{ start: 11, end: 25, text: "FREE gift card" }]);
    const saved = await api(
      `/api/admin/moderation/rules/${rule.id}`,
      json("PUT", rule, admin.headers),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      origin: "custom",
      updated_by: `user:${admin.id}`,
      problem: null,
    });

    // a pattern that could backtrack for ever is refused before it is ever run
    const unsafe = await api(
      `/api/admin/moderation/rules/${rule.id}`,
      json("PUT", { ...rule, pattern: "(a+)+$" }, admin.headers),
    );
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.error.code).toBe("validation_failed");
    const mismatched = await api(
      "/api/admin/moderation/rules/test.other",
      json("PUT", rule, admin.headers),
    );
    expect(mismatched.status).toBe(400);

    const removed = await api(`/api/admin/moderation/rules/${rule.id}`, {
      method: "DELETE",
      headers: admin.headers,
    });
    expect(removed.status).toBe(200);
    const again = await api(`/api/admin/moderation/rules/${rule.id}`, {
      method: "DELETE",
      headers: admin.headers,
    });
    expect(again.status).toBe(404);
  });

  it("lets support read the rules but not change them", async () => {
    const support = await bearerFor("support");
    expect((await api("/api/admin/moderation/rules", { headers: support.headers })).status).toBe(
      200,
    );
    const refused = await api(
      "/api/admin/moderation/rules/test.nope",
      json(
        "PUT",
        {
          id: "test.nope",
          kind: "keyword",
          category: "spam",
          pattern: "x",
          confidence: 1,
          enabled: true,
          note: "",
        },
        support.headers,
      ),
    );
    expect(refused.status).toBe(403);
  });
});
