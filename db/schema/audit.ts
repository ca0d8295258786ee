import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Every administrative action (README "Who may do what"): who, what, on which resource, from where. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorId: text("actor_id").notNull(),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    detailsJson: text("details_json").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_resource_idx").on(t.resourceType, t.resourceId),
  ],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
