import { env, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_REPORT_THRESHOLDS as REPORT_THRESHOLDS } from "../../core/config/moderation";
import { freshIp, postJson } from "./auth-support";
import { api, countRows } from "./helpers";
import {
  casesOf,
  moderator,
  personWithResume,
  shareResume,
  waitForCase,
  waitForPublication,
} from "./moderation-support";

/** A visitor's report through the public page's form, from `ip`. */
function report(slug: string, ip: string, category = "spam", message = "") {
  return SELF.fetch(`https://example.com/r/${slug}/report`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": ip },
    body: new URLSearchParams({ category, message }).toString(),
  });
}

async function livePage() {
  const { person, resumeId } = await personWithResume({
    basics: { name: "Grace Hopper", summary: "Compiler pioneer." },
  });
  const { slug } = await shareResume(person.headers, resumeId);
  await waitForPublication(person.headers, resumeId, "live");
  return { person, resumeId, slug };
}

describe("reports of public resumes", () => {
  it("every public page links to a report form that needs no account", async () => {
    const { slug } = await livePage();
    const page = await (await SELF.fetch(`https://example.com/r/${slug}`)).text();
    expect(page).toContain(`href="/r/${slug}/report"`);
    const form = await SELF.fetch(`https://example.com/r/${slug}/report`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('name="category"');
    expect(html).toContain("Hate speech");
  });

  it("refuses a report without a category, and one reporter's repeat counts once", async () => {
    const { slug, resumeId } = await livePage();
    const ip = freshIp();
    const bad = await SELF.fetch(`https://example.com/r/${slug}/report`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": ip },
      body: "category=nonsense",
    });
    expect(bad.status).toBe(400);
    expect((await report(slug, ip)).status).toBe(200);
    const again = await report(slug, ip);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("already reported");
    expect(
      await countRows("SELECT count(*) AS n FROM moderation_reports WHERE resume_id = ?", resumeId),
    ).toBe(1);
    // one first-time reporter weighs 10: below the threshold, no case yet
    expect(await casesOf(resumeId)).toEqual([
      expect.objectContaining({ source: "publication", status: "closed" }),
    ]);
  });

  it("enough weight opens a case in the queue; much more takes the page offline for review", async () => {
    const { slug, resumeId, person } = await livePage();
    const perReport = 10;
    const toOpen = Math.ceil(REPORT_THRESHOLDS.openCase / perReport);
    for (let i = 0; i < toOpen; i++)
      expect((await report(slug, freshIp(), "hate")).status).toBe(200);
    const opened = await waitForCase(resumeId, "in_review");
    expect(opened).toMatchObject({ source: "report", category: "hate" });
    // still online: a couple of reports are a reason to look, not to take it down
    expect((await SELF.fetch(`https://example.com/r/${slug}`)).status).toBe(200);

    const toWithhold = Math.ceil(REPORT_THRESHOLDS.withhold / perReport) - toOpen;
    for (let i = 0; i < toWithhold; i++) await report(slug, freshIp(), "hate");
    await waitForPublication(person.headers, resumeId, "withheld");
    expect((await SELF.fetch(`https://example.com/r/${slug}`)).status).toBe(503);
    const weight = await env.DB.prepare("SELECT report_weight FROM moderation_cases WHERE id = ?")
      .bind(opened.id)
      .first<number>("report_weight");
    expect(weight).toBeGreaterThanOrEqual(REPORT_THRESHOLDS.withhold);
    // every report is attached to the one case
    expect(
      await countRows(
        "SELECT count(*) AS n FROM moderation_reports WHERE resume_id = ? AND case_id IS NULL",
        resumeId,
      ),
    ).toBe(0);
  });

  it("new reports after a moderator approved the page start a new round, which a person decides again", async () => {
    const { slug, resumeId } = await livePage();
    const toOpen = Math.ceil(REPORT_THRESHOLDS.openCase / 10);
    for (let i = 0; i < toOpen; i++) await report(slug, freshIp(), "spam");
    const first = await waitForCase(resumeId, "in_review");
    const mod = await moderator();
    const approved = await api(
      `/api/admin/moderation/cases/${first.id}/decision`,
      postJson({ verdict: "approve", reason: "A normal resume" }, mod.headers),
    );
    expect(approved.status).toBe(200);
    await vi.waitFor(
      async () =>
        expect(
          await countRows(
            "SELECT count(*) AS n FROM moderation_reports WHERE case_id = ? AND status = 'dismissed'",
            first.id,
          ),
        ).toBe(toOpen),
      { timeout: 15_000, interval: 100 },
    );

    // the same content, reported again by other people: not waved through by the approval
    for (let i = 0; i < toOpen; i++) await report(slug, freshIp(), "hate");
    const second = await vi.waitFor(
      async () => {
        const found = (await casesOf(resumeId)).find(
          (row) => row.source === "report" && row.id !== first.id,
        );
        if (found?.status !== "in_review") throw new Error("no second round in review yet");
        return found;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(second.category).toBe("hate");
    expect(
      await countRows(
        "SELECT count(*) AS n FROM moderation_reports WHERE case_id = ? AND status = 'open'",
        second.id,
      ),
    ).toBe(toOpen);
  });

  it("limits how many reports one address sends", async () => {
    const ip = freshIp();
    const pages = [];
    for (let i = 0; i < 6; i++) pages.push((await livePage()).slug);
    const answers = [];
    for (const slug of pages) answers.push((await report(slug, ip)).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
