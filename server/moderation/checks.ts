// Starting a moderation check (README "Content moderation"): the content is snapshotted in R2,
// a case opened, and one ModerationWorkflow instance started for it. Every half is idempotent
// (snapshot keyed by content hash, case id and instance id derived from subject and hash), so a
// retried request or a replayed message starts nothing twice.
import type { ModerationSource, ModerationSubjectKind } from "../../core/moderation/model";
import type { ModerationCaseRow } from "../../db/schema";
import type { Env } from "../env";
import { startWorkflowRun } from "../ops/workflow-runs";
import { openCase } from "./cases";
import { type ModerationSnapshot, storeSnapshot } from "./snapshots";

export interface CheckRequest {
  kind: ModerationSubjectKind;
  subjectId: string;
  userId: string;
  resumeId: string | null;
  source: ModerationSource;
  snapshot: ModerationSnapshot;
  hash: string;
  /** Who asked: the owner publishing, or `reports` when visitors reported it. */
  requestedBy: string;
  /** For reports: the round they belong to (cases.ts `CaseSubject.round`). */
  round?: string;
}

export async function startModerationCheck(
  env: Env,
  request: CheckRequest,
  now: number,
): Promise<ModerationCaseRow> {
  const snapshotKey = await storeSnapshot(env, request.hash, request.snapshot);
  const { row } = await openCase(
    env,
    {
      kind: request.kind,
      subjectId: request.subjectId,
      userId: request.userId,
      resumeId: request.resumeId,
      contentHash: request.hash,
      source: request.source,
      round: request.round ?? null,
    },
    snapshotKey,
    now,
  );
  await startWorkflowRun(env, {
    workflow: "moderation",
    instanceId: row.workflowInstanceId,
    params: { caseId: row.id },
    subject: `${request.kind}:${request.subjectId}`,
    jobId: null,
    createdBy: request.requestedBy,
    now,
  });
  return row;
}
