// Moderation cases and their decisions in D1 (README "Content moderation"). A case is one check
// of one piece of content: its id comes from the subject and the content hash, so the same
// content published twice, or a check retried after a crash, lands on the same row.
import { and, desc, eq } from "drizzle-orm";
import type {
  ModerationCaseStatus,
  ModerationCategory,
  ModerationLayer,
  ModerationOutcome,
  ModerationSignal,
  ModerationSource,
  ModerationSubjectKind,
  ModeratorVerdict,
  ReviewPriority,
} from "../../core/moderation/model";
import { stableId } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import {
  type ModerationCaseRow,
  type ModerationDecisionRow,
  moderationCases,
  moderationDecisions,
} from "../../db/schema";
import type { Env } from "../env";

type CaseEnv = Pick<Env, "DB">;

export interface CaseSubject {
  kind: ModerationSubjectKind;
  subjectId: string;
  userId: string;
  resumeId: string | null;
  contentHash: string;
  source: ModerationSource;
  /**
   * Which round of reports a `report` case answers (its first report's id): once a moderator
   * decided, new reports about the same content open a new case instead of the decided one.
   */
  round?: string | null;
}

/** `mc_` and 32 hex characters of SHA-256 over what makes the check unique. */
export async function caseIdOf(subject: CaseSubject): Promise<string> {
  const parts = [subject.kind, subject.subjectId, subject.contentHash, subject.source];
  const key = [...parts, ...(subject.round ? [subject.round] : [])].join("\n");
  return stableId("mc_", key);
}

/** The workflow instance that runs a case: one per case, so a repeat starts nothing. */
export const instanceIdOf = (caseId: string) => `moderation-${caseId}`;

/** The case, created when new; the existing row when the same check was asked for before. */
export async function openCase(
  env: CaseEnv,
  subject: CaseSubject,
  snapshotKey: string,
  now: number,
): Promise<{ row: ModerationCaseRow; created: boolean }> {
  const id = await caseIdOf(subject);
  const db = createDb(env.DB);
  const inserted = await db
    .insert(moderationCases)
    .values({
      id,
      subjectKind: subject.kind,
      subjectId: subject.subjectId,
      userId: subject.userId,
      resumeId: subject.resumeId,
      contentHash: subject.contentHash,
      source: subject.source,
      status: "checking",
      snapshotKey,
      workflowInstanceId: instanceIdOf(id),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const row = await findCase(env, id);
  if (!row) throw new Error(`moderation case ${id} vanished`);
  return { row, created: false };
}

export async function findCase(env: CaseEnv, id: string): Promise<ModerationCaseRow | null> {
  const [row] = await createDb(env.DB)
    .select()
    .from(moderationCases)
    .where(eq(moderationCases.id, id))
    .limit(1);
  return row ?? null;
}

export interface CaseChange {
  status?: ModerationCaseStatus;
  outcome?: ModerationOutcome;
  category?: ModerationCategory | null;
  confidence?: number | null;
  priority?: ReviewPriority | null;
  slaDueAt?: number | null;
  reportWeight?: number;
  decidedAt?: number | null;
}

export async function changeCase(
  env: CaseEnv,
  id: string,
  change: CaseChange,
  now: number,
): Promise<void> {
  await createDb(env.DB)
    .update(moderationCases)
    .set({ ...change, updatedAt: now })
    .where(eq(moderationCases.id, id));
}

export interface DecisionRecord {
  /** Stable for automated layers (`case:layer`), so a replayed step writes one row. */
  id: string;
  caseId: string;
  layer: ModerationLayer;
  outcome: ModerationOutcome;
  category: ModerationCategory | null;
  confidence: number | null;
  rule?: string | null;
  model?: string | null;
  actorId?: string | null;
  verdict?: ModeratorVerdict | null;
  reason?: string | null;
  signals: ModerationSignal[];
  at: number;
}

export async function recordDecision(env: CaseEnv, decision: DecisionRecord): Promise<void> {
  await createDb(env.DB)
    .insert(moderationDecisions)
    .values({
      id: decision.id,
      caseId: decision.caseId,
      layer: decision.layer,
      outcome: decision.outcome,
      category: decision.category,
      confidence: decision.confidence,
      rule: decision.rule ?? null,
      model: decision.model ?? null,
      actorId: decision.actorId ?? null,
      verdict: decision.verdict ?? null,
      reason: decision.reason ?? null,
      signalsJson: JSON.stringify(decision.signals),
      createdAt: decision.at,
    })
    .onConflictDoNothing();
}

export async function decisionsOf(env: CaseEnv, caseId: string): Promise<ModerationDecisionRow[]> {
  return createDb(env.DB)
    .select()
    .from(moderationDecisions)
    .where(eq(moderationDecisions.caseId, caseId))
    .orderBy(moderationDecisions.createdAt);
}

/** The newest human decision on a case, if a moderator has decided. */
export async function latestHumanDecision(
  env: CaseEnv,
  caseId: string,
): Promise<ModerationDecisionRow | null> {
  const [row] = await createDb(env.DB)
    .select()
    .from(moderationDecisions)
    .where(and(eq(moderationDecisions.caseId, caseId), eq(moderationDecisions.layer, "human")))
    .orderBy(desc(moderationDecisions.createdAt))
    .limit(1);
  return row ?? null;
}
