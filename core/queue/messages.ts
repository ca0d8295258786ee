import { z } from "zod";
import { analyticsEventSchema } from "../contract/analytics";
import { exportParamsSchema } from "../export/params";

/** Every message any queue carries. `job_id`, when present, is what a dead letter fails. */
export const backupRunMessage = z.object({
  type: z.literal("backup.run"),
  job_id: z.string().min(1),
  backup_id: z.string().min(1),
  requested_by: z.string().min(1),
});

/** PDF queue: one resume export (any format); the job id names the workflow instance. */
export const exportRunMessage = z.object({
  type: z.literal("export.run"),
  job_id: z.string().min(1),
  params: exportParamsSchema,
});

/** A verified webhook event recorded in `stripe_events`, to apply in order per customer. */
export const stripeEventMessage = z.object({
  type: z.literal("stripe.event"),
  event_id: z.string().min(1),
  seq: z.number().int().positive(),
});

/**
 * Email queue: one account's copy of a staff bulk email. The message itself is stored once
 * (`bulk_emails`); `job_id` names it. A dead letter counts this account failed, never the job.
 */
export const bulkEmailSendMessage = z.object({
  type: z.literal("bulk_email.send"),
  job_id: z.string().min(1).max(128),
  user_id: z.string().min(1).max(64),
});
export type BulkEmailSendMessage = z.infer<typeof bulkEmailSendMessage>;

/** Analytics queue: one usage or revenue event (README "Analytics"). */
export const analyticsEventMessage = z.object({
  type: z.literal("analytics.event"),
  event: analyticsEventSchema,
});

export const queueMessageSchema = z.discriminatedUnion("type", [
  analyticsEventMessage,
  backupRunMessage,
  bulkEmailSendMessage,
  exportRunMessage,
  stripeEventMessage,
]);
export type QueueMessage = z.infer<typeof queueMessageSchema>;

/** What a dead-lettered message must at least have for the user to be told. */
export const deadLetterSchema = z.object({
  type: z.string().optional(),
  job_id: z.string().optional(),
});

/** Names the work for a person reading a failed job. */
export const describeMessageType = (type: string | undefined): string =>
  ({
    "analytics.event": "an analytics event",
    "backup.run": "the database backup",
    "bulk_email.send": "the bulk email",
    "export.run": "your export",
    "stripe.event": "a payment event",
  })[type ?? ""] ?? "this job";
