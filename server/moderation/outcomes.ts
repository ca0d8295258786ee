// What a decision does to the content and its owner (README "Content moderation"): the public
// link goes live, is withheld or taken down; the owner is emailed; a confirmed violation
// becomes a strike and teaches the known-content cache. Every write is keyed (email dedupe
// keys, the strike's unique case, compare-and-set on the link), so a replayed step is harmless.
import { eq } from "drizzle-orm";
import type { ModerationNoticeKind } from "../../core/email/templates/moderation";
import { ownerMessage, THRESHOLDS } from "../../core/moderation/decision";
import type { ModeratorVerdict } from "../../core/moderation/model";
import { createDb } from "../../db/client";
import { type ModerationCaseRow, resumes, users } from "../../db/schema";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { changeCase, latestHumanDecision } from "./cases";
import { applyToSubject } from "./effects";
import { strikeAndEscalate } from "./escalation";
import { rememberContent } from "./hash-cache";
import { type CaseDecision, loadCase } from "./layers";
import { resolveReports } from "./reports";

/** What the owner's email names: which of their things a decision is about. */
function subjectLine(kind: ModerationCaseRow["subjectKind"], title: string | null): string {
  switch (kind) {
    case "avatar":
      return "your profile photo";
    case "resume_photo":
      return title ? `the photo on "${title}"` : "a resume photo";
    case "export":
      return title ? `the export of "${title}"` : "an export";
    case "share":
      return title ? `the public page of "${title}"` : "your published content";
  }
}

/** Where the owner fixes it: the resume, or for the avatar the account page that holds it. */
function manageLink(row: ModerationCaseRow): string {
  if (row.resumeId) return `/resumes/${row.resumeId}`;
  return row.subjectKind === "avatar" ? "/account/security" : "/dashboard";
}

async function notifyOwner(
  env: Env,
  row: ModerationCaseRow,
  kind: ModerationNoticeKind,
  reason: string,
  now: number,
): Promise<void> {
  const db = createDb(env.DB);
  const [owner] = await db.select().from(users).where(eq(users.id, row.userId)).limit(1);
  if (!owner) return;
  const [resume] = row.resumeId
    ? await db
        .select({ title: resumes.title })
        .from(resumes)
        .where(eq(resumes.id, row.resumeId))
        .limit(1)
    : [];
  const subject = subjectLine(row.subjectKind, resume?.title ?? null);
  await sendEmail(env, {
    to: owner.email,
    template: "moderation_notice",
    data: {
      name: greetingName(owner) ?? "",
      kind,
      subject,
      reason,
      manageUrl: publicUrl(env, manageLink(row)),
    },
    dedupeKey: `moderation:${row.id}:${kind}`,
    now,
  });
}

/** The automated decision carried out, and its owner told. Exports read their case's outcome. */
export async function applyAutomatedDecision(
  env: Env,
  caseId: string,
  decision: CaseDecision,
  now: number,
): Promise<void> {
  const row = await loadCase(env, caseId);
  const reason = ownerMessage({ ...decision, kind: row.subjectKind });
  // Blocked above 90 is a confirmed violation, whatever was blocked: a share, a photo, or an
  // export (private, but the same content, and a blocked export is refused like the others).
  // Quarantine and warn are not: the owner can fix and republish, or a moderator decides.
  if (
    decision.outcome === "block" &&
    decision.category &&
    decision.confidence > THRESHOLDS.automatic
  ) {
    await strikeAndEscalate(
      env,
      {
        userId: row.userId,
        caseId: row.id,
        category: decision.category,
        source: "automatic",
        reason,
        actor: null,
      },
      now,
    );
  }
  if (row.subjectKind === "export") return;
  await applyToSubject(env, row, decision, now);
  if (row.source === "report" && decision.outcome !== "review") {
    await resolveReports(env, caseId, decision.outcome !== "allow", now);
  }
  const notice: Partial<Record<CaseDecision["outcome"], ModerationNoticeKind>> = {
    warn: "warning",
    review: "in_review",
    quarantine: "taken_down",
    block: "taken_down",
  };
  const kind = notice[decision.outcome];
  if (kind) await notifyOwner(env, row, kind, reason, now);
}

const VERDICT_OUTCOME = {
  approve: "allow",
  reject: "block",
  request_changes: "quarantine",
} as const satisfies Record<ModeratorVerdict, string>;

/**
 * Carries out the moderator's latest decision on a case: called by the workflow when the
 * decision's event arrives, or by the API itself when no workflow is waiting any more.
 * Returns false when no moderator has decided yet.
 */
export async function applyModeratorDecision(
  env: Env,
  caseId: string,
  now: number,
): Promise<boolean> {
  const row = await loadCase(env, caseId);
  const human = await latestHumanDecision(env, caseId);
  if (!human?.verdict) return false;
  const verdict = human.verdict;
  const reason = human.reason ?? "";
  await applyToSubject(
    env,
    row,
    { outcome: VERDICT_OUTCOME[verdict], category: row.category, confidence: 100 },
    now,
  );
  if (verdict === "approve") {
    await rememberContent(env, row.contentHash, { verdict: "good", caseId });
  } else if (verdict === "reject" && row.category) {
    await rememberContent(env, row.contentHash, {
      verdict: "bad",
      category: row.category,
      caseId,
    });
    // A confirmed violation: one strike per case, credited to the deciding moderator.
    await strikeAndEscalate(
      env,
      {
        userId: row.userId,
        caseId: row.id,
        category: row.category,
        source: "moderator",
        reason: human.reason,
        actor: human.actorId,
      },
      now,
    );
  }
  await changeCase(
    env,
    caseId,
    { status: "closed", outcome: VERDICT_OUTCOME[verdict], decidedAt: now },
    now,
  );
  await resolveReports(env, caseId, verdict !== "approve", now);
  const notice: Record<ModeratorVerdict, ModerationNoticeKind> = {
    approve: "approved",
    reject: "taken_down",
    request_changes: "changes_requested",
  };
  await notifyOwner(env, row, notice[verdict], reason || "A moderator reviewed it.", now);
  return true;
}

/** Past its deadline: the case becomes critical and operators are alerted, once. */
export async function escalateCase(env: Env, caseId: string, now: number): Promise<void> {
  const row = await loadCase(env, caseId);
  if (row.status === "closed") return;
  await changeCase(env, caseId, { status: "escalated", priority: "critical" }, now);
  await sendEmail(env, {
    to: env.OPS_ALERT_EMAIL,
    template: "moderation_escalated",
    data: {
      caseId,
      subject: `${row.subjectKind} ${row.subjectId}`,
      category: row.category ?? "unknown",
      dueAt: new Date(row.slaDueAt ?? now).toISOString(),
      caseUrl: publicUrl(env, `/admin/moderation/${encodeURIComponent(caseId)}`),
      environment: env.ENVIRONMENT,
    },
    dedupeKey: `moderation:${caseId}:escalated`,
    now,
  });
}
