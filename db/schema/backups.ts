import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { BACKUP_STATUSES } from "../../core/backup/manifest";

/** Catalogue of D1 backups in R2; the manifest in R2 stays the source of truth. */
export const backups = sqliteTable("backups", {
  id: text("id").primaryKey(),
  jobId: text("job_id").notNull(),
  status: text("status", { enum: BACKUP_STATUSES }).notNull(),
  manifestKey: text("manifest_key"),
  tableCount: integer("table_count").notNull().default(0),
  rowCount: integer("row_count").notNull().default(0),
  bytes: integer("bytes").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  completedAt: integer("completed_at"),
});

export type BackupRow = typeof backups.$inferSelect;
