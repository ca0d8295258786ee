import { z } from "zod";
import { PHOTO_CONTENT_TYPES } from "../media/photo-rules";
import {
  MODERATION_CASE_STATUSES,
  MODERATION_CATEGORIES,
  MODERATION_LAYERS,
  MODERATION_OUTCOMES,
  MODERATION_SOURCES,
  MODERATION_SUBJECT_KINDS,
  MODERATOR_VERDICTS,
  REVIEW_PRIORITIES,
} from "../moderation/model";
import { moderationRuleSchema } from "../moderation/rules/schema";
import { resumeDataSchema } from "../resume/schema";

/**
 * The wire shapes of content moderation's admin API (README "Content moderation"): the review
 * queue, a case with what was checked, moderator decisions, and the rules. The routes under
 * `api/routes/admin/moderation*.ts` describe their answers with these; the admin app reads the
 * inferred types.
 */

export const moderationCategorySchema = z.enum(MODERATION_CATEGORIES);
export const moderationCaseStatusSchema = z.enum(MODERATION_CASE_STATUSES);

const evidenceSchema = z.object({
  path: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  excerpt: z.string(),
});

export const moderationSignalSchema = z
  .object({
    layer: z.enum(MODERATION_LAYERS),
    category: moderationCategorySchema,
    confidence: z.number().int().min(0).max(100),
    rule: z.string().optional(),
    model: z.string().optional(),
    detail: z.string(),
    evidence: z.array(evidenceSchema).optional(),
  })
  .meta({ id: "ModerationSignal" });

export const moderationCaseSchema = z
  .object({
    id: z.string(),
    subject_kind: z.enum(MODERATION_SUBJECT_KINDS),
    subject_id: z.string(),
    user_id: z.string(),
    resume_id: z.string().nullable(),
    source: z.enum(MODERATION_SOURCES),
    status: moderationCaseStatusSchema,
    outcome: z.enum(MODERATION_OUTCOMES).nullable(),
    category: moderationCategorySchema.nullable(),
    confidence: z.number().int().nullable(),
    priority: z.enum(REVIEW_PRIORITIES).nullable(),
    sla_due_at: z.string().datetime().nullable(),
    report_weight: z.number().int(),
    created_at: z.string().datetime(),
    decided_at: z.string().datetime().nullable(),
  })
  .meta({ id: "ModerationCase" });
export type ModerationCase = z.output<typeof moderationCaseSchema>;

export const moderationDecisionSchema = z
  .object({
    id: z.string(),
    layer: z.enum(MODERATION_LAYERS),
    outcome: z.enum(MODERATION_OUTCOMES),
    category: moderationCategorySchema.nullable(),
    confidence: z.number().int().nullable(),
    rule: z.string().nullable(),
    model: z.string().nullable(),
    actor_id: z.string().nullable(),
    verdict: z.enum(MODERATOR_VERDICTS).nullable(),
    reason: z.string().nullable(),
    signals: z.array(moderationSignalSchema),
    created_at: z.string().datetime(),
  })
  .meta({ id: "ModerationDecision" });
export type ModerationDecisionView = z.output<typeof moderationDecisionSchema>;

export const moderationReportSchema = z
  .object({
    id: z.string(),
    category: moderationCategorySchema,
    message: z.string().nullable(),
    weight: z.number().int(),
    signed_in: z.boolean(),
    status: z.enum(["open", "upheld", "dismissed"]),
    created_at: z.string().datetime(),
  })
  .meta({ id: "ModerationReport" });

export const moderationCasePhotoSchema = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    content_type: z.enum(PHOTO_CONTENT_TYPES),
    /** SHA-256 of the checked bytes, the photo case's content hash. */
    sha256: z.string(),
  })
  .meta({ id: "ModerationCasePhoto" });
export type ModerationCasePhoto = z.output<typeof moderationCasePhotoSchema>;

export const moderationCaseDetailSchema = moderationCaseSchema
  .extend({
    decisions: z.array(moderationDecisionSchema),
    reports: z.array(moderationReportSchema),
    /** Exactly what was checked: the resume as published (render it to preview). */
    content: resumeDataSchema.nullable(),
    /**
     * A photo case's image as checked (its bytes at `GET …/cases/{id}/photo`); null for a
     * resume case, or when no snapshot was recorded.
     */
    photo: moderationCasePhotoSchema.nullable(),
    workflow_instance_id: z.string(),
  })
  .meta({ id: "ModerationCaseDetail" });
export type ModerationCaseDetail = z.output<typeof moderationCaseDetailSchema>;

export const moderationQueueQuerySchema = z.object({
  status: z
    .enum([...MODERATION_CASE_STATUSES, "open"])
    .default("open")
    .meta({ description: "`open` (default): in review or escalated, soonest deadline first" }),
  category: moderationCategorySchema.optional(),
  layer: z.enum(MODERATION_LAYERS).optional().meta({
    description: "Only cases with a finding from this layer",
  }),
  source: z.enum(MODERATION_SOURCES).optional(),
});

const reasonSchema = z.string().trim().min(1, "Say why, for the owner and the audit log").max(1000);

export const moderatorDecisionRequestSchema = z
  .object({ verdict: z.enum(MODERATOR_VERDICTS), reason: reasonSchema })
  .strict()
  .meta({ id: "ModeratorDecisionRequest" });
export type ModeratorDecisionRequest = z.input<typeof moderatorDecisionRequestSchema>;

export const bulkDecisionRequestSchema = z
  .object({
    case_ids: z
      .array(z.string().regex(/^mc_[0-9a-f]{32}$/))
      .min(1)
      .max(50),
    verdict: z.enum(MODERATOR_VERDICTS),
    reason: reasonSchema,
  })
  .strict()
  .meta({ id: "BulkModeratorDecisionRequest" });
export type BulkDecisionRequest = z.input<typeof bulkDecisionRequestSchema>;

export const decisionResultSchema = z
  .object({
    case_id: z.string(),
    verdict: z.enum(MODERATOR_VERDICTS).nullable(),
    /** `decided`, `already_decided` (same verdict before), or the error code that stopped it. */
    result: z.string(),
    message: z.string().nullable(),
  })
  .meta({ id: "ModeratorDecisionResult" });
export type DecisionResult = z.output<typeof decisionResultSchema>;

// ---- Rules ----

export const moderationRuleViewSchema = z
  .object({
    rule: moderationRuleSchema,
    origin: z.enum(["built_in", "edited", "custom"]),
    updated_by: z.string().nullable(),
    updated_at: z.string().datetime().nullable(),
    /** Why the rule is not in force, when its pattern was refused. */
    problem: z.string().nullable(),
  })
  .meta({ id: "ModerationRuleView" });
export type ModerationRuleView = z.output<typeof moderationRuleViewSchema>;

export const ruleTestRequestSchema = z
  .object({ rule: moderationRuleSchema, text: z.string().max(10_000) })
  .strict()
  .meta({ id: "ModerationRuleTest" });

export const ruleTestResultSchema = z
  .object({
    matches: z.array(
      z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }),
    ),
  })
  .meta({ id: "ModerationRuleTestResult" });
export type RuleTestResult = z.output<typeof ruleTestResultSchema>;

/** What a visitor's report form sends (`/r/{slug}/report`). */
export const reportFormSchema = z.object({
  category: moderationCategorySchema,
  message: z.string().trim().max(1000).optional().default(""),
});
