import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Live configuration (README "Live configuration"): every change to a section is a new row,
 * never an update, so the history says who changed what, when and why, and a rollback is a new
 * version carrying an earlier one's value. The current value is the section's highest version;
 * a section with no row runs on the code's defaults.
 */
export const configVersions = sqliteTable(
  "config_versions",
  {
    /** A section of core/contract/live-config.ts (`plans`, `rate_limits`, …). */
    section: text("section").notNull(),
    /** 1, 2, … per section, allocated by the INSERT itself (one statement, no race). */
    version: integer("version").notNull(),
    /** The whole section's value, valid against its schema when written. */
    valueJson: text("value_json").notNull(),
    /** The staff member's actor id (`user:{id}` or `operator`). */
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    reason: text("reason").notNull(),
    /** The version a rollback copied; null for an edit. */
    rolledBackFrom: integer("rolled_back_from"),
  },
  (table) => [primaryKey({ columns: [table.section, table.version] })],
);

export type ConfigVersionRow = typeof configVersions.$inferSelect;
