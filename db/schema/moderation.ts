import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  MODERATION_CASE_STATUSES,
  MODERATION_CATEGORIES,
  MODERATION_LAYERS,
  MODERATION_OUTCOMES,
  MODERATION_SOURCES,
  MODERATION_SUBJECT_KINDS,
  MODERATOR_VERDICTS,
  REVIEW_PRIORITIES,
} from "../../core/moderation/model";
import { STRIKE_SEVERITIES, STRIKE_SOURCES } from "../../core/moderation/strikes";
import { users } from "./users";

/**
 * One check of one piece of published content (README "Content moderation"). The id is derived
 * from the subject and its content hash, so publishing the same content twice, or a check
 * retried, lands on the same case and the same workflow instance.
 */
export const moderationCases = sqliteTable(
  "moderation_cases",
  {
    id: text("id").primaryKey(),
    subjectKind: text("subject_kind", { enum: MODERATION_SUBJECT_KINDS }).notNull(),
    /** The share's resume, the export job, the photo's owner or resume. */
    subjectId: text("subject_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    resumeId: text("resume_id"),
    contentHash: text("content_hash").notNull(),
    source: text("source", { enum: MODERATION_SOURCES }).notNull(),
    status: text("status", { enum: MODERATION_CASE_STATUSES }).notNull(),
    /** The automated decision, then the moderator's; null while the layers run. */
    outcome: text("outcome", { enum: MODERATION_OUTCOMES }),
    category: text("category", { enum: MODERATION_CATEGORIES }),
    confidence: integer("confidence"),
    priority: text("priority", { enum: REVIEW_PRIORITIES }),
    /** When a moderator must have decided (epoch ms); past it the case is escalated. */
    slaDueAt: integer("sla_due_at"),
    /** Sum of the open reports' weights (reports open the case past a threshold). */
    reportWeight: integer("report_weight").notNull().default(0),
    /** R2 key of exactly what was checked, for the moderator's preview. */
    snapshotKey: text("snapshot_key"),
    workflowInstanceId: text("workflow_instance_id").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    index("moderation_cases_queue_idx").on(t.status, t.slaDueAt),
    index("moderation_cases_subject_idx").on(t.subjectKind, t.subjectId, t.createdAt),
    index("moderation_cases_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * Every decision taken on a case, automated or human: which layer, rule or model, how sure,
 * and who. Automated rows have ids derived from the case and layer, so a replayed workflow step
 * writes nothing twice.
 */
export const moderationDecisions = sqliteTable(
  "moderation_decisions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => moderationCases.id, { onDelete: "cascade" }),
    layer: text("layer", { enum: MODERATION_LAYERS }).notNull(),
    outcome: text("outcome", { enum: MODERATION_OUTCOMES }).notNull(),
    category: text("category", { enum: MODERATION_CATEGORIES }),
    confidence: integer("confidence"),
    rule: text("rule"),
    model: text("model"),
    /** The moderator and what they decided; null for the automated layers. */
    actorId: text("actor_id"),
    verdict: text("verdict", { enum: MODERATOR_VERDICTS }),
    reason: text("reason"),
    /** The signals behind it (core/moderation/model.ts ModerationSignal[]). */
    signalsJson: text("signals_json").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("moderation_decisions_case_idx").on(t.caseId, t.createdAt)],
);

/**
 * Admin-edited rules (README "Content moderation: rules"): a row adds a rule, or overrides the
 * built-in rule with the same id (to change its confidence or turn it off).
 */
export const moderationRules = sqliteTable("moderation_rules", {
  id: text("id").primaryKey(),
  /** The rule as core/moderation/rules/schema.ts validates it. */
  ruleJson: text("rule_json").notNull(),
  updatedBy: text("updated_by").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A visitor's report of a public resume. One open report per reporter and resume; the weight
 * reflects how reliable the reporter's past reports were.
 */
export const moderationReports = sqliteTable(
  "moderation_reports",
  {
    id: text("id").primaryKey(),
    resumeId: text("resume_id").notNull(),
    caseId: text("case_id"),
    category: text("category", { enum: MODERATION_CATEGORIES }).notNull(),
    message: text("message"),
    /** SHA-256 of the reporter's account id, or of their network address when signed out. */
    reporterKey: text("reporter_key").notNull(),
    reporterUserId: text("reporter_user_id"),
    weight: integer("weight").notNull(),
    status: text("status", { enum: ["open", "upheld", "dismissed"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [
    uniqueIndex("moderation_reports_open_idx")
      .on(t.resumeId, t.reporterKey)
      .where(sql`${t.status} = 'open'`),
    index("moderation_reports_reporter_idx").on(t.reporterKey, t.createdAt),
  ],
);

/**
 * A confirmed violation (README "Content moderation: strikes"): one per case (an admin's manual
 * strike has none), lifted when an appeal succeeds (`revoked_at`), expired with the account's
 * others after 90 days without a new one (`expired_at`). Active: neither.
 */
export const strikes = sqliteTable(
  "strikes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Unique when present, so a replayed decision records one strike. */
    caseId: text("case_id"),
    category: text("category", { enum: MODERATION_CATEGORIES }).notNull(),
    severity: text("severity", { enum: STRIKE_SEVERITIES }).notNull(),
    source: text("source", { enum: STRIKE_SOURCES }).notNull(),
    reason: text("reason"),
    /** The moderator or admin who confirmed it; null for the automated layers. */
    actor: text("actor"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    expiredAt: integer("expired_at"),
  },
  (t) => [
    uniqueIndex("strikes_case_idx").on(t.caseId),
    index("strikes_user_idx").on(t.userId, t.createdAt),
  ],
);

export type ModerationCaseRow = typeof moderationCases.$inferSelect;
export type ModerationDecisionRow = typeof moderationDecisions.$inferSelect;
export type ModerationReportRow = typeof moderationReports.$inferSelect;
export type StrikeRow = typeof strikes.$inferSelect;
