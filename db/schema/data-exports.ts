import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DATA_EXPORT_STATES } from "../../core/gdpr/data-export";
import { users } from "./users";

/**
 * An account's "Export my data" requests (README "Your data"). The id is also the job's and
 * the workflow instance's; the zip lives in R2 under `r2Key` until `expiresAt`, when the
 * cron deletes it and the row turns `expired`.
 */
export const dataExports = sqliteTable(
  "data_exports",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: text("state", { enum: DATA_EXPORT_STATES }).notNull(),
    /** 0–100, moved by the workflow's steps. */
    progress: integer("progress").notNull().default(0),
    r2Key: text("r2_key"),
    /** The zip's size in bytes, once ready. */
    size: integer("size"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
    expiresAt: integer("expires_at"),
  },
  (t) => [
    index("data_exports_user_created_idx").on(t.userId, t.createdAt),
    index("data_exports_state_expires_idx").on(t.state, t.expiresAt),
    // One export at a time per account, enforced by D1 itself (README "Your data").
    uniqueIndex("data_exports_one_active_idx")
      .on(t.userId)
      .where(sql`${t.state} in ('queued', 'running')`),
  ],
);

export type DataExportRow = typeof dataExports.$inferSelect;
