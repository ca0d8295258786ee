import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Operator-editable settings (feature flags, rate limits, AI parameters), JSON per key. */
export const systemConfig = sqliteTable("system_config", {
  key: text("key").primaryKey(),
  valueJson: text("value_json").notNull(),
  description: text("description").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});
