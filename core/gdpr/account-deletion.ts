import { z } from "zod";

/**
 * "Delete my account" (README "Your data"): the states a deletion goes through and how long
 * the grace lasts. Shared by the server, the workflow and the app.
 */
export const ACCOUNT_DELETION_STATES = [
  "scheduled",
  "cancelled",
  "deleting",
  "completed",
  "failed",
] as const;
export type AccountDeletionState = (typeof ACCOUNT_DELETION_STATES)[number];

/** A deletion that still holds the account: sessions stay revoked, share pages dark. */
export const PENDING_DELETION_STATES = ["scheduled", "deleting"] as const;

/** The grace during which signing in and cancelling keeps the account. */
export const ACCOUNT_DELETION_GRACE_MS = 14 * 86_400_000;

/** `ad_` and 32 hex digits: the deletion's id and its workflow instance's. */
export const ACCOUNT_DELETION_ID_PATTERN = /^ad_[0-9a-f]{32}$/;
export const newAccountDeletionId = () => `ad_${crypto.randomUUID().replaceAll("-", "")}`;

/** What a deleted account is shown as wherever a record of it is kept (admin views, invoices). */
export const DELETED_ACCOUNT_NAME = "Deleted account";

/** The request: the password for accounts that have one (step-up covers the second factor). */
export const accountDeletionRequestSchema = z.object({
  password: z.string().min(1).max(1024).optional(),
});
export type AccountDeletionRequest = z.infer<typeof accountDeletionRequestSchema>;

export const accountDeletionSchema = z.object({
  id: z.string(),
  state: z.enum(ACCOUNT_DELETION_STATES),
  requested_at: z.number().int(),
  /** When the deletion runs unless cancelled (epoch ms). */
  scheduled_for: z.number().int(),
  cancelled_at: z.number().int().nullable(),
});
export type AccountDeletionView = z.infer<typeof accountDeletionSchema>;

/** `GET /api/account/deletion`: the pending deletion, or null. */
export const accountDeletionStatusSchema = z.object({
  deletion: accountDeletionSchema.nullable(),
});
