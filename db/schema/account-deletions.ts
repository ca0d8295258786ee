import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ACCOUNT_DELETION_STATES } from "../../core/gdpr/account-deletion";

/**
 * "Delete my account" requests (README "Your data"). The id is the workflow instance's. No
 * foreign key to `users`: the row outlives what it deletes, and once the deletion completes
 * `user_id` holds the pseudonym of the id (server/gdpr/pseudonym.ts), not the id.
 */
export const accountDeletions = sqliteTable(
  "account_deletions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    state: text("state", { enum: ACCOUNT_DELETION_STATES }).notNull(),
    requestedAt: integer("requested_at").notNull(),
    scheduledFor: integer("scheduled_for").notNull(),
    cancelledAt: integer("cancelled_at"),
    startedAt: integer("started_at"),
    completedAt: integer("completed_at"),
    error: text("error"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("account_deletions_user_idx").on(t.userId, t.requestedAt),
    index("account_deletions_state_idx").on(t.state, t.scheduledFor),
    // One pending deletion per account, enforced by D1 itself.
    uniqueIndex("account_deletions_one_pending_idx")
      .on(t.userId)
      .where(sql`${t.state} in ('scheduled', 'deleting')`),
  ],
);

export type AccountDeletionRow = typeof accountDeletions.$inferSelect;
