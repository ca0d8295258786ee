import { z } from "zod";

/** Every message any queue carries. `job_id`, when present, is what a dead letter fails. */
export const backupRunMessage = z.object({
  type: z.literal("backup.run"),
  job_id: z.string().min(1),
  backup_id: z.string().min(1),
  requested_by: z.string().min(1),
});

export const queueMessageSchema = z.discriminatedUnion("type", [backupRunMessage]);
export type QueueMessage = z.infer<typeof queueMessageSchema>;

/** What a dead-lettered message must at least have for the user to be told. */
export const deadLetterSchema = z.object({
  type: z.string().optional(),
  job_id: z.string().optional(),
});

/** Names the work for a person reading a failed job. */
export const describeMessageType = (type: string | undefined): string =>
  ({ "backup.run": "the database backup" })[type ?? ""] ?? "this job";
