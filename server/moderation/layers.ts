// The automated layers of a check (README "Content moderation"), each run by one step of the
// ModerationWorkflow: the known-content cache, the rules, the AI (or its labelled local
// stand-in), then the decision. Each records its finding under an id derived from the case and
// the layer, so a replayed step writes nothing twice.
import {
  CATEGORY_POLICY,
  decide,
  type ModerationDecision,
  SLA_HOURS,
} from "../../core/moderation/decision";
import type { ModerationSignal } from "../../core/moderation/model";
import { evaluateRules } from "../../core/moderation/rules/evaluate";
import type { ModerationCaseRow } from "../../db/schema";
import type { Env } from "../env";
import { classifyContent, classifyPhoto } from "./ai-layer";
import { changeCase, findCase, recordDecision } from "./cases";
import { knownContent } from "./hash-cache";
import { reportedCategory } from "./reports";
import { activeRuleSet } from "./rule-set";
import { documentOf, readSnapshot } from "./snapshots";

/** What a check decided, as a workflow step returns it (plain JSON). */
export interface CaseDecision {
  outcome: ModerationDecision["outcome"];
  category: ModerationDecision["category"];
  confidence: number;
  slaHours: number | null;
}

export async function loadCase(env: Pick<Env, "DB">, caseId: string): Promise<ModerationCaseRow> {
  const row = await findCase(env, caseId);
  if (!row) throw new Error(`moderation case ${caseId} does not exist`);
  return row;
}

async function caseSnapshot(env: Env, row: ModerationCaseRow) {
  if (!row.snapshotKey) throw new Error(`moderation case ${row.id} has no snapshot`);
  return readSnapshot(env, row.snapshotKey);
}

/** Layer 0: content a moderator already judged is decided the same way at once. */
export async function knownContentLayer(
  env: Env,
  caseId: string,
  now: number,
): Promise<CaseDecision | null> {
  const row = await loadCase(env, caseId);
  const known = await knownContent(env, row.contentHash);
  if (!known || known.caseId === row.id) return null;
  // Approved before, reported now: the reports are new information, so a person looks again.
  if (known.verdict === "good" && row.source === "report") return null;
  const signal: ModerationSignal =
    known.verdict === "bad"
      ? {
          layer: "hash",
          category: known.category,
          confidence: 100,
          detail: `The same content was rejected by a moderator before (case ${known.caseId}).`,
        }
      : {
          layer: "hash",
          category: "spam",
          confidence: 0,
          detail: `The same content was approved by a moderator before (case ${known.caseId}).`,
        };
  const decision: CaseDecision =
    known.verdict === "bad"
      ? { outcome: "block", category: known.category, confidence: 100, slaHours: null }
      : { outcome: "allow", category: null, confidence: 0, slaHours: null };
  await recordDecision(env, {
    id: `${row.id}:hash`,
    caseId: row.id,
    layer: "hash",
    outcome: decision.outcome,
    category: decision.category,
    confidence: decision.confidence,
    rule: `known-${known.verdict}`,
    signals: [signal],
    at: now,
  });
  await changeCase(
    env,
    row.id,
    {
      status: "closed",
      outcome: decision.outcome,
      category: decision.category,
      confidence: decision.confidence,
      decidedAt: now,
    },
    now,
  );
  return decision;
}

/** What one layer found, recorded under `case:layer` with what it alone would have decided. */
async function recordFinding(
  env: Env,
  row: ModerationCaseRow,
  layer: "rules" | "ai",
  signals: ModerationSignal[],
  model: string | null,
  now: number,
): Promise<ModerationSignal[]> {
  const alone = decide(signals, row.subjectKind);
  await recordDecision(env, {
    id: `${row.id}:${layer}`,
    caseId: row.id,
    layer,
    outcome: alone.outcome,
    category: alone.category,
    confidence: alone.confidence,
    rule: layer === "rules" ? (alone.reasons[0]?.rule ?? null) : null,
    model,
    signals,
    at: now,
  });
  return signals;
}

/** Layer 1: the rules (built-in detectors and the admin-edited rule set). */
export async function rulesLayer(
  env: Env,
  caseId: string,
  now: number,
): Promise<ModerationSignal[]> {
  const row = await loadCase(env, caseId);
  const snapshot = await caseSnapshot(env, row);
  // The rules read text; a photo has none (its known copies are the hash layer's).
  if (snapshot.kind !== "resume") return [];
  const signals = evaluateRules(documentOf(snapshot), await activeRuleSet(env));
  return recordFinding(env, row, "rules", signals, null, now);
}

/** Layer 2: Workers AI, or the built-in classifiers standing in for it (labelled as such). */
export async function aiLayer(env: Env, caseId: string, now: number): Promise<ModerationSignal[]> {
  const row = await loadCase(env, caseId);
  const snapshot = await caseSnapshot(env, row);
  const { signals, model } =
    snapshot.kind === "resume"
      ? await classifyContent(env, documentOf(snapshot))
      : await classifyPhoto(env, snapshot);
  return recordFinding(env, row, "ai", signals, model, now);
}

/**
 * The decision over every layer's signals (> 90 automatic, 60–90 review, < 60 allowed). A
 * reported page goes to review at least: people complained, so a moderator looks.
 */
export async function decideCase(
  env: Env,
  caseId: string,
  signals: ModerationSignal[],
  now: number,
): Promise<CaseDecision> {
  const row = await loadCase(env, caseId);
  const decision = decide(signals, row.subjectKind);
  const reported = row.source === "report" && decision.outcome === "allow";
  const outcome = reported ? "review" : decision.outcome;
  // Reports name a category even when no layer found anything: the reporters' one.
  const category =
    decision.category ?? (row.source === "report" ? await reportedCategory(env, caseId) : null);
  const priority =
    outcome === "review"
      ? (decision.priority ?? (category ? CATEGORY_POLICY[category].sla : "standard"))
      : null;
  const slaHours = priority === null ? null : SLA_HOURS[priority];
  await changeCase(
    env,
    caseId,
    {
      status: outcome === "review" ? "in_review" : "closed",
      outcome,
      category,
      confidence: decision.confidence,
      priority,
      slaDueAt: slaHours === null ? null : now + slaHours * 3_600_000,
      decidedAt: outcome === "review" ? null : now,
    },
    now,
  );
  return { outcome, category, confidence: decision.confidence, slaHours };
}
