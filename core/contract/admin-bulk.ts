import { z } from "zod";
import { ADMIN_SUSPENSION_DAYS, BAN_REASONS } from "../moderation/sanctions";
import { adminUsersQuerySchema } from "./admin-users";

/**
 * The wire shapes of bulk actions on the admin users list (README "Admin: users", bulk
 * actions): export a CSV, suspend, or email many accounts at once. The admin app sends these;
 * `api/routes/admin/users-bulk.ts` validates with them.
 */

/** Ids ticked by hand on the list: one request names at most this many. */
export const BULK_MAX_IDS = 1000;
/** Suspensions hand one request each to an account's ban workflow: fewer per call. */
export const BULK_SUSPEND_MAX_IDS = 100;

const userIds = (max: number) =>
  z
    .array(z.string().trim().min(1).max(64))
    .min(1)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, "Each account once");

/** The list's filters without its paging and sort: "every account matching this search". */
export const bulkFilterSchema = adminUsersQuerySchema
  .omit({ page: true, per_page: true, sort: true, order: true })
  .strict();
export type BulkFilter = z.output<typeof bulkFilterSchema>;

/** Who a bulk action is for: the ticked rows, or everything the current filter matches. */
export const bulkSelectionSchema = z.union([
  z.object({ ids: userIds(BULK_MAX_IDS) }).strict(),
  z.object({ filter: bulkFilterSchema }).strict(),
]);
export type BulkSelection = z.output<typeof bulkSelectionSchema>;

/** `POST /api/admin/users/bulk/export`: answers `text/csv`, streamed. */
export const bulkExportRequestSchema = z
  .object({ selection: bulkSelectionSchema })
  .strict()
  .meta({ id: "BulkUserExportRequest" });

/** The CSV's columns, in order (the first line of the file). */
export const BULK_EXPORT_COLUMNS = [
  "id",
  "email",
  "name",
  "status",
  "role",
  "plan",
  "email_verified",
  "mfa_enabled",
  "customer_id",
  "created_at",
  "last_login_at",
] as const;

/** `POST /api/admin/users/bulk/suspend`: ticked accounts only, each through its ban workflow. */
export const bulkSuspendRequestSchema = z
  .object({
    ids: userIds(BULK_SUSPEND_MAX_IDS),
    days: z.number().int().min(ADMIN_SUSPENSION_DAYS.min).max(ADMIN_SUSPENSION_DAYS.max),
    reason: z.enum(BAN_REASONS),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: "BulkSuspendRequest" });
export type BulkSuspendRequest = z.input<typeof bulkSuspendRequestSchema>;

/** Why one account of a bulk suspension was not handed to its workflow. */
export const BULK_SKIP_REASONS = ["not_found", "yourself", "staff", "already_banned"] as const;

export const bulkSuspendResultSchema = z
  .object({
    /** Accounts whose workflow received the suspension (ids). */
    requested: z.array(z.string()),
    skipped: z.array(z.object({ id: z.string(), reason: z.enum(BULK_SKIP_REASONS) })),
  })
  .meta({ id: "BulkSuspendResult" });
export type BulkSuspendResult = z.output<typeof bulkSuspendResultSchema>;

/**
 * The templates staff may send in bulk (core/email/templates/staff-notice.ts renders them):
 * each frames the staff's subject and message with its own heading and footer.
 */
export const BULK_EMAIL_TEMPLATES = ["service_notice", "policy_update", "account_notice"] as const;
export type BulkEmailTemplate = (typeof BULK_EMAIL_TEMPLATES)[number];

/** `POST /api/admin/users/bulk/email`: answers 202 with the job that sends it. */
export const bulkEmailRequestSchema = z
  .object({
    selection: bulkSelectionSchema,
    template: z.enum(BULK_EMAIL_TEMPLATES),
    subject: z.string().trim().min(1).max(120),
    /** Plain text; blank lines separate paragraphs. */
    message: z.string().trim().min(1).max(5000),
  })
  .strict()
  .meta({ id: "BulkEmailRequest" });
export type BulkEmailRequest = z.input<typeof bulkEmailRequestSchema>;

export const bulkEmailAcceptedSchema = z
  .object({
    /** The job (`GET /api/jobs/{id}` and the admin's jobs page) and workflow run it started. */
    job_id: z.string(),
  })
  .meta({ id: "BulkEmailAccepted" });
