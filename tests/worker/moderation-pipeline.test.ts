import { env, introspectWorkflow, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { postJson } from "./auth-support";
import { api, countRows } from "./helpers";
import {
  casesOf,
  mailedTemplates,
  moderator,
  personWithResume,
  reviewKeyword,
  shareResume,
  waitForCase,
  waitForPublication,
} from "./moderation-support";

const publicPage = (slug: string) => SELF.fetch(`https://example.com/r/${slug}`);

/** Someone else's card number (Luhn-valid Visa test number) with its security code. */
const LEAKED_CARD = {
  basics: {
    name: "Grace Hopper",
    summary:
      "Payment for the course: card 4111 1111 1111 1111 exp 09/29 CVV 123, billed to my neighbour.",
  },
};

describe("ModerationWorkflow on a public link", () => {
  it("publishes clean content after the automated layers, each recorded", async () => {
    const { person, resumeId } = await personWithResume({
      basics: {
        name: "Grace Hopper",
        summary: "Security engineer: penetration tests, exploit development.",
      },
    });
    const share = await shareResume(person.headers, resumeId);
    expect(["checking", "live"]).toContain(share.publication.state);
    await waitForPublication(person.headers, resumeId, "live");
    const page = await publicPage(share.slug);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("penetration tests");

    const [closed] = await casesOf(resumeId);
    expect(closed).toMatchObject({ status: "closed", outcome: "allow", source: "publication" });
    const layers = await env.DB.prepare(
      "SELECT layer, model FROM moderation_decisions WHERE case_id = ? ORDER BY layer",
    )
      .bind(closed!.id)
      .all<{ layer: string; model: string | null }>();
    // locally the built-in classifier stands in for Workers AI, and says so
    expect(layers.results).toEqual([
      { layer: "ai", model: "builtin-classifier" },
      { layer: "rules", model: null },
    ]);
  });

  it("takes down someone else's card number at once and tells the owner", async () => {
    const { person, resumeId } = await personWithResume(LEAKED_CARD);
    const share = await shareResume(person.headers, resumeId);
    await waitForPublication(person.headers, resumeId, "taken_down");
    expect((await publicPage(share.slug)).status).toBe(410);
    const [row] = await casesOf(resumeId);
    expect(row).toMatchObject({ status: "closed", category: "pii" });
    expect(["quarantine", "block"]).toContain(row!.outcome);
    expect(await mailedTemplates(person.email)).toContain("moderation_notice");
    // a quarantine is no confirmed violation (the owner can fix it): no strike
    expect(
      await countRows("SELECT count(*) AS n FROM strikes WHERE user_id = ?", person.userId),
    ).toBe(0);
  });

  it("sends the middle band to review; the workflow waits, and an approval publishes", async () => {
    const keyword = "moonlighting-casino";
    await reviewKeyword(keyword, "spam");
    const { person, resumeId } = await personWithResume({
      basics: { name: "Grace Hopper", summary: `Side projects: ${keyword} marketing.` },
    });
    await shareResume(person.headers, resumeId);
    const inReview = await waitForCase(resumeId, "in_review");
    // spam stays online while a moderator looks (README "Content moderation": decisions)
    await waitForPublication(person.headers, resumeId, "live");
    const mod = await moderator();
    const decided = await api(
      `/api/admin/moderation/cases/${inReview.id}/decision`,
      postJson({ verdict: "approve", reason: "A job title, not an advert" }, mod.headers),
    );
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.data).toMatchObject({ result: "decided", verdict: "approve" });
    await waitForCase(resumeId, "closed");
    const again = await api(
      `/api/admin/moderation/cases/${inReview.id}/decision`,
      postJson({ verdict: "approve", reason: "Again" }, mod.headers),
    );
    expect(again.body.data.result).toBe("already_decided");
    const otherWay = await api(
      `/api/admin/moderation/cases/${inReview.id}/decision`,
      postJson({ verdict: "reject", reason: "Changed my mind" }, mod.headers),
    );
    expect(otherWay.status).toBe(409);
    expect(await mailedTemplates(person.email)).toEqual(["moderation_notice", "moderation_notice"]);
  });

  it("a rejection takes the page down, records a strike, and blocks the same content anywhere", async () => {
    const keyword = "cheap-followers-shop";
    await reviewKeyword(keyword, "spam");
    const data = { basics: { name: "Grace Hopper", summary: `Buy from ${keyword} today.` } };
    const first = await personWithResume(data);
    await shareResume(first.person.headers, first.resumeId);
    const inReview = await waitForCase(first.resumeId, "in_review");
    const mod = await moderator();
    const rejected = await api(
      `/api/admin/moderation/cases/${inReview.id}/decision`,
      postJson({ verdict: "reject", reason: "Advertising" }, mod.headers),
    );
    expect(rejected.status).toBe(200);
    await waitForPublication(first.person.headers, first.resumeId, "taken_down");
    expect(
      await countRows("SELECT count(*) AS n FROM strikes WHERE user_id = ?", first.person.userId),
    ).toBe(1);

    // the same words from someone else: the known-content cache blocks them at once
    const second = await personWithResume(data);
    await shareResume(second.person.headers, second.resumeId);
    await waitForPublication(second.person.headers, second.resumeId, "taken_down");
    const [row] = await casesOf(second.resumeId);
    const hash = await env.DB.prepare(
      "SELECT layer, rule FROM moderation_decisions WHERE case_id = ?",
    )
      .bind(row!.id)
      .all();
    expect(hash.results).toEqual([{ layer: "hash", rule: "known-bad" }]);
  });

  it("publishing the same content twice starts one check", async () => {
    const { person, resumeId } = await personWithResume({
      basics: { name: "Ada", summary: "Analyst." },
    });
    await shareResume(person.headers, resumeId);
    await shareResume(person.headers, resumeId);
    await waitForPublication(person.headers, resumeId, "live");
    await shareResume(person.headers, resumeId);
    expect(await casesOf(resumeId)).toHaveLength(1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM workflow_runs WHERE subject = ?",
        `share:${resumeId}`,
      ),
    ).toBe(1);
  });

  it("escalates a case nobody decided by its deadline, then still acts on a late decision", async () => {
    await using workflows = await introspectWorkflow(env.MODERATION_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait for a moderator" });
    });
    const keyword = "weekend-lottery-tips";
    await reviewKeyword(keyword, "spam");
    const { person, resumeId } = await personWithResume({
      basics: { name: "Grace Hopper", summary: `Hobbies: ${keyword}.` },
    });
    await shareResume(person.headers, resumeId);
    const escalated = await waitForCase(resumeId, "escalated");
    const alert = await env.DB.prepare(
      "SELECT count(*) AS n FROM email_outbox WHERE template = 'moderation_escalated' AND dedupe_key = ?",
    )
      .bind(`moderation:${escalated.id}:escalated`)
      .first<number>("n");
    expect(alert).toBe(1);
    const priority = await env.DB.prepare("SELECT priority FROM moderation_cases WHERE id = ?")
      .bind(escalated.id)
      .first<string>("priority");
    expect(priority).toBe("critical");
    const mod = await moderator();
    await api(
      `/api/admin/moderation/cases/${escalated.id}/decision`,
      postJson({ verdict: "request_changes", reason: "Remove the gambling tips" }, mod.headers),
    );
    const [instance] = workflows.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ outcome: "moderator", escalated: true });
    await waitForPublication(person.headers, resumeId, "taken_down");
  });

  it("an edit of a live page is checked before it replaces what visitors see", async () => {
    const { person, resumeId } = await personWithResume({
      basics: { name: "Ada", summary: "First version." },
    });
    const share = await shareResume(person.headers, resumeId);
    await waitForPublication(person.headers, resumeId, "live");
    const current = await api(`/api/resumes/${resumeId}`, { headers: person.headers });
    const saved = await api(`/api/resumes/${resumeId}`, {
      method: "PATCH",
      headers: {
        ...person.headers,
        "Content-Type": "application/json",
        "If-Match": current.response.headers.get("ETag") ?? "",
      },
      body: JSON.stringify({ data: { basics: { name: "Ada", summary: "Second version." } } }),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await vi.waitFor(
      async () => {
        const text = await (await publicPage(share.slug)).text();
        if (!text.includes("Second version.")) throw new Error("still the first version");
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(await casesOf(resumeId)).toHaveLength(2);
  });
});
