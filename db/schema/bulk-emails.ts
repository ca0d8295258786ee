import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { BULK_RECIPIENT_STATUSES } from "../../core/admin/bulk-email";
import { BULK_EMAIL_TEMPLATES } from "../../core/contract/admin-bulk";
import { users } from "./users";

/**
 * One staff email to many accounts (README "Admin: users", bulk email). The message is kept
 * here once; the queue messages name only the email and the account.
 */
export const bulkEmails = sqliteTable("bulk_emails", {
  /** The job's id (`jobs.id`), which is also its workflow instance's. */
  id: text("id").primaryKey(),
  /** The staff member's actor id (`user:{id}` or `operator`). */
  createdBy: text("created_by").notNull(),
  template: text("template", { enum: BULK_EMAIL_TEMPLATES }).notNull(),
  subject: text("subject").notNull(),
  /** Plain text as staff wrote it; blank lines separate paragraphs. */
  message: text("message").notNull(),
  /** The selection as requested (`{ids}` or `{filter}`), read page by page by the workflow. */
  selectionJson: text("selection_json").notNull(),
  /** Accounts the selection named when the workflow counted it, for the progress bar. */
  total: integer("total").notNull().default(0),
  /** Ticked ids that named no account (reported as skipped). */
  notFound: integer("not_found").notNull().default(0),
  createdAt: integer("created_at").notNull(),
});

/**
 * Each account a bulk email was for and how its delivery ended. Written before its queue
 * message is sent; the consumer settles a `queued` row once, so a replayed message or a
 * restarted workflow sends nothing twice and counts each account once.
 */
export const bulkEmailRecipients = sqliteTable(
  "bulk_email_recipients",
  {
    bulkEmailId: text("bulk_email_id")
      .notNull()
      .references(() => bulkEmails.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: BULK_RECIPIENT_STATUSES }).notNull(),
    /** Why a delivery failed. */
    error: text("error"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bulkEmailId, t.userId] }),
    // The counts by status the progress bar and the final result read.
    index("bulk_email_recipients_status_idx").on(t.bulkEmailId, t.status),
  ],
);

export type BulkEmailRow = typeof bulkEmails.$inferSelect;
