import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { ENTITLEMENTS } from "../../core/plans/entitlements";
import { currentPeriod } from "../../server/billing/usage";
import { createLogger } from "../../server/logger";
import { REQUEST_LIMITS } from "../../server/ops/rate-limits";
import { enhanceText } from "../../server/resumes/writing-help";
import { postJson } from "./auth-support";
import { personWithResume, requestExport } from "./export-support";
import { api, bearerFor, opsHeaders, uniqueId } from "./helpers";

// README "Live configuration": versioned sections in D1, cached in KV behind a pointer, in
// force on the very next request, refused with the zod issues, rolled back as a new version.

type Headers = Record<string, string>;

const superAdmin = () => bearerFor("super_admin");

function send(
  method: "PUT" | "POST",
  path: string,
  body: unknown,
  headers: Headers,
  key: string | null = uniqueId("idem"),
) {
  return api(path, {
    method,
    headers: {
      ...headers,
      "Content-Type": "application/json",
      ...(key ? { "Idempotency-Key": key } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function sectionNow(section: string, headers: Headers) {
  const overview = await api("/api/admin/config", { headers });
  expect(overview.status, JSON.stringify(overview.body)).toBe(200);
  const sections = overview.body.data.sections as Array<Record<string, unknown>>;
  return sections.find((entry) => entry.section === section) as {
    version: number;
    value: Record<string, Record<string, unknown>>;
    defaults: Record<string, Record<string, unknown>>;
  };
}

/** Writes the plans section with Free's export allowance at `exports`. */
async function setFreeExports(exports: number | null, headers: Headers, reason = "Test change") {
  const current = await sectionNow("plans", headers);
  const value = { ...current.value, free: { ...current.value.free, exportsPerMonth: exports } };
  const written = await send("PUT", "/api/admin/config/plans", { value, reason }, headers);
  expect(written.status, JSON.stringify(written.body)).toBe(200);
  return written.body.data as { version: number; value: typeof value };
}

const useUp = (userId: string, metric: string, count: number) =>
  env.DB.prepare("INSERT INTO usage_counters (user_id, metric, period, count) VALUES (?, ?, ?, ?)")
    .bind(userId, metric, currentPeriod(Date.now()), count)
    .run();

async function auditOf(action: string, actor: string) {
  const log = await api(
    `/api/admin/audit-logs?actor=${encodeURIComponent(actor)}&action=${action}`,
    { headers: opsHeaders },
  );
  expect(log.status).toBe(200);
  return log.body.data as Array<{ resource_id: string; details: Record<string, unknown> }>;
}

// Whatever a test changed goes back to the code's defaults (as a new version), so no other
// test sees an override, whichever way the runner shares storage.
afterEach(async () => {
  const admin = await superAdmin();
  const overview = await api("/api/admin/config", { headers: admin.headers });
  for (const section of overview.body.data.sections as Array<Record<string, unknown>>) {
    if (JSON.stringify(section.value) === JSON.stringify(section.defaults)) continue;
    const reset = await send(
      "PUT",
      `/api/admin/config/${section.section}`,
      { value: section.defaults, reason: "Test over: the defaults again" },
      admin.headers,
    );
    expect(reset.status).toBe(200);
  }
});

describe("live configuration: validation", () => {
  it("refuses a value that does not fit its section, with the zod issue at the field", async () => {
    const admin = await superAdmin();
    const before = await sectionNow("plans", admin.headers);
    const value = { ...before.value, free: { ...before.value.free, exportsPerMonth: -1 } };
    const refused = await send(
      "PUT",
      "/api/admin/config/plans",
      { value, reason: "Bad" + " value" },
      admin.headers,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ path: ["value", "free", "exportsPerMonth"], location: "json" }),
    ]);

    const rules = (await sectionNow("rate_limits", admin.headers)).value;
    const unknownRule = await send(
      "PUT",
      "/api/admin/config/rate_limits",
      { value: { ...rules, madeUp: { limit: 1, windowSeconds: 60 } }, reason: "Unknown rule" },
      admin.headers,
    );
    expect(unknownRule.status).toBe(400);
    expect(JSON.stringify(unknownRule.body.error.details)).toContain("madeUp");

    const noReason = await send(
      "PUT",
      "/api/admin/config/plans",
      { value: before.value },
      admin.headers,
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toEqual(["reason"]);

    const noKey = await send(
      "PUT",
      "/api/admin/config/plans",
      { value: before.value, reason: "No key sent" },
      admin.headers,
      null,
    );
    expect(noKey.status).toBe(400);

    // Nothing was written by any of them.
    expect((await sectionNow("plans", admin.headers)).version).toBe(before.version);
  });

  it("wants a recent second factor from staff, and system.config", async () => {
    const noMfa = await bearerFor("super_admin", uniqueId("user"), false);
    expect((await api("/api/admin/config", { headers: noMfa.headers })).status).toBe(403);
    const billing = await bearerFor("billing_admin");
    expect((await api("/api/admin/config", { headers: billing.headers })).status).toBe(403);
  });
});

describe("live configuration: plan limits", () => {
  it("a Free export-limit override is enforced and shown at once; rollback is a new version", async () => {
    const admin = await superAdmin();
    const person = await personWithResume({}, "free");
    await useUp(person.userId, "exports", 3);
    const exportOnce = () => requestExport(person.headers, person.resumeId, { format: "txt" });

    const lowered = await setFreeExports(3, admin.headers, "Free exports down to 3");
    const refused = await exportOnce();
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "plan_limit",
      message: "Your plan includes 3 exports a month. Upgrade for more.",
      details: { feature: "exportsPerMonth", plan: "free", limit: 3, upgrade_to: "standard" },
    });
    const plans = await api("/api/billing/plans");
    const free = (plans.body.data as Array<{ plan: string; entitlements: object }>).find(
      (offer) => offer.plan === "free",
    );
    expect(free?.entitlements).toMatchObject({ exportsPerMonth: 3 });
    const usage = await api("/api/usage", { headers: person.headers });
    expect(usage.body.data.exports).toEqual({ used: 3, limit: 3 });

    const raised = await setFreeExports(4, admin.headers, "Free exports up to 4");
    expect(raised.version).toBe(lowered.version + 1);
    expect((await exportOnce()).status).toBe(202);

    const rolledBack = await send(
      "POST",
      "/api/admin/config/plans/rollback",
      { version: lowered.version, reason: "Back to 3" },
      admin.headers,
    );
    expect(rolledBack.status, JSON.stringify(rolledBack.body)).toBe(200);
    expect(rolledBack.body.data).toMatchObject({
      version: raised.version + 1,
      reason: "Back to 3",
    });
    expect(rolledBack.body.data.value.free.exportsPerMonth).toBe(3);
    expect((await exportOnce()).status).toBe(403);

    const history = await api("/api/admin/config/plans/versions", { headers: admin.headers });
    expect(history.status).toBe(200);
    const versions = history.body.data.versions as Array<Record<string, unknown>>;
    expect(versions.slice(0, 3)).toEqual([
      expect.objectContaining({
        version: raised.version + 1,
        rolled_back_from: lowered.version,
        reason: "Back to 3",
        created_by: `user:${admin.id}`,
      }),
      expect.objectContaining({ version: raised.version, rolled_back_from: null }),
      expect.objectContaining({ version: lowered.version, reason: "Free exports down to 3" }),
    ]);

    const updates = await auditOf("config.updated", `user:${admin.id}`);
    expect(updates.map((entry) => entry.details.version)).toEqual([
      raised.version,
      lowered.version,
    ]);
    expect(updates[0]).toMatchObject({
      resource_id: "plans",
      details: { section: "plans", from_version: lowered.version, reason: "Free exports up to 4" },
    });
    const rollbacks = await auditOf("config.rolled_back", `user:${admin.id}`);
    expect(rollbacks).toEqual([
      expect.objectContaining({
        resource_id: "plans",
        details: {
          section: "plans",
          from_version: raised.version,
          to_version: lowered.version,
          version: raised.version + 1,
          reason: "Back to 3",
        },
      }),
    ]);

    const missing = await send(
      "POST",
      "/api/admin/config/plans/rollback",
      { version: 999_999, reason: "No such version" },
      admin.headers,
    );
    expect(missing.status).toBe(404);
  });

  it("reads D1 when KV has lost the pointer, and the code's table when nothing was written", async () => {
    const admin = await superAdmin();
    const written = await setFreeExports(7, admin.headers, "Seven");
    await env.CACHE.delete("config:plans:current");
    await env.CACHE.delete(`config:plans:v${written.version}`);
    const plans = await api("/api/billing/plans");
    const free = (plans.body.data as Array<{ plan: string; entitlements: object }>).find(
      (offer) => offer.plan === "free",
    );
    expect(free?.entitlements).toMatchObject({ exportsPerMonth: 7 });
    // the miss filled the cache again
    expect(await env.CACHE.get("config:plans:current")).toBe(String(written.version));

    // no test before this one wrote the rate limits
    const rules = await sectionNow("rate_limits", admin.headers);
    expect(rules.version).toBe(0);
    expect(rules.value).toEqual(rules.defaults);
    expect(rules.value.writingHelp).toEqual({
      limit: REQUEST_LIMITS.writingHelp.limit,
      windowSeconds: REQUEST_LIMITS.writingHelp.windowSeconds,
    });
    expect((await sectionNow("plans", admin.headers)).defaults).toEqual(ENTITLEMENTS);
  });

  it("replays a repeated request with the same Idempotency-Key instead of writing twice", async () => {
    const admin = await superAdmin();
    const current = await sectionNow("plans", admin.headers);
    const key = uniqueId("idem");
    const body = { value: current.value, reason: "Same request twice" };
    const first = await send("PUT", "/api/admin/config/plans", body, admin.headers, key);
    const second = await send("PUT", "/api/admin/config/plans", body, admin.headers, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.data.version).toBe(first.body.data.version);
    expect((await sectionNow("plans", admin.headers)).version).toBe(current.version + 1);
  });
  it("the signed-out template list follows the plans version: a minute's cache, a new ETag", async () => {
    const admin = await superAdmin();
    const before = await api("/api/templates");
    expect(before.response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const etag = before.response.headers.get("ETag") ?? "";
    expect(etag).toMatch(/plans-v\d+"$/);
    const unchanged = await api("/api/templates", { headers: { "If-None-Match": etag } });
    expect(unchanged.status).toBe(304);
    const premiumOf = (list: Array<{ premium: boolean; available: boolean }>) =>
      list.filter((template) => template.premium).map((template) => template.available);
    expect(premiumOf(before.body.data)).not.toContain(true);

    const current = await sectionNow("plans", admin.headers);
    const value = { ...current.value, free: { ...current.value.free, premiumTemplates: true } };
    const written = await send(
      "PUT",
      "/api/admin/config/plans",
      { value, reason: "Premium for all" },
      admin.headers,
    );
    expect(written.status).toBe(200);
    const after = await api("/api/templates", { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.response.headers.get("ETag")).toMatch(
      new RegExp(`plans-v${written.body.data.version}"$`),
    );
    expect(premiumOf(after.body.data)).not.toContain(false);
  });
});

describe("live configuration: rate limits", () => {
  it("an override of a request limit is enforced by the very next request", async () => {
    const admin = await superAdmin();
    const person = await personWithResume({}, "standard");
    const enhance = () =>
      api("/api/ai/enhance", postJson({ text: "Helped customers" }, person.headers));
    const rules = (await sectionNow("rate_limits", admin.headers)).value;
    const lowered = await send(
      "PUT",
      "/api/admin/config/rate_limits",
      {
        value: { ...rules, writingHelp: { limit: 1, windowSeconds: 3600 } },
        reason: "Writing help: one an hour",
      },
      admin.headers,
    );
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    expect((await enhance()).status).toBe(200);
    const refused = await enhance();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");

    const restored = await send(
      "PUT",
      "/api/admin/config/rate_limits",
      {
        value: { ...rules, writingHelp: { limit: 5, windowSeconds: 3600 } },
        reason: "Writing help: five an hour",
      },
      admin.headers,
    );
    expect(restored.status).toBe(200);
    expect((await enhance()).status).toBe(200);
  });
});

describe("live configuration: AI parameters", () => {
  it("writing help asks the configured model at the configured temperature", async () => {
    const admin = await superAdmin();
    const unknownModel = await send(
      "PUT",
      "/api/admin/config/ai",
      { value: { writingHelp: { model: "@cf/made/up", temperature: 0.2 } }, reason: "Bad model" },
      admin.headers,
    );
    expect(unknownModel.status).toBe(400);
    expect(unknownModel.body.error.details[0].path).toEqual(["value", "writingHelp", "model"]);

    const asked: Array<{ model: string; options: { temperature?: number } }> = [];
    const AI = {
      run: async (model: string, options: { temperature?: number }) => {
        asked.push({ model, options });
        return { response: '{"text": "Led a team of [N]", "tips": []}' };
      },
    } as unknown as Ai;
    const logger = createLogger("error");
    const ask = () => enhanceText({ ...env, AI }, { text: "ran a team", kind: "bullet" }, logger);

    await ask();
    expect(asked[0]).toMatchObject({
      model: "@cf/meta/llama-3.1-8b-instruct",
      options: { temperature: 0.6 },
    });
    const changed = await send(
      "PUT",
      "/api/admin/config/ai",
      {
        value: { writingHelp: { model: "@cf/meta/llama-3.2-3b-instruct", temperature: 0.2 } },
        reason: "Smaller model, steadier answers",
      },
      admin.headers,
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await ask();
    expect(asked[1]).toMatchObject({
      model: "@cf/meta/llama-3.2-3b-instruct",
      options: { temperature: 0.2 },
    });
  });
});
