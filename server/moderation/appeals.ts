// Appeals (README "Appeals"): one per decision, within 30 days of it, in up to 2,000
// characters. Filed, it goes through auto-review at once; an obvious false positive is accepted
// and logged, anything else waits in the moderators' queue for someone other than the person
// who decided. An accepted appeal is handed to the account's ban escalation workflow, which
// revokes the strike and lifts what it caused (server/moderation/appeal-reversal.ts).
import { and, eq, lte, notExists, sql } from "drizzle-orm";
import { reviewAppeal } from "../../core/moderation/appeal-review";
import {
  type AppealChannel,
  type AppealSubjectKind,
  AUTO_REVIEWER,
  STANDING_PATH,
  withinAppealWindow,
} from "../../core/moderation/appeals";
import { createDb } from "../../db/client";
import { type AppealRow, appeals, escalationRequests, users } from "../../db/schema";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../ops/audit";
import { appealEvidence } from "./appeal-evidence";
import { type AppealSubject, appealSubject } from "./appeal-subjects";
import { requestEscalation } from "./escalation";

export interface AppealInput {
  userId: string;
  subjectKind: AppealSubjectKind;
  subjectId: string;
  message: string;
  channel: AppealChannel;
}

/**
 * Files the owner's appeal and runs auto-review. Sending the same appeal again (a retried
 * request) answers the appeal filed the first time; a second, different appeal of the same
 * decision is a conflict.
 */
export async function fileAppeal(env: Env, input: AppealInput, now: number): Promise<AppealRow> {
  const subject = await appealSubject(env, input.userId, input.subjectKind, input.subjectId, now);
  if (!subject) throw notFound(input.subjectKind === "strike" ? "Strike" : "Suspension or ban");
  const db = createDb(env.DB);
  const [earlier] = await db
    .select()
    .from(appeals)
    .where(and(eq(appeals.subjectKind, subject.kind), eq(appeals.subjectId, subject.id)))
    .limit(1);
  if (earlier) {
    if (earlier.message === input.message && earlier.userId === input.userId) {
      // A retry after a crash between deciding and handing it on finishes the hand-over.
      await completeDecidedAppeal(env, earlier, now);
      return earlier;
    }
    throw new AppError(409, "appeal_exists", "This decision has already been appealed", {
      appeal_id: earlier.id,
    });
  }
  if (!withinAppealWindow(subject.decidedAt, now)) {
    throw new AppError(422, "appeal_window_closed", "Decisions can be appealed within 30 days");
  }
  if (!subject.inForce) {
    throw new AppError(422, "nothing_to_appeal", "This decision no longer has any effect");
  }
  const id = `ap_${crypto.randomUUID().replaceAll("-", "")}`;
  await db
    .insert(appeals)
    .values({
      id,
      userId: input.userId,
      subjectKind: subject.kind,
      subjectId: subject.id,
      caseId: subject.caseId,
      decidedBy: subject.decidedBy,
      message: input.message,
      channel: input.channel,
      status: "pending",
      createdAt: now,
    })
    .onConflictDoNothing();
  const [filed] = await db.select().from(appeals).where(eq(appeals.id, id)).limit(1);
  // Lost the insert to a concurrent appeal of the same decision.
  if (!filed) return fileAppeal(env, input, now);
  return (await autoReview(env, filed, subject, now)) ?? filed;
}

/** Accepts an obvious false positive at once (logged); leaves anything else pending. */
async function autoReview(env: Env, appeal: AppealRow, subject: AppealSubject, now: number) {
  const evidence = await appealEvidence(env, subject);
  if (!evidence) return null;
  const review = reviewAppeal(evidence);
  if (!review.accept) return null;
  const decided = await settle(env, appeal, "accepted", AUTO_REVIEWER, review.note, now);
  await recordAudit(
    env,
    { id: AUTO_REVIEWER, role: "system", ip: null, userAgent: null, requestId: null, at: now },
    {
      action: "appeal.auto_accepted",
      resourceType: "appeal",
      resourceId: appeal.id,
      details: { finding: review.finding, note: review.note, subject: subject.summary },
    },
  );
  return decided;
}

const alreadyDecided = (status: AppealRow["status"]) =>
  new AppError(409, "appeal_decided", `This appeal was already ${status}`, { status });

/**
 * A moderator's decision. The person who took the contested decision may not decide its
 * appeal, nor may the account's owner. Deciding the same way twice answers like the first time.
 */
export async function decideAppeal(
  env: Env,
  input: { appealId: string; accept: boolean; note: string; reviewerId: string },
  now: number,
): Promise<{ appeal: AppealRow; repeated: boolean }> {
  const [appeal] = await createDb(env.DB)
    .select()
    .from(appeals)
    .where(eq(appeals.id, input.appealId))
    .limit(1);
  if (!appeal) throw notFound("Appeal");
  const status = input.accept ? "accepted" : "rejected";
  if (appeal.status !== "pending") {
    if (appeal.status === status && appeal.reviewerId === input.reviewerId) {
      await completeDecidedAppeal(env, appeal, now);
      return { appeal, repeated: true };
    }
    throw alreadyDecided(appeal.status);
  }
  if (input.reviewerId === `user:${appeal.userId}`) {
    throw new AppError(403, "forbidden", "You cannot decide an appeal of your own account");
  }
  if (appeal.decidedBy !== null && appeal.decidedBy === input.reviewerId) {
    throw new AppError(
      409,
      "same_moderator",
      "You took the original decision; another moderator must decide this appeal",
    );
  }
  const decided = await settle(env, appeal, status, input.reviewerId, input.note, now);
  if (decided.reviewerId !== input.reviewerId || decided.status !== status) {
    throw alreadyDecided(decided.status);
  }
  return { appeal: decided, repeated: false };
}

/**
 * Decides a pending appeal (compare-and-set: of two decisions at once one wins), hands an
 * accepted one to the ban escalation workflow, and tells the owner. Returns the appeal as it
 * stands after, whoever decided it.
 */
async function settle(
  env: Env,
  appeal: AppealRow,
  status: "accepted" | "rejected",
  reviewerId: string,
  note: string,
  now: number,
): Promise<AppealRow> {
  const db = createDb(env.DB);
  await db
    .update(appeals)
    .set({ status, reviewerId, reviewNote: note, decidedAt: now })
    .where(and(eq(appeals.id, appeal.id), eq(appeals.status, "pending")));
  const [after] = await db.select().from(appeals).where(eq(appeals.id, appeal.id)).limit(1);
  if (!after || after.reviewerId !== reviewerId) return after ?? appeal;
  await completeDecidedAppeal(env, after, now);
  return after;
}

/**
 * What follows a decided appeal, each step keyed by the appeal so that repeating it (a retried
 * request, the cron after a crash in between) does nothing twice: the workflow's request for an
 * accepted one, and the owner's email.
 */
export async function completeDecidedAppeal(env: Env, appeal: AppealRow, now: number) {
  if (appeal.status === "pending") return;
  const accepted = appeal.status === "accepted";
  if (accepted) {
    await requestEscalation(
      env,
      {
        id: `appeal:${appeal.id}`,
        userId: appeal.userId,
        kind: "appeal",
        appealId: appeal.id,
        actor: appeal.reviewerId ?? AUTO_REVIEWER,
      },
      now,
    );
  }
  const [account] = await createDb(env.DB)
    .select()
    .from(users)
    .where(eq(users.id, appeal.userId))
    .limit(1);
  if (!account) return;
  const subject = await appealSubject(
    env,
    appeal.userId,
    appeal.subjectKind,
    appeal.subjectId,
    now,
  );
  await sendEmail(env, {
    to: account.email,
    template: "appeal_decided",
    data: {
      name: greetingName(account) ?? "",
      accepted,
      subject: subject?.summary ?? "the decision",
      note: appeal.reviewNote ?? "",
      url: publicUrl(env, accepted ? "/login" : STANDING_PATH),
    },
    dedupeKey: `appeal:${appeal.id}:decided`,
    now,
  });
}

/**
 * The safety net (five-minute cron): an appeal accepted over a minute ago whose request never
 * reached the ban escalation (the Worker stopped between the two writes) is handed on now.
 * Bounded per run.
 */
export async function resumeAcceptedAppeals(env: Env, now: number): Promise<number> {
  const db = createDb(env.DB);
  const stranded = await db
    .select()
    .from(appeals)
    .where(
      and(
        eq(appeals.status, "accepted"),
        lte(appeals.decidedAt, now - 60_000),
        notExists(
          db
            .select({ id: escalationRequests.id })
            .from(escalationRequests)
            .where(eq(escalationRequests.id, sql`'appeal:' || ${appeals.id}`)),
        ),
      ),
    )
    .limit(50);
  for (const appeal of stranded) await completeDecidedAppeal(env, appeal, now);
  return stranded.length;
}
