import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { ModerationSignal } from "../../core/moderation/model";
import type { ResumeData } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import { appeals, moderationCases, moderationDecisions, moderationRules } from "../../db/schema";
import { resumeAcceptedAppeals } from "../../server/moderation/appeals";
import { strikeAndEscalate } from "../../server/moderation/escalation";
import { documentOf, type ResumeSnapshot, snapshotKeyOf } from "../../server/moderation/snapshots";
import { linkToken, mailTo, PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, countRows, servedAt, uniqueId } from "./helpers";

type Person = Awaited<ReturnType<typeof signedInPerson>>;

const DAY = 86_400_000;

const statusOf = async (userId: string) =>
  env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(userId).first<string>("status");

async function waitForStatus(userId: string, status: string) {
  await vi.waitFor(async () => expect(await statusOf(userId)).toBe(status), {
    timeout: 15_000,
    interval: 100,
  });
}

const strikeState = (id: string) =>
  env.DB.prepare("SELECT revoked_at FROM strikes WHERE id = ?")
    .bind(id)
    .first<number | null>("revoked_at");

/** A moderator's confirmed violation, decided by `actor`. */
const moderatorStrike = (person: Person, actor: string, at = Date.now()) =>
  strikeAndEscalate(
    env,
    {
      userId: person.userId,
      caseId: uniqueId("case"),
      category: "spam",
      source: "moderator",
      reason: "Casino links",
      actor,
    },
    at,
  );

/**
 * A case the automated layers decided alone, with `signals`, and its automatic strike. With a
 * resume, the snapshot of what was checked is kept in R2 as the pipeline keeps it.
 */
async function automaticStrike(
  person: Person,
  category: ModerationSignal["category"],
  signals: ModerationSignal[],
  resume?: ResumeData,
) {
  const caseId = uniqueId("case");
  const now = Date.now();
  let snapshotKey: string | null = null;
  if (resume) {
    const snapshot: ResumeSnapshot = {
      kind: "resume",
      data: resume,
      owner: { email: "old-address@example.test" },
    };
    snapshotKey = snapshotKeyOf(uniqueId("hash"));
    await env.FILES.put(snapshotKey, JSON.stringify(snapshot));
  }
  const db = createDb(env.DB);
  await db.insert(moderationCases).values({
    id: caseId,
    subjectKind: "share",
    subjectId: uniqueId("resume"),
    userId: person.userId,
    resumeId: null,
    contentHash: uniqueId("hash"),
    source: "publication",
    status: "closed",
    outcome: "block",
    category,
    confidence: Math.max(...signals.map((s) => s.confidence)),
    priority: null,
    slaDueAt: null,
    snapshotKey,
    workflowInstanceId: `moderation-${caseId}`,
    createdAt: now,
    updatedAt: now,
    decidedAt: now,
  });
  await db.insert(moderationDecisions).values({
    id: `${caseId}:decision`,
    caseId,
    layer: signals[0]!.layer,
    outcome: "block",
    category,
    confidence: Math.max(...signals.map((s) => s.confidence)),
    signalsJson: JSON.stringify(signals),
    createdAt: now,
  });
  const { strike } = await strikeAndEscalate(
    env,
    { userId: person.userId, caseId, category, source: "automatic", reason: null, actor: null },
    now,
  );
  return strike;
}

const appeal = (person: Person, body: Record<string, unknown>) =>
  api("/api/account/appeals", postJson(body, person.headers));

const standing = async (person: Person) =>
  (await api("/api/account/standing", { headers: person.headers })).body.data;

describe("appeals", () => {
  it("a suspended account appeals by emailed link; the deciding moderator may not decide it, another accepts, and the person signs in again", async () => {
    const person = await signedInPerson();
    const decider = await bearerFor("moderator");
    const before = await statusOf(person.userId);
    for (let i = 0; i < 3; i += 1) await moderatorStrike(person, `user:${decider.id}`);
    await waitForStatus(person.userId, "suspended");

    // The suspension email carries a link; the sign-in page sends a fresh one on request.
    const [sanctionMail] = await mailTo(person.email, "account_sanctioned");
    expect(linkToken(sanctionMail!.text_body, "/appeal")).toBeTruthy();
    const asked = await api("/api/auth/appeal-link", postJson({ email: person.email }));
    expect(asked.status).toBe(202);
    const stranger = await api("/api/auth/appeal-link", postJson({ email: "nobody@example.test" }));
    expect(stranger.status).toBe(202);
    const [linkMail] = await mailTo(person.email, "appeal_link");
    const token = linkToken(linkMail!.text_body, "/appeal");

    const bad = await api("/api/appeal-link/standing", postJson({ token: "x".repeat(43) }));
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("invalid_appeal_link");
    const seen = await api("/api/appeal-link/standing", postJson({ token }));
    expect(seen.status).toBe(200);
    expect(seen.body.data.status).toBe("suspended");
    expect(seen.body.data.active_strikes).toBe(3);
    const [suspension] = seen.body.data.sanctions;
    expect(suspension).toMatchObject({ kind: "suspension", active: true, appeal: null });
    expect(suspension.appealable_until).not.toBeNull();

    const body = {
      token,
      subject_kind: "sanction",
      subject_id: suspension.id,
      message: "These were links to my own employer's site, a licensed games studio.",
    };
    const tooLong = await api(
      "/api/appeal-link/appeals",
      postJson({ ...body, message: "x".repeat(2001) }),
    );
    expect(tooLong.status).toBe(400);
    const filed = await api("/api/appeal-link/appeals", postJson(body));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // a person confirmed the strikes: auto-review leaves it to another moderator
    expect(filed.body.data).toMatchObject({ status: "pending", channel: "email_link" });
    const retried = await api("/api/appeal-link/appeals", postJson(body));
    expect(retried.status).toBe(200);
    expect(retried.body.data.id).toBe(filed.body.data.id);
    const second = await api(
      "/api/appeal-link/appeals",
      postJson({ ...body, message: "A different appeal" }),
    );
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("appeal_exists");

    const queue = await api("/api/admin/moderation/appeals", { headers: decider.headers });
    expect(queue.body.data.map((item: { id: string }) => item.id)).toContain(filed.body.data.id);
    const detail = await api(`/api/admin/moderation/appeals/${filed.body.data.id}`, {
      headers: decider.headers,
    });
    expect(detail.body.data).toMatchObject({
      user_id: person.userId,
      decided_by: `user:${decider.id}`,
      sanction: { id: suspension.id, kind: "suspension" },
      strike: { source: "moderator" },
    });
    expect(detail.body.data.strikes).toHaveLength(3);

    const decide = (headers: Record<string, string>, decision: string) =>
      api(
        `/api/admin/moderation/appeals/${filed.body.data.id}/decision`,
        postJson({ decision, note: "The studio is licensed; not spam." }, headers),
      );
    const own = await decide(decider.headers, "accept");
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe("same_moderator");
    const noSecondFactor = await decide(
      (await bearerFor("moderator", undefined, false)).headers,
      "accept",
    );
    expect(noSecondFactor.status).toBe(403);
    const reviewer = await bearerFor("moderator");
    const accepted = await decide(reviewer.headers, "accept");
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.data).toMatchObject({ status: "accepted", automatic: false });
    expect((await decide(reviewer.headers, "accept")).status).toBe(200);
    const otherWay = await decide((await bearerFor("moderator")).headers, "reject");
    expect(otherWay.body.error.code).toBe("appeal_decided");

    // The workflow lifts the suspension and revokes the strike that crossed the threshold.
    await waitForStatus(person.userId, before as string);
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    const after = await api("/api/appeal-link/standing", postJson({ token }));
    expect(after.body.data.active_strikes).toBe(2);
    expect(after.body.data.sanctions[0]).toMatchObject({
      active: false,
      appeal: { status: "accepted" },
    });
    await mailTo(person.email, "appeal_decided");
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'appeal.accepted'",
        filed.body.data.id,
      ),
    ).toBe(1);
  });

  it("accepts automatically a strike whose only signal was a rule since disabled, and logs it", async () => {
    const person = await signedInPerson();
    const rule = `spam.appeal-test-${Date.now().toString(36)}`;
    const strike = await automaticStrike(person, "spam", [
      { layer: "rules", category: "spam", confidence: 95, rule, detail: "A casino link" },
    ]);
    const now = Date.now();
    await createDb(env.DB)
      .insert(moderationRules)
      .values({
        id: rule,
        ruleJson: JSON.stringify({
          id: rule,
          kind: "keyword",
          category: "spam",
          pattern: "casino",
          confidence: 95,
          enabled: false,
          note: "Too broad: casino games developers",
        }),
        updatedBy: "user:admin",
        createdAt: now,
        updatedAt: now,
      });
    const filed = await appeal(person, {
      subject_kind: "strike",
      subject_id: strike.id,
      message: "I design casino games for a licensed studio.",
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.data).toMatchObject({ status: "accepted", automatic: true });
    expect(filed.body.data.review_note).toMatch(/disabled/);
    await vi.waitFor(async () => expect(await strikeState(strike.id)).not.toBeNull(), {
      timeout: 15_000,
      interval: 100,
    });
    const byCase = await api(
      `/api/admin/moderation/appeals?status=accepted&case_id=${strike.caseId}`,
      { headers: (await bearerFor("moderator")).headers },
    );
    expect(byCase.body.data.map((item: { id: string }) => item.id)).toEqual([filed.body.data.id]);
    const seen = await standing(person);
    expect(seen.active_strikes).toBe(0);
    expect(seen.strikes[0]).toMatchObject({ status: "revoked", appealable_until: null });
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'appeal.auto_accepted'",
        filed.body.data.id,
      ),
    ).toBe(1);
  });

  it("accepts automatically a borderline score the owner's profile explains, not a clear one", async () => {
    const person = await signedInPerson();
    const resume: ResumeData = {
      basics: {
        name: "Katherine Johnson",
        label: "Army veteran and firearms safety instructor",
        summary: "Range safety officer for ten years.",
      },
    } as ResumeData;
    const borderline = await automaticStrike(
      person,
      "violence",
      [{ layer: "ai", category: "violence", confidence: 92, model: "test", detail: "weapons" }],
      resume,
    );
    const clear = await automaticStrike(
      person,
      "violence",
      [{ layer: "ai", category: "violence", confidence: 99, model: "test", detail: "a threat" }],
      resume,
    );
    const message = "I teach firearm safety; that is my job.";
    const first = await appeal(person, {
      subject_kind: "strike",
      subject_id: borderline.id,
      message,
    });
    expect(first.body.data).toMatchObject({ status: "accepted", automatic: true });
    expect(first.body.data.review_note).toMatch(/firearm|army|veteran/);
    const second = await appeal(person, { subject_kind: "strike", subject_id: clear.id, message });
    expect(second.body.data).toMatchObject({ status: "pending", automatic: false });
  });

  it("accepts automatically a PII strike when every contact detail found is the owner's own", async () => {
    const person = await signedInPerson();
    const resume: ResumeData = {
      basics: {
        name: "Katherine Johnson",
        summary: `Write to me at ${person.email.toUpperCase()} or to the hiring desk.`,
      },
    } as ResumeData;
    const field = documentOf({
      kind: "resume",
      data: resume,
      owner: { email: "x@y.test" },
    }).fields.find((f) => f.path === "basics.summary")!;
    const start = field.text.toLowerCase().indexOf(person.email);
    const signal: ModerationSignal = {
      layer: "rules",
      category: "pii",
      confidence: 92,
      rule: "pii.third_party_contacts",
      detail: "other people's email addresses",
      evidence: [
        { path: "basics.summary", start, end: start + person.email.length, excerpt: "•••" },
      ],
    };
    const strike = await automaticStrike(person, "pii", [signal], resume);
    const filed = await appeal(person, {
      subject_kind: "strike",
      subject_id: strike.id,
      message: "That is my own address.",
    });
    expect(filed.body.data).toMatchObject({ status: "accepted", automatic: true });
    expect(filed.body.data.review_note).toMatch(/own/);
  });

  it("hands on an accepted appeal whose request was lost when the Worker stopped (the cron), once", async () => {
    const person = await signedInPerson();
    const moderator = await bearerFor("moderator");
    const { strike } = await moderatorStrike(person, `user:${moderator.id}`);
    const id = uniqueId("ap");
    const now = Date.now();
    // decided, then the Worker stopped before the escalation request was written
    await createDb(env.DB)
      .insert(appeals)
      .values({
        id,
        userId: person.userId,
        subjectKind: "strike",
        subjectId: strike.id,
        caseId: strike.caseId,
        decidedBy: `user:${moderator.id}`,
        message: "Not spam",
        channel: "account",
        status: "accepted",
        reviewerId: "user:another-moderator",
        reviewNote: "Agreed",
        createdAt: now - 300_000,
        decidedAt: now - 120_000,
      });
    expect(await resumeAcceptedAppeals(env, now)).toBeGreaterThanOrEqual(1);
    await vi.waitFor(async () => expect(await strikeState(strike.id)).not.toBeNull(), {
      timeout: 15_000,
      interval: 100,
    });
    await resumeAcceptedAppeals(env, now);
    expect(
      await countRows("SELECT count(*) AS n FROM escalation_requests WHERE id = ?", `appeal:${id}`),
    ).toBe(1);
    await mailTo(person.email, "appeal_decided");
  });

  it("refuses another account's decision (404), after 30 days (422), and bad input (400)", async () => {
    const person = await signedInPerson();
    const other = await signedInPerson();
    const moderator = await bearerFor("moderator");
    const { strike } = await moderatorStrike(other, `user:${moderator.id}`);
    const theirs = await appeal(person, {
      subject_kind: "strike",
      subject_id: strike.id,
      message: "Not mine",
    });
    expect(theirs.status).toBe(404);
    const { strike: old } = await moderatorStrike(person, `user:${moderator.id}`);
    const late = await api(
      "/api/account/appeals",
      postJson(
        { subject_kind: "strike", subject_id: old.id, message: "Late" },
        { ...person.headers, ...servedAt(Date.now() + 31 * DAY) },
      ),
    );
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("appeal_window_closed");
    const empty = await appeal(person, {
      subject_kind: "strike",
      subject_id: old.id,
      message: " ",
    });
    expect(empty.status).toBe(400);
    const unknownField = await appeal(person, {
      subject_kind: "strike",
      subject_id: old.id,
      message: "x",
      extra: true,
    });
    expect(unknownField.status).toBe(400);
    const seen = await standing(person);
    expect(seen.strikes[0].appealable_until).not.toBeNull();
  });
});
