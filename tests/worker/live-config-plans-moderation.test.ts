import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PLAN_DETAIL_DEFAULTS } from "../../core/config/plan-details";
import { DEFAULT_STRIKE_THRESHOLDS } from "../../core/moderation/strikes";
import { PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import { strikeThresholds } from "../../server/moderation/strikes";
import { freshIp } from "./auth-support";
import { api, bearerFor, uniqueId } from "./helpers";
import {
  casesOf,
  personWithResume,
  shareResume,
  waitForCase,
  waitForPublication,
} from "./moderation-support";

// README "Live configuration": plan details (names, prices shown, taglines) on the public plans
// answer, and the moderation thresholds in force for reports and strikes, both versioned and
// rolled back like every section.

type Headers = Record<string, string>;
type Offer = { plan: string; name: string; tagline: string; shown_price_cents: number };

function send(method: "PUT" | "POST", path: string, body: unknown, headers: Headers) {
  return api(path, {
    method,
    headers: {
      ...headers,
      "Content-Type": "application/json",
      "Idempotency-Key": uniqueId("idem"),
    },
    body: JSON.stringify(body),
  });
}

async function sectionNow(section: string, headers: Headers) {
  const overview = await api("/api/admin/config", { headers });
  expect(overview.status, JSON.stringify(overview.body)).toBe(200);
  const sections = overview.body.data.sections as Array<{ section: string }>;
  return sections.find((entry) => entry.section === section) as unknown as {
    version: number;
    value: Record<string, Record<string, unknown>>;
  };
}

async function offers(headers: Headers = {}) {
  const answer = await api("/api/billing/plans", { headers });
  return { answer, offers: answer.body?.data as Offer[] | undefined };
}

describe("live configuration: plan details", () => {
  it("a renamed, repriced plan shows on the public plans answer at once; the charged price stays", async () => {
    const admin = await bearerFor("super_admin");
    const before = await offers();
    expect(before.answer.response.headers.get("Cache-Control")).toBe("public, no-cache");
    const etag = before.answer.response.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"plans-v\d+:details-v0"$/);
    expect((await offers({ "If-None-Match": etag })).answer.status).toBe(304);
    expect(before.offers?.find((offer) => offer.plan === "standard")).toMatchObject({
      name: "Standard",
      tagline: PLAN_DETAIL_DEFAULTS.standard.tagline,
      shown_price_cents: PLAN_PRICES_CENTS.standard,
    });

    const current = await sectionNow("plan_details", admin.headers);
    const renamed = {
      ...current.value,
      standard: { name: "Job Seeker", priceCents: 1299, tagline: "Everything for a search." },
    };
    const written = await send(
      "PUT",
      "/api/admin/config/plan_details",
      { value: renamed, reason: "Spring promotion" },
      admin.headers,
    );
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const after = await offers({ "If-None-Match": etag });
    expect(after.answer.status).toBe(200);
    expect(after.answer.response.headers.get("ETag")).toBe(
      etag.replace("details-v0", `details-v${written.body.data.version}`),
    );
    expect(after.offers?.find((offer) => offer.plan === "standard")).toMatchObject({
      name: "Job Seeker",
      tagline: "Everything for a search.",
      shown_price_cents: 1299,
      // what the local provider charges is the code's, whatever is shown
      price_cents: PLAN_PRICES_CENTS.standard,
    });

    const reset = await send(
      "PUT",
      "/api/admin/config/plan_details",
      { value: PLAN_DETAIL_DEFAULTS, reason: "Promotion over" },
      admin.headers,
    );
    expect(reset.status).toBe(200);
    const standardName = async () =>
      (await offers()).offers?.find((offer) => offer.plan === "standard")?.name;
    expect(await standardName()).toBe("Standard");

    const rolledBack = await send(
      "POST",
      "/api/admin/config/plan_details/rollback",
      { version: written.body.data.version, reason: "Promotion back on" },
      admin.headers,
    );
    expect(rolledBack.status, JSON.stringify(rolledBack.body)).toBe(200);
    expect(rolledBack.body.data.version).toBe(reset.body.data.version + 1);
    expect(await standardName()).toBe("Job Seeker");
    await send(
      "PUT",
      "/api/admin/config/plan_details",
      { value: PLAN_DETAIL_DEFAULTS, reason: "Test over" },
      admin.headers,
    );
  });

  it("refuses a bad name or price with the zod issue, and writes nothing", async () => {
    const admin = await bearerFor("super_admin");
    const current = await sectionNow("plan_details", admin.headers);
    const refused = await send(
      "PUT",
      "/api/admin/config/plan_details",
      {
        value: { ...current.value, free: { ...current.value.free, name: " ", priceCents: -5 } },
        reason: "Bad details",
      },
      admin.headers,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.details.map((issue: { path: unknown[] }) => issue.path)).toEqual([
      ["value", "free", "name"],
      ["value", "free", "priceCents"],
    ]);
    expect((await sectionNow("plan_details", admin.headers)).version).toBe(current.version);
  });
});

async function livePage() {
  const { person, resumeId } = await personWithResume({
    basics: { name: "Ada Lovelace", summary: "Analyst." },
  });
  const { slug } = await shareResume(person.headers, resumeId);
  await waitForPublication(person.headers, resumeId, "live");
  return { resumeId, slug };
}

const report = (slug: string) =>
  SELF.fetch(`https://example.com/r/${slug}/report`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": freshIp() },
    body: new URLSearchParams({ category: "spam", message: "" }).toString(),
  });

describe("live configuration: moderation thresholds", () => {
  it("a lowered report threshold opens a case on the next report; a rollback restores it", async () => {
    const admin = await bearerFor("super_admin");
    const current = await sectionNow("moderation", admin.headers);
    const bad = await send(
      "PUT",
      "/api/admin/config/moderation",
      { value: { ...current.value, reports: { openCase: 50, withhold: 40 } }, reason: "Bad" },
      admin.headers,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({ path: ["value", "reports", "withhold"] }),
    ]);

    // one first report weighs 10: below the code's 20, at the lowered 10
    const lowered = await send(
      "PUT",
      "/api/admin/config/moderation",
      { value: { ...current.value, reports: { openCase: 10, withhold: 1000 } }, reason: "Lower" },
      admin.headers,
    );
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    const first = await livePage();
    expect((await report(first.slug)).status).toBe(200);
    expect(await waitForCase(first.resumeId, "in_review")).toMatchObject({ source: "report" });
    // the strike thresholds were kept as they were
    expect(await strikeThresholds(env)).toEqual(DEFAULT_STRIKE_THRESHOLDS);

    const rolledBack = await send(
      "POST",
      "/api/admin/config/moderation/rollback",
      { version: current.version, reason: "Too many cases" },
      admin.headers,
    );
    expect(rolledBack.status, JSON.stringify(rolledBack.body)).toBe(200);
    expect(rolledBack.body.data.value.reports).toEqual({ openCase: 20, withhold: 60 });
    const second = await livePage();
    expect((await report(second.slug)).status).toBe(200);
    expect((await casesOf(second.resumeId)).map((row) => row.source)).toEqual(["publication"]);
  });
});
