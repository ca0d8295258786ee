// The ban escalation (README "Strikes and bans"): what the BanEscalationWorkflow's steps do.
// Everything that can change an account's standing — a new strike, an admin's suspend / ban /
// lift — is first written as an `escalation_requests` row, then the account's workflow is woken
// (or started). Each evaluation ends suspensions that ran out and processes the waiting requests
// in order, each applied at most once (a sanction per cause, a request marked processed), so a
// replayed or restarted workflow, or two evaluations at once, never apply a step twice.
import { and, asc, count, eq, isNull, lte } from "drizzle-orm";
import { STANDING_PATH } from "../../core/moderation/appeals";
import {
  type BanReason,
  type EscalationRequestKind,
  reasonForCategory,
} from "../../core/moderation/sanctions";
import { type Escalation, escalationFor } from "../../core/moderation/strikes";
import { stableId } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import {
  accountSanctions,
  banEscalations,
  type EscalationRequestRow,
  escalationRequests,
  type StrikeRow,
  strikes,
  users,
} from "../../db/schema";
import { activeSanctions } from "../auth/sanctions-in-force";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { startWorkflowRun } from "../ops/workflow-runs";
import { reverseAppealedDecision } from "./appeal-reversal";
import { applySanction, liftSanction } from "./sanctions";
import { recordStrike, type StrikeInput, strikeThresholds } from "./strikes";

/** The event that wakes an account's waiting workflow: something new to process. */
export const ESCALATION_EVENT = "escalation-request";

export interface EscalationRequest {
  /** The idempotency key: `strike:{strike id}`, or the admin request's key. */
  id: string;
  userId: string;
  kind: EscalationRequestKind;
  strikeId?: string | null;
  appealId?: string | null;
  days?: number | null;
  reason?: BanReason | null;
  note?: string | null;
  actor: string;
}

/** Records the request (once per id) and makes sure the account's workflow will process it. */
export async function requestEscalation(
  env: Env,
  request: EscalationRequest,
  now: number,
): Promise<EscalationRequestRow> {
  const db = createDb(env.DB);
  await db
    .insert(escalationRequests)
    .values({
      id: request.id,
      userId: request.userId,
      kind: request.kind,
      strikeId: request.strikeId ?? null,
      appealId: request.appealId ?? null,
      days: request.days ?? null,
      reason: request.reason ?? null,
      note: request.note ?? null,
      actor: request.actor,
      createdAt: now,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(escalationRequests)
    .where(eq(escalationRequests.id, request.id))
    .limit(1);
  if (!row) throw new Error(`escalation request ${request.id} vanished`);
  if (row.processedAt === null) await wakeEscalation(env, request.userId, request.id, now);
  return row;
}

/** Hands a recorded strike to the account's ban escalation (keyed by the strike: once). */
export async function escalateStrike(env: Env, strike: StrikeRow, actor: string, now: number) {
  await requestEscalation(
    env,
    {
      id: `strike:${strike.id}`,
      userId: strike.userId,
      kind: "strike",
      strikeId: strike.id,
      actor,
    },
    now,
  );
}

/**
 * Records a confirmed violation's strike and hands it to the account's ban escalation. Both
 * halves are keyed by the strike, so a retry after a crash between them completes the second.
 */
export async function strikeAndEscalate(env: Env, input: StrikeInput, now: number) {
  const recorded = await recordStrike(env, input, now);
  await escalateStrike(env, recorded.strike, input.actor ?? "moderation", now);
  return recorded;
}

const LISTENING = new Set(["queued", "running", "waiting", "waitingForPause", "paused"]);

/**
 * Wakes the account's running instance with an event, or starts one: one instance at a time
 * per account (the `ban_escalations` row names it; taking it over is a compare-and-set).
 */
async function wakeEscalation(env: Env, userId: string, cause: string, now: number) {
  const db = createDb(env.DB);
  const [current] = await db
    .select()
    .from(banEscalations)
    .where(eq(banEscalations.userId, userId))
    .limit(1);
  if (current && current.endedAt === null) {
    const instance = await env.BAN_ESCALATION_WORKFLOW.get(current.instanceId).catch(() => null);
    const status = instance ? (await instance.status()).status : null;
    if (instance && status && LISTENING.has(status)) {
      await instance.sendEvent({ type: ESCALATION_EVENT, payload: { cause } });
      return;
    }
    // Failed or gone: a new instance takes over (the requests wait in D1 meanwhile).
  }
  const instanceId = await stableId("ban-escalation-", `${userId}\n${cause}`);
  const claimed = await db
    .insert(banEscalations)
    .values({ userId, instanceId, endedAt: null, updatedAt: now })
    .onConflictDoUpdate({
      target: banEscalations.userId,
      set: { instanceId, endedAt: null, updatedAt: now },
      setWhere: current
        ? eq(banEscalations.instanceId, current.instanceId)
        : isNull(banEscalations.userId),
    })
    .returning({ instanceId: banEscalations.instanceId });
  if (claimed[0]?.instanceId !== instanceId) {
    // Someone else started one a moment ago: it reads the request from D1 when it evaluates.
    return;
  }
  await startWorkflowRun(env, {
    workflow: "ban-escalation",
    instanceId,
    params: { userId },
    subject: `user:${userId}`,
    jobId: null,
    createdBy: cause,
    now,
  });
}

const RANK: Record<Escalation["kind"], number> = { none: 0, warning: 1, suspend: 2, ban: 3 };

/** Whether `after` asks for more than `before` did (a longer suspension counts as more). */
function harsher(after: Escalation, before: Escalation): boolean {
  if (RANK[after.kind] !== RANK[before.kind]) return RANK[after.kind] > RANK[before.kind];
  return after.kind === "suspend" && before.kind === "suspend" && after.hours > before.hours;
}

/** What the next threshold does, in words, for the warning email. */
function nextStep(active: number, thresholds: Awaited<ReturnType<typeof strikeThresholds>>) {
  const next = [...thresholds]
    .sort((a, b) => a.strikes - b.strikes)
    .find((t) => t.strikes > active);
  if (!next) return null;
  return next.action === "ban"
    ? `a permanent ban at ${next.strikes} strikes`
    : `a ${next.hours}-hour suspension at ${next.strikes} strikes`;
}

/** A new strike against the thresholds: a sanction when it crosses one, else the warning. */
async function processStrike(env: Env, request: EscalationRequestRow, now: number) {
  const db = createDb(env.DB);
  const [strike] = await db
    .select()
    .from(strikes)
    .where(eq(strikes.id, request.strikeId ?? ""))
    .limit(1);
  if (!strike || strike.revokedAt !== null || strike.expiredAt !== null) {
    return "strike no longer active";
  }
  const [counted] = await db
    .select({ active: count() })
    .from(strikes)
    .where(
      and(
        eq(strikes.userId, strike.userId),
        isNull(strikes.revokedAt),
        isNull(strikes.expiredAt),
        lte(strikes.createdAt, strike.createdAt),
      ),
    );
  // The active strikes up to and including this one: a strike appealed away meanwhile lowers
  // the count, so an accepted appeal never triggers a sanction by itself.
  const after = counted?.active ?? 0;
  const thresholds = await strikeThresholds(env);
  const now_ = escalationFor(after, thresholds);
  const before = escalationFor(after - 1, thresholds);
  if ((now_.kind === "suspend" || now_.kind === "ban") && harsher(now_, before)) {
    await applySanction(
      env,
      {
        userId: strike.userId,
        kind: now_.kind === "ban" ? "ban" : "suspension",
        // the strike that crossed the threshold names why
        reason: reasonForCategory(strike.category),
        source: "strikes",
        causeKey: `strike:${strike.id}`,
        strikeCount: after,
        note: null,
        createdBy: "ban-escalation",
        hours: now_.kind === "suspend" ? now_.hours : null,
      },
      now,
    );
    return now_.kind === "ban"
      ? `banned at ${after} strikes`
      : `suspended ${now_.hours} h at ${after} strikes`;
  }
  const [account] = await db.select().from(users).where(eq(users.id, strike.userId)).limit(1);
  if (account) {
    await sendEmail(env, {
      to: account.email,
      template: "strike_recorded",
      data: {
        name: greetingName(account) ?? "",
        active: after,
        next: nextStep(after, thresholds),
        category: strike.category,
        standingUrl: publicUrl(env, STANDING_PATH),
      },
      dedupeKey: `strike:${strike.id}:warning`,
      now,
    });
  }
  return `warning at ${after} strike${after === 1 ? "" : "s"}`;
}

async function processRequest(env: Env, request: EscalationRequestRow, now: number) {
  switch (request.kind) {
    case "strike":
      return processStrike(env, request, now);
    case "suspend":
    case "ban": {
      const row = await applySanction(
        env,
        {
          userId: request.userId,
          kind: request.kind === "ban" ? "ban" : "suspension",
          reason: request.reason ?? "tos_violation",
          source: "admin",
          causeKey: `admin:${request.id}`,
          strikeCount: null,
          note: request.note,
          createdBy: request.actor,
          hours: request.kind === "suspend" ? (request.days ?? 1) * 24 : null,
        },
        now,
      );
      if (!row) return "account gone";
      return request.kind === "ban" ? "banned" : `suspended ${request.days} days`;
    }
    case "appeal":
      return reverseAppealedDecision(env, request, now);
    case "lift": {
      const active = await activeSanctions(env, request.userId, now);
      for (const row of active) {
        await liftSanction(env, row, { by: request.actor, reason: request.note ?? "lifted" }, now);
      }
      return active.length ? `lifted ${active.length}` : "nothing to lift";
    }
  }
}

export interface EscalationState {
  /** Milliseconds until the next suspension ends (the workflow sleeps until then), or null. */
  wakeInMs: number | null;
}

/** One evaluation: ended suspensions lifted, waiting requests processed in order. */
export async function evaluateEscalation(
  env: Env,
  userId: string,
  now: number,
): Promise<EscalationState> {
  const db = createDb(env.DB);
  const ended = await db
    .select()
    .from(accountSanctions)
    .where(
      and(
        eq(accountSanctions.userId, userId),
        isNull(accountSanctions.liftedAt),
        lte(accountSanctions.endsAt, now),
      ),
    );
  for (const row of ended) {
    await liftSanction(env, row, { by: "ban-escalation", reason: "expired" }, now);
  }
  const waiting = await db
    .select()
    .from(escalationRequests)
    .where(and(eq(escalationRequests.userId, userId), isNull(escalationRequests.processedAt)))
    .orderBy(asc(escalationRequests.createdAt), asc(escalationRequests.id));
  for (const request of waiting) {
    const result = await processRequest(env, request, now);
    await db
      .update(escalationRequests)
      .set({ processedAt: now, result })
      .where(and(eq(escalationRequests.id, request.id), isNull(escalationRequests.processedAt)));
  }
  const next = (await activeSanctions(env, userId, now))
    .map((row) => row.endsAt)
    .filter((end): end is number => end !== null)
    .sort((a, b) => a - b)[0];
  return { wakeInMs: next === undefined ? null : Math.max(1_000, next - now) };
}

/**
 * Ends the account's instance when nothing is left for it: no request waiting (compare-and-set
 * on this instance, so a request that arrived meanwhile keeps it going). True when it ended.
 */
export async function finishEscalation(
  env: Env,
  userId: string,
  instanceId: string,
  now: number,
): Promise<boolean> {
  const db = createDb(env.DB);
  const [waiting] = await db
    .select({ id: escalationRequests.id })
    .from(escalationRequests)
    .where(and(eq(escalationRequests.userId, userId), isNull(escalationRequests.processedAt)))
    .limit(1);
  if (waiting) return false;
  await db
    .update(banEscalations)
    .set({ endedAt: now, updatedAt: now })
    .where(and(eq(banEscalations.userId, userId), eq(banEscalations.instanceId, instanceId)));
  return true;
}

/** A long-running instance passes the account on to a fresh one (its step history stays small). */
export async function handOverEscalation(
  env: Env,
  userId: string,
  instanceId: string,
  now: number,
): Promise<void> {
  await createDb(env.DB)
    .update(banEscalations)
    .set({ endedAt: now, updatedAt: now })
    .where(and(eq(banEscalations.userId, userId), eq(banEscalations.instanceId, instanceId)));
  await wakeEscalation(env, userId, `handover:${instanceId}`, now);
}

/**
 * The safety net (five-minute cron): an account with a request waiting for over a minute, or a
 * suspension past its end, whose instance is not running (it failed, or a request arrived as it
 * finished) gets one woken or started. Bounded per run.
 */
export async function resumeStalledEscalations(env: Env, now: number): Promise<number> {
  const db = createDb(env.DB);
  const stalledRequests = await db
    .selectDistinct({ userId: escalationRequests.userId, cause: escalationRequests.id })
    .from(escalationRequests)
    .where(
      and(isNull(escalationRequests.processedAt), lte(escalationRequests.createdAt, now - 60_000)),
    )
    .limit(50);
  const overdue = await db
    .select({ userId: accountSanctions.userId, cause: accountSanctions.id })
    .from(accountSanctions)
    .where(and(isNull(accountSanctions.liftedAt), lte(accountSanctions.endsAt, now - 60_000)))
    .limit(50);
  const accounts = new Map<string, string>();
  for (const row of [...stalledRequests, ...overdue]) {
    if (!accounts.has(row.userId)) accounts.set(row.userId, row.cause);
  }
  for (const [userId, cause] of accounts) {
    await wakeEscalation(env, userId, `resume:${cause}:${Math.floor(now / 300_000)}`, now);
  }
  return accounts.size;
}
