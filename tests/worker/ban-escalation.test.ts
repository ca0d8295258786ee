import { env, introspectWorkflow, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { escalationFor } from "../../core/moderation/strikes";
import { ENTITLEMENTS } from "../../core/plans/entitlements";
import { requestExport as requestExportService } from "../../server/exports/exports";
import {
  ESCALATION_EVENT,
  evaluateEscalation,
  strikeAndEscalate,
} from "../../server/moderation/escalation";
import { strikeThresholds } from "../../server/moderation/strikes";
import { getJob } from "../../server/ops/jobs";
import { PASSWORD, postJson, signedInPerson } from "./auth-support";
import { personWithResume } from "./export-support";
import { api, bearerFor, countRows, uniqueId, waitForJob } from "./helpers";
import {
  personWithResume as sharedPersonWithResume,
  shareResume,
  waitForPublication,
} from "./moderation-support";

type Person = Awaited<ReturnType<typeof signedInPerson>>;

const HOUR = 3_600_000;

/** A confirmed violation, as a moderator's rejection records it (case id unique per strike). */
const strike = (person: Person, category: "spam" | "hate" = "spam") =>
  strikeAndEscalate(
    env,
    {
      userId: person.userId,
      caseId: uniqueId("case"),
      category,
      source: "moderator",
      reason: "test violation",
      actor: "user:moderator",
    },
    Date.now(),
  );

const statusOf = async (userId: string) =>
  env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(userId).first<string>("status");

async function waitForStatus(userId: string, status: string) {
  await vi.waitFor(async () => expect(await statusOf(userId)).toBe(status), {
    timeout: 15_000,
    interval: 100,
  });
}

const mailed = async (to: string) =>
  (
    await env.DB.prepare(
      "SELECT template FROM email_outbox WHERE to_address = ? AND template != 'verify_email' ORDER BY created_at",
    )
      .bind(to)
      .all<{ template: string }>()
  ).results.map((row) => row.template);

const sanctionsOf = async (userId: string) =>
  (
    await env.DB.prepare(
      "SELECT id, kind, reason, source, strike_count, ends_at, starts_at, lifted_at, lift_reason FROM account_sanctions WHERE user_id = ? ORDER BY starts_at",
    )
      .bind(userId)
      .all<{
        id: string;
        kind: string;
        reason: string;
        source: string;
        strike_count: number | null;
        ends_at: number | null;
        starts_at: number;
        lifted_at: number | null;
        lift_reason: string | null;
      }>()
  ).results;

describe("ban escalation", () => {
  it("warns at strikes 1–2, suspends at the threshold, ends every session and refuses sign-in with why and until when", async () => {
    await using workflows = await introspectWorkflow(env.BAN_ESCALATION_WORKFLOW);
    const person = await signedInPerson();
    const before = await statusOf(person.userId);
    await strike(person);
    await strike(person);
    await vi.waitFor(
      async () =>
        expect(await mailed(person.email)).toEqual(["strike_recorded", "strike_recorded"]),
      { timeout: 15_000, interval: 100 },
    );
    expect(await statusOf(person.userId)).toBe(before);

    await strike(person);
    await waitForStatus(person.userId, "suspended");
    const [suspension] = await sanctionsOf(person.userId);
    // spam strikes: the reason says spam, which the refusal below spells out
    expect(suspension).toMatchObject({
      kind: "suspension",
      reason: "spam_scam",
      source: "strikes",
      strike_count: 3,
    });
    expect(suspension!.ends_at! - suspension!.starts_at).toBe(24 * HOUR);

    // every session ended at once: the access token and the refresh token stop working, and
    // the API says why rather than a bare 401
    const call = await api("/api/resumes", { headers: person.headers });
    expect(call.status).toBe(403);
    expect(call.body.error.code).toBe("account_suspended");
    const refresh = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: person.tokens.refresh_token }),
    );
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.code).toBe("account_suspended");
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe("account_suspended");
    expect(login.body.error.message).toMatch(
      /suspended until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC because of spam or scams/,
    );
    expect(await mailed(person.email)).toContain("account_sanctioned");
    // the workflow ran as one instance, recorded for operators
    expect(workflows.get().length).toBeGreaterThanOrEqual(1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM workflow_runs WHERE workflow = 'ban-escalation' AND subject = ?",
        `user:${person.userId}`,
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it("lifts a suspension when it runs out (the workflow's next round), and the person signs in again", async () => {
    const person = await signedInPerson();
    const before = (await statusOf(person.userId)) as string;
    for (let i = 0; i < 3; i++) await strike(person);
    await waitForStatus(person.userId, "suspended");
    // the workflow sleeps until the suspension ends
    const state = await evaluateEscalation(env, person.userId, Date.now());
    expect(state.wakeInMs).toBeGreaterThan(23 * HOUR);
    expect(state.wakeInMs).toBeLessThanOrEqual(24 * HOUR);
    // The day passes (set in D1, not slept through) and the workflow wakes: its next round
    // lifts the suspension.
    await env.DB.prepare(
      "UPDATE account_sanctions SET ends_at = ?, starts_at = ? WHERE user_id = ?",
    )
      .bind(Date.now() - 1_000, Date.now() - 24 * HOUR, person.userId)
      .run();
    const running = await env.DB.prepare(
      "SELECT instance_id FROM ban_escalations WHERE user_id = ? AND ended_at IS NULL",
    )
      .bind(person.userId)
      .first<string>("instance_id");
    const instance = await env.BAN_ESCALATION_WORKFLOW.get(running as string);
    await instance.sendEvent({ type: ESCALATION_EVENT, payload: { cause: "test: time passed" } });
    // back to what it was (not yet verified, for this fresh account)
    await waitForStatus(person.userId, before);
    const [lifted] = await sanctionsOf(person.userId);
    expect(lifted!.lift_reason).toBe("expired");
    await vi.waitFor(async () => expect(await mailed(person.email)).toContain("account_restored"));
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    // nothing left to wait for: the instance finished
    await vi.waitFor(
      async () =>
        expect(
          await env.DB.prepare("SELECT ended_at FROM ban_escalations WHERE user_id = ?")
            .bind(person.userId)
            .first<number | null>("ended_at"),
        ).not.toBeNull(),
      { timeout: 15_000, interval: 100 },
    );
  });

  it("evaluating again, or replaying, applies nothing twice; a longer threshold escalates", async () => {
    const person = await signedInPerson();
    const before = await statusOf(person.userId);
    for (let i = 0; i < 5; i++) await strike(person);
    await vi.waitFor(
      async () =>
        expect((await sanctionsOf(person.userId)).map((s) => s.strike_count)).toEqual([3, 5]),
      { timeout: 15_000, interval: 100 },
    );
    const now = Date.now();
    await evaluateEscalation(env, person.userId, now);
    await evaluateEscalation(env, person.userId, now);
    const sanctions = await sanctionsOf(person.userId);
    expect(sanctions).toHaveLength(2);
    expect(sanctions[1]!.ends_at! - sanctions[1]!.starts_at).toBe(168 * HOUR);
    // a ban of thresholds' own: 10 strikes
    const thresholds = await strikeThresholds(env);
    expect(escalationFor(10, thresholds)).toMatchObject({ kind: "ban" });
    // when the first (24 h) suspension ends the 7-day one still holds the account
    await evaluateEscalation(env, person.userId, now + 25 * HOUR);
    expect(await statusOf(person.userId)).toBe("suspended");
    await evaluateEscalation(env, person.userId, now + 169 * HOUR);
    expect(await statusOf(person.userId)).toBe(before);
    expect((await mailed(person.email)).filter((t) => t === "account_restored")).toHaveLength(1);
  });

  it("an admin suspends, bans and lifts through the workflow, with a second factor, idempotently", async () => {
    const person = await signedInPerson();
    const before = (await statusOf(person.userId)) as string;
    const admin = await bearerFor("admin");
    const act = (body: unknown, key: string, headers = admin.headers) =>
      api(`/api/admin/users/${person.userId}/sanctions`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify(body),
      });
    const moderatorAsk = await act(
      { action: "ban", reason: "spam_scam" },
      "mod-key-1",
      (await bearerFor("moderator")).headers,
    );
    expect(moderatorAsk.status).toBe(403);
    const noMfa = await act(
      { action: "ban", reason: "spam_scam" },
      "no-mfa-key",
      (await bearerFor("admin", undefined, false)).headers,
    );
    expect(noMfa.status).toBe(403);
    const bad = await act({ action: "suspend", days: 45, reason: "spam_scam" }, "bad-key-1");
    expect(bad.status).toBe(400);

    const suspended = await act(
      { action: "suspend", days: 3, reason: "tos_violation", note: "Scraping" },
      "suspend-key-1",
    );
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(202);
    const again = await act(
      { action: "suspend", days: 3, reason: "tos_violation", note: "Scraping" },
      "suspend-key-1",
    );
    expect(again.body.data.id).toBe(suspended.body.data.id);
    await waitForStatus(person.userId, "suspended");
    const banned = await act({ action: "ban", reason: "payment_fraud" }, "ban-key-1");
    expect(banned.status).toBe(202);
    await waitForStatus(person.userId, "banned");
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(login.body.error.code).toBe("account_banned");
    expect(login.body.error.message).toMatch(/banned because of payment fraud/);

    const lifted = await act({ action: "lift", note: "Chargeback was a bank error" }, "lift-key-1");
    expect(lifted.status).toBe(202);
    await waitForStatus(person.userId, before);
    const standing = await api(`/api/admin/users/${person.userId}/sanctions`, {
      headers: admin.headers,
    });
    expect(standing.body.data.status).toBe(before);
    expect(standing.body.data.sanctions).toHaveLength(2);
    expect(standing.body.data.sanctions.every((s: { active: boolean }) => !s.active)).toBe(true);
    expect(standing.body.data.requests.map((r: { kind: string }) => r.kind).sort()).toEqual([
      "ban",
      "lift",
      "suspend",
    ]);
    const audits = await countRows(
      "SELECT count(*) AS n FROM audit_log WHERE resource_id = ? AND action LIKE 'account.%'",
      person.userId,
    );
    expect(audits).toBe(3);
    // an unknown account is a 404
    const unknown = await api("/api/admin/users/nobody-here/sanctions", { headers: admin.headers });
    expect(unknown.status).toBe(404);
    expect((await SELF.fetch("http://localhost/api/health")).status).toBe(200);
  });

  it("takes the public page offline while the account is suspended, and back once lifted", async () => {
    const { person, resumeId } = await sharedPersonWithResume({ basics: { name: "Mary Jackson" } });
    await shareResume(person.headers, resumeId);
    const { slug } = await waitForPublication(person.headers, resumeId, "live");
    const page = async () => (await SELF.fetch(`http://localhost/r/${slug}`)).status;
    expect(await page()).toBe(200);
    const admin = await bearerFor("admin");
    const act = (body: unknown, key: string) =>
      api(`/api/admin/users/${person.userId}/sanctions`, {
        method: "POST",
        headers: { ...admin.headers, "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify(body),
      });
    const before = (await statusOf(person.userId)) as string;
    expect(
      (await act({ action: "suspend", days: 1, reason: "spam_scam" }, uniqueId("k"))).status,
    ).toBe(202);
    await waitForStatus(person.userId, "suspended");
    expect(await page()).toBe(404);
    expect((await act({ action: "lift", note: "Mistake" }, uniqueId("k"))).status).toBe(202);
    await waitForStatus(person.userId, before);
    expect(await page()).toBe(200);
  });

  it("stops an export of a suspended account: the job fails with a reason it can show", async () => {
    const person = await personWithResume({ basics: { name: "Dorothy Vaughan" } });
    // Suspended after the export was asked for, before its workflow reached the account check.
    await env.DB.prepare("UPDATE users SET status = 'suspended' WHERE id = ?")
      .bind(person.userId)
      .run();
    const { job } = await requestExportService(
      env,
      { id: person.userId, plan: "standard", plans: ENTITLEMENTS },
      person.resumeId,
      { format: "json", now: Date.now() },
    );
    await waitForJob(job.id, "failed", 30_000);
    const failed = await getJob(env, job.id, Date.now());
    expect(failed?.error?.message).toMatch(/suspended or banned/);
    expect(await env.FILES.list({ prefix: `exports/json/${job.id}` })).toMatchObject({
      objects: [],
    });
  });
});
