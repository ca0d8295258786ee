import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEFAULT_STRIKE_THRESHOLDS } from "../../core/moderation/strikes";
import { sha256Hex } from "../../core/security/crypto";
import { applyAutomatedDecision, applyModeratorDecision } from "../../server/moderation/outcomes";
import { expireStrikes, recordStrike, strikeThresholds } from "../../server/moderation/strikes";
import worker from "../../worker";
import { postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, uniqueId } from "./helpers";
import {
  moderator,
  personWithResume,
  reviewKeyword,
  shareResume,
  waitForCase,
  waitForPublication,
} from "./moderation-support";

const DAY = 86_400_000;

interface StrikeDbRow {
  id: string;
  case_id: string | null;
  category: string;
  severity: string;
  source: string;
  reason: string | null;
  actor: string | null;
  created_at: number;
  revoked_at: number | null;
  expired_at: number | null;
}

async function strikeRows(userId: string): Promise<StrikeDbRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, case_id, category, severity, source, reason, actor, created_at, revoked_at, expired_at FROM strikes WHERE user_id = ? ORDER BY created_at",
  )
    .bind(userId)
    .all<StrikeDbRow>();
  return results;
}

async function auditRows(action: string, resourceId?: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor_id, resource_id, details_json FROM audit_log WHERE action = ? AND (?2 IS NULL OR resource_id = ?2)",
  )
    .bind(action, resourceId ?? null)
    .all<{ actor_id: string; resource_id: string | null; details_json: string }>();
  return results.map((row) => ({ ...row, details: JSON.parse(row.details_json) }));
}

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { ...headers, "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

describe("strikes from moderation decisions", () => {
  it("a moderator's rejection records one strike, credited to them, however often it is carried out", async () => {
    const keyword = "bulk-likes-vendor";
    await reviewKeyword(keyword, "spam");
    const { person, resumeId } = await personWithResume({
      basics: { name: "Grace Hopper", summary: `Ask ${keyword} for a quote.` },
    });
    await shareResume(person.headers, resumeId);
    const inReview = await waitForCase(resumeId, "in_review");
    expect(await strikeRows(person.userId)).toEqual([]);
    const mod = await moderator();
    const rejected = await api(
      `/api/admin/moderation/cases/${inReview.id}/decision`,
      postJson({ verdict: "reject", reason: "Advertising" }, mod.headers),
    );
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await waitForPublication(person.headers, resumeId, "taken_down");
    // the workflow carried it out; a duplicate delivery of the decision changes nothing
    expect(await applyModeratorDecision(env, inReview.id, Date.now())).toBe(true);
    const rows = await strikeRows(person.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      case_id: inReview.id,
      category: "spam",
      severity: "minor",
      source: "moderator",
      reason: "Advertising",
      actor: `user:${mod.id}`,
      revoked_at: null,
      expired_at: null,
    });
  });

  it("an automatic block above 90 records an automatic strike, once per case", async () => {
    const keyword = "burn-their-office-down";
    await reviewKeyword(keyword, "violence", 95);
    const { person, resumeId } = await personWithResume({
      basics: { name: "Grace Hopper", summary: `Motto: ${keyword}.` },
    });
    await shareResume(person.headers, resumeId);
    await waitForPublication(person.headers, resumeId, "taken_down");
    const closed = await waitForCase(resumeId, "closed");
    expect(closed).toMatchObject({ outcome: "block", category: "violence" });
    const decision = {
      outcome: "block" as const,
      category: "violence" as const,
      confidence: 95,
      slaHours: null,
    };
    // the same step delivered again (a replay), and the same case struck directly
    await applyAutomatedDecision(env, closed.id, decision, Date.now());
    const again = await recordStrike(
      env,
      {
        userId: person.userId,
        caseId: closed.id,
        category: "violence",
        source: "automatic",
        reason: null,
        actor: null,
      },
      Date.now(),
    );
    expect(again.created).toBe(false);
    const rows = await strikeRows(person.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: again.strike.id,
      case_id: closed.id,
      category: "violence",
      severity: "severe",
      source: "automatic",
      actor: null,
    });
    expect(rows[0]!.reason).toBeTruthy();
  });
});

describe("expiry after 90 days without a new violation", () => {
  it("expires every strike of a quiet account, keeps a recently active one's, and is idempotent", async () => {
    // Far in the past, so strikes the other tests record now are never in range.
    const t0 = Date.now() - 1000 * DAY;
    const [quiet, recent, appealed] = await Promise.all([
      signedInPerson(),
      signedInPerson(),
      signedInPerson(),
    ]);
    const strike = (userId: string, at: number) =>
      recordStrike(
        env,
        {
          userId,
          caseId: uniqueId("case"),
          category: "spam",
          source: "moderator",
          reason: "test",
          actor: "mod",
        },
        at,
      );
    await strike(quiet.userId, t0);
    await strike(quiet.userId, t0 + 10 * DAY);
    await strike(recent.userId, t0);
    await strike(recent.userId, t0 + 80 * DAY);
    await strike(appealed.userId, t0);
    // a newer strike lifted on appeal is no violation: it keeps nothing active
    const lifted = await strike(appealed.userId, t0 + 50 * DAY);
    await env.DB.prepare("UPDATE strikes SET revoked_at = ? WHERE id = ?")
      .bind(t0 + 60 * DAY, lifted.strike.id)
      .run();

    // 90 days after the appealed account's only violation that stands, to the millisecond
    expect(await expireStrikes(env, t0 + 90 * DAY - 1)).toBe(0);
    expect(await expireStrikes(env, t0 + 90 * DAY)).toBe(1);
    expect(
      (await strikeRows(appealed.userId)).map((row) => [row.expired_at, row.revoked_at]),
    ).toEqual([
      [t0 + 90 * DAY, null],
      [null, t0 + 60 * DAY],
    ]);
    // the quiet account's clock started again at its second strike
    expect(await expireStrikes(env, t0 + 100 * DAY - 1)).toBe(0);
    const now = t0 + 100 * DAY;
    expect(await expireStrikes(env, now)).toBe(2);
    expect((await strikeRows(quiet.userId)).map((row) => row.expired_at)).toEqual([now, now]);
    expect((await strikeRows(recent.userId)).map((row) => row.expired_at)).toEqual([null, null]);

    // the same day again changes nothing
    const before = await env.DB.prepare("SELECT id, expired_at FROM strikes ORDER BY id").all();
    expect(await expireStrikes(env, now)).toBe(0);
    expect(
      (await env.DB.prepare("SELECT id, expired_at FROM strikes ORDER BY id").all()).results,
    ).toEqual(before.results);

    // the daily cron, at its scheduled time, expires the rest once 90 days pass quietly
    const later = t0 + 170 * DAY;
    const cron = createScheduledController({ scheduledTime: later, cron: "0 3 * * *" });
    await worker.scheduled(cron, env);
    expect((await strikeRows(recent.userId)).map((row) => row.expired_at)).toEqual([later, later]);
    expect((await strikeRows(quiet.userId)).map((row) => row.expired_at)).toEqual([now, now]);
    await worker.scheduled(cron, env);
    expect((await strikeRows(recent.userId)).map((row) => row.expired_at)).toEqual([later, later]);
  });
});

describe("the strike thresholds API", () => {
  const url = "/api/admin/moderation/strike-thresholds";
  const keyed = (headers: Record<string, string>) => ({
    ...headers,
    "Idempotency-Key": uniqueId("thresholds-key"),
  });

  it("shows the migrated defaults, lets only a super admin replace them as a config version, and audits it", async () => {
    const mod = await moderator();
    const shown = await api(url, { headers: mod.headers });
    expect(shown.status).toBe(200);
    // the migration moved the seeded table into version 1 of the `moderation` section
    expect(shown.body.data).toMatchObject({
      thresholds: DEFAULT_STRIKE_THRESHOLDS,
      version: 1,
      updated_by: "system",
      expiry_days: 90,
    });

    const stricter = [
      { strikes: 8, action: "ban", hours: null },
      { strikes: 2, action: "suspend", hours: 12 },
      { strikes: 4, action: "suspend", hours: 72 },
    ];
    const body = { thresholds: stricter, reason: "Stricter after the spam wave" };
    const refused = await api(url, json("PUT", body, keyed(mod.headers)));
    expect(refused.status).toBe(403);

    const admin = await bearerFor("super_admin");
    const noKey = await api(url, json("PUT", body, admin.headers));
    expect(noKey.status).toBe(400);
    const noReason = await api(url, json("PUT", { thresholds: stricter }, keyed(admin.headers)));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toEqual(["reason"]);

    const headers = keyed(admin.headers);
    const saved = await api(url, json("PUT", body, headers));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const sortedStricter = [stricter[1], stricter[2], stricter[0]];
    expect(saved.body.data).toMatchObject({
      thresholds: sortedStricter,
      version: 2,
      updated_by: `user:${admin.id}`,
    });
    // the same request again is replayed, not a third version
    const replayed = await api(url, json("PUT", body, headers));
    expect(replayed.body.data.version).toBe(2);
    const reread = await api(url, { headers: mod.headers });
    expect(reread.body.data.thresholds).toEqual(sortedStricter);

    // one version of the section, with its reason, the report thresholds kept
    const history = await api("/api/admin/config/moderation/versions", { headers: admin.headers });
    expect(history.body.data.versions[0]).toMatchObject({
      version: 2,
      reason: body.reason,
      created_by: `user:${admin.id}`,
      value: { reports: { openCase: 20, withhold: 60 } },
    });
    expect(history.body.data.versions).toHaveLength(2);
    const audits = await auditRows("config.updated", "moderation");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: `user:${admin.id}` });
    expect(audits[0]!.details).toMatchObject({
      section: "moderation",
      from_version: 1,
      version: 2,
    });

    const bad = await api(
      url,
      json(
        "PUT",
        {
          thresholds: [
            { strikes: 3, action: "suspend", hours: 48 },
            { strikes: 5, action: "suspend", hours: 24 },
            { strikes: 5, action: "ban", hours: 10 },
          ],
          reason: "A bad table",
        },
        keyed(admin.headers),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    const paths = bad.body.error.details.map((issue: { path: unknown[] }) => issue.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["thresholds.2.hours", "thresholds.2.strikes", "thresholds.1.hours"]),
    );
    // nothing changed
    const after = await api(url, { headers: mod.headers });
    expect(after.body.data).toMatchObject({ thresholds: sortedStricter, version: 2 });

    // a rollback on the configuration page brings the migrated table back, in force at once
    const rolledBack = await api(
      "/api/admin/config/moderation/rollback",
      json("POST", { version: 1, reason: "Back to the defaults" }, keyed(admin.headers)),
    );
    expect(rolledBack.status, JSON.stringify(rolledBack.body)).toBe(200);
    expect(rolledBack.body.data.version).toBe(3);
    expect(await strikeThresholds(env)).toEqual(DEFAULT_STRIKE_THRESHOLDS);
    expect((await api(url, { headers: mod.headers })).body.data).toMatchObject({
      thresholds: DEFAULT_STRIKE_THRESHOLDS,
      version: 3,
    });
  });
});

describe("an admin's manual strike", () => {
  const strikesUrl = (userId: string) => `/api/admin/users/${userId}/strikes`;

  it("is recorded once per Idempotency-Key, audited, and listed with the account's strikes", async () => {
    const person = await signedInPerson();
    const mod = await moderator();
    const body = { category: "hate", reason: "Slurs in a support ticket attachment" };
    const key = { "Idempotency-Key": uniqueId("strike-key") };

    const missingKey = await api(strikesUrl(person.userId), json("POST", body, mod.headers));
    expect(missingKey.status).toBe(400);

    const first = await api(
      strikesUrl(person.userId),
      json("POST", body, { ...mod.headers, ...key }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.data).toMatchObject({
      user_id: person.userId,
      case_id: null,
      category: "hate",
      severity: "severe",
      source: "admin",
      reason: body.reason,
      actor: `user:${mod.id}`,
      status: "active",
    });
    const retried = await api(
      strikesUrl(person.userId),
      json("POST", body, { ...mod.headers, ...key }),
    );
    expect(retried.status).toBe(201);
    expect(retried.body.data.id).toBe(first.body.data.id);
    // the kept answer lost (KV expired or evicted): the key still names the same strike
    const kept = `idem:${await sha256Hex(`user:${mod.id}:strike:${person.userId}:${key["Idempotency-Key"]}`)}`;
    expect(await env.CACHE.get(kept)).not.toBeNull();
    await env.CACHE.delete(kept);
    const afterLoss = await api(
      strikesUrl(person.userId),
      json("POST", body, { ...mod.headers, ...key }),
    );
    expect([200, 201]).toContain(afterLoss.status);
    expect(afterLoss.body.data.id).toBe(first.body.data.id);
    expect(await strikeRows(person.userId)).toHaveLength(1);
    const audits = await auditRows("moderation.strike_added", person.userId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: `user:${mod.id}` });
    expect(audits[0]!.details).toMatchObject({ category: "hate", reason: body.reason });

    const listed = await api(strikesUrl(person.userId), { headers: mod.headers });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toMatchObject({ user_id: person.userId, active: 1 });
    expect(listed.body.data.strikes).toEqual([first.body.data]);
    const createdAt = Date.parse(first.body.data.created_at);
    expect(Date.parse(listed.body.data.active_expire_at)).toBe(createdAt + 90 * DAY);
  });

  it("is 404 for an unknown account, 400 without a reason, and not for support staff", async () => {
    const mod = await moderator();
    const key = () => ({ "Idempotency-Key": uniqueId("strike-key") });
    const unknown = await api(
      strikesUrl("no-such-user"),
      json("POST", { category: "spam", reason: "Spam" }, { ...mod.headers, ...key() }),
    );
    expect(unknown.status).toBe(404);
    const person = await signedInPerson();
    const noReason = await api(
      strikesUrl(person.userId),
      json("POST", { category: "spam", reason: "  " }, { ...mod.headers, ...key() }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toEqual(["reason"]);
    const tooLong = await api(
      strikesUrl(person.userId),
      json("POST", { category: "spam", reason: "x".repeat(501) }, { ...mod.headers, ...key() }),
    );
    expect(tooLong.status).toBe(400);
    const support = await bearerFor("support");
    const refused = await api(
      strikesUrl(person.userId),
      json("POST", { category: "spam", reason: "Spam" }, { ...support.headers, ...key() }),
    );
    expect(refused.status).toBe(403);
    expect((await api(strikesUrl(person.userId), { headers: support.headers })).status).toBe(200);
    expect(await strikeRows(person.userId)).toEqual([]);
  });
});
