import { z } from "zod";
import { SIGNUP_PLANS } from "../auth/identity";
import { backupTime } from "../backup/manifest";
import type { ExportParams } from "../export/params";
import type { WorkflowName } from "./runs";

/**
 * What each durable flow is started with. The schemas live here, below every layer, so the
 * services that start a flow, the flow that parses its params and the typed bindings in
 * server/env.ts all read one definition (docs/architecture.md).
 */

export const backupParamsSchema = z.object({
  jobId: z.string().min(1),
  backupId: z.string().refine((id) => backupTime(id) !== null, "not a backup id"),
  requestedBy: z.string().min(1),
});
export type BackupParams = z.infer<typeof backupParamsSchema>;

export const signupParamsSchema = z.object({
  userId: z.string().min(1),
  /** The job people and operators follow the signup through (`GET /api/jobs/:id`). */
  jobId: z.string().min(1),
  /** The plan chosen at sign-up: a checkout intent (Standard starts its trial here). */
  plan: z.enum(SIGNUP_PLANS),
});
export type SignupParams = z.infer<typeof signupParamsSchema>;

export const dunningParamsSchema = z.object({
  invoiceId: z.string().min(1),
  userId: z.string().min(1),
  subscriptionId: z.string().min(1),
});
export type DunningParams = z.infer<typeof dunningParamsSchema>;

/** One moderation check: everything else (subject, content, snapshot) is on the case row. */
export const moderationParamsSchema = z.object({
  caseId: z.string().regex(/^mc_[0-9a-f]{32}$/, "a moderation case id"),
});
export type ModerationParams = z.infer<typeof moderationParamsSchema>;

/** An account's ban escalation: what to act on is in D1 (`escalation_requests`). */
export const banEscalationParamsSchema = z.object({ userId: z.string().min(1) });
export type BanEscalationParams = z.infer<typeof banEscalationParamsSchema>;

/** One staff email to many accounts: the message and the selection are on its `bulk_emails` row. */
export const bulkEmailParamsSchema = z.object({ jobId: z.string().min(1) });
export type BulkEmailParams = z.infer<typeof bulkEmailParamsSchema>;

/** The analytics backfill is its job (README "Analytics", backfill). */
export const analyticsBackfillParamsSchema = z.object({ jobId: z.string().min(1) });
export type AnalyticsBackfillParams = z.infer<typeof analyticsBackfillParamsSchema>;

/** An account's "Export my data" (README "Your data"): the rest is on its `data_exports` row. */
export const dataExportParamsSchema = z.object({
  exportId: z.string().regex(/^dx_[0-9a-f]{32}$/, "a data export id"),
  userId: z.string().min(1),
});
export type DataExportParams = z.infer<typeof dataExportParamsSchema>;

/** An account's deletion (README "Your data"): its state and date are on its `account_deletions` row. */
export const accountDeletionParamsSchema = z.object({
  deletionId: z.string().regex(/^ad_[0-9a-f]{32}$/, "an account deletion id"),
  userId: z.string().min(1),
});
export type AccountDeletionParams = z.infer<typeof accountDeletionParamsSchema>;

/** The params of every flow, by name: what its binding's `create` accepts. */
export interface WorkflowParams extends Record<WorkflowName, unknown> {
  backup: BackupParams;
  signup: SignupParams;
  export: ExportParams;
  moderation: ModerationParams;
  dunning: DunningParams;
  "ban-escalation": BanEscalationParams;
  "bulk-email": BulkEmailParams;
  "analytics-backfill": AnalyticsBackfillParams;
  "data-export": DataExportParams;
  "account-deletion": AccountDeletionParams;
}
