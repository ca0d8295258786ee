// A moderator's decision on a case in the review queue (README "Content moderation"): recorded
// in D1 first (the source of truth), then sent to the workflow waiting for it. A workflow that
// no longer waits (it gave up after the escalation) cannot act, so the decision is then
// carried out here, by the same function the workflow would have called.
import type { ModeratorVerdict } from "../../core/moderation/model";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { findCase, latestHumanDecision, recordDecision } from "./cases";
import { applyModeratorDecision } from "./outcomes";

/** The event a waiting ModerationWorkflow instance listens for. */
export const MODERATOR_DECISION_EVENT = "moderator-decision";

/** Instance states in which the workflow can still receive the event. */
const LISTENING = new Set(["queued", "running", "waiting", "paused", "waitingForPause"]);

export interface ModeratorDecisionInput {
  caseId: string;
  verdict: ModeratorVerdict;
  reason: string;
  actorId: string;
}

/**
 * Records the decision and hands it to the workflow. Deciding the same way twice (a retried
 * request, a bulk action repeated) answers like the first time; deciding differently after a
 * decision is a conflict.
 */
export async function decideCaseAsModerator(
  env: Env,
  input: ModeratorDecisionInput,
  now: number,
): Promise<{ caseId: string; verdict: ModeratorVerdict; repeated: boolean }> {
  const row = await findCase(env, input.caseId);
  if (!row) throw notFound("Moderation case");
  const earlier = await latestHumanDecision(env, row.id);
  if (earlier?.verdict) {
    if (earlier.verdict !== input.verdict) {
      throw conflict(`This case was already decided: ${earlier.verdict}`, {
        verdict: earlier.verdict,
      });
    }
    return { caseId: row.id, verdict: input.verdict, repeated: true };
  }
  if (row.status !== "in_review" && row.status !== "escalated") {
    throw conflict("This case is not waiting for a moderator", { status: row.status });
  }
  await recordDecision(env, {
    // One human decision per case: a concurrent second one loses the insert and is refused.
    id: `${row.id}:human`,
    caseId: row.id,
    layer: "human",
    outcome: input.verdict === "approve" ? "allow" : "block",
    category: row.category,
    confidence: null,
    actorId: input.actorId,
    verdict: input.verdict,
    reason: input.reason,
    signals: [],
    at: now,
  });
  const recorded = await latestHumanDecision(env, row.id);
  if (recorded?.verdict !== input.verdict) {
    throw conflict(`This case was already decided: ${recorded?.verdict}`, {
      verdict: recorded?.verdict,
    });
  }
  const instance = await env.MODERATION_WORKFLOW.get(row.workflowInstanceId).catch(() => null);
  const status = instance ? (await instance.status()).status : null;
  if (instance && status && LISTENING.has(status)) {
    await instance.sendEvent({
      type: MODERATOR_DECISION_EVENT,
      payload: { verdict: input.verdict },
    });
  } else {
    await applyModeratorDecision(env, row.id, now);
  }
  return { caseId: row.id, verdict: input.verdict, repeated: false };
}
