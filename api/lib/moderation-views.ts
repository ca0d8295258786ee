// How moderation records look on the wire (core/contract/moderation.ts, strikes.ts,
// sanctions.ts): one presenter per row type, shared by every admin route that shows them (the
// case page, an account's standing, the appeals queue).

import { AUTO_REVIEWER } from "../../core/moderation/appeals";
import type { ModerationSignal } from "../../core/moderation/model";
import type {
  AccountSanctionRow,
  AppealRow,
  EscalationRequestRow,
  ModerationCaseRow,
  ModerationDecisionRow,
  StrikeRow,
} from "../../db/schema";
import type { CaseFile } from "../../server/moderation/queue";
import { isActiveSanction } from "../../server/moderation/standing";
import { strikeStatus } from "../../server/moderation/strikes";
import { isoOrNull } from "./iso-time";

export function presentCase(row: ModerationCaseRow) {
  return {
    id: row.id,
    subject_kind: row.subjectKind,
    subject_id: row.subjectId,
    user_id: row.userId,
    resume_id: row.resumeId,
    source: row.source,
    status: row.status,
    outcome: row.outcome,
    category: row.category,
    confidence: row.confidence,
    priority: row.priority,
    sla_due_at: isoOrNull(row.slaDueAt),
    report_weight: row.reportWeight,
    created_at: new Date(row.createdAt).toISOString(),
    decided_at: isoOrNull(row.decidedAt),
  };
}

export function presentDecision(row: ModerationDecisionRow) {
  return {
    id: row.id,
    layer: row.layer,
    outcome: row.outcome,
    category: row.category,
    confidence: row.confidence,
    rule: row.rule,
    model: row.model,
    actor_id: row.actorId,
    verdict: row.verdict,
    reason: row.reason,
    signals: JSON.parse(row.signalsJson) as ModerationSignal[],
    created_at: new Date(row.createdAt).toISOString(),
  };
}

/** A case with its decisions, reports and the content exactly as checked. */
export const presentCaseFile = (file: CaseFile) => ({
  ...presentCase(file.row),
  decisions: file.decisions.map(presentDecision),
  reports: file.reports.map((report) => ({
    id: report.id,
    category: report.category,
    message: report.message,
    weight: report.weight,
    signed_in: report.reporterUserId !== null,
    status: report.status,
    created_at: new Date(report.createdAt).toISOString(),
  })),
  content: file.content,
  photo: file.photo && {
    width: file.photo.width,
    height: file.photo.height,
    content_type: file.photo.contentType,
    sha256: file.photo.sha256,
  },
  workflow_instance_id: file.row.workflowInstanceId,
});

export function presentStrike(row: StrikeRow) {
  return {
    id: row.id,
    user_id: row.userId,
    case_id: row.caseId,
    category: row.category,
    severity: row.severity,
    source: row.source,
    reason: row.reason,
    actor: row.actor,
    status: strikeStatus(row),
    created_at: new Date(row.createdAt).toISOString(),
    revoked_at: isoOrNull(row.revokedAt),
    expired_at: isoOrNull(row.expiredAt),
  };
}

export const presentSanction = (row: AccountSanctionRow, now: number) => ({
  id: row.id,
  kind: row.kind,
  reason: row.reason,
  source: row.source,
  strike_count: row.strikeCount,
  note: row.note,
  created_by: row.createdBy,
  starts_at: new Date(row.startsAt).toISOString(),
  ends_at: isoOrNull(row.endsAt),
  lifted_at: isoOrNull(row.liftedAt),
  lifted_by: row.liftedBy,
  lift_reason: row.liftReason,
  active: isActiveSanction(row, now),
});

export const presentRequest = (row: EscalationRequestRow) => ({
  id: row.id,
  kind: row.kind,
  actor: row.actor,
  created_at: new Date(row.createdAt).toISOString(),
  processed_at: isoOrNull(row.processedAt),
  result: row.result,
});

export const presentAppeal = (row: AppealRow) => ({
  id: row.id,
  subject_kind: row.subjectKind,
  subject_id: row.subjectId,
  message: row.message,
  channel: row.channel,
  status: row.status,
  automatic: row.reviewerId === AUTO_REVIEWER,
  review_note: row.reviewNote,
  created_at: new Date(row.createdAt).toISOString(),
  decided_at: isoOrNull(row.decidedAt),
});
