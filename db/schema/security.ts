import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ALERT_SEVERITIES, ALERT_STATES } from "../../core/security/alerts";
import { THREAT_KINDS, THREAT_SEVERITIES } from "../../core/security/threat-kinds";
import { users } from "./users";

/**
 * The catalogue of threat-intelligence entries (README "Threat intelligence"): KV
 * (`THREAT_INTEL`) is what requests are checked against; this table is what admins list and
 * search. Both are written together by server/security/threat-intel.ts.
 */
export const threatIntelEntries = sqliteTable(
  "threat_intel_entries",
  {
    /** The KV key, `{kind}:{value}`. */
    key: text("key").primaryKey(),
    kind: text("kind", { enum: THREAT_KINDS }).notNull(),
    /** An address or /24, /64 network; an email's SHA-256; a device id; an ASN. */
    value: text("value").notNull(),
    severity: text("severity", { enum: THREAT_SEVERITIES }).notNull(),
    /** `admin` or the name of the imported file. */
    source: text("source").notNull(),
    reason: text("reason").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("threat_intel_entries_expires_idx").on(t.expiresAt),
    index("threat_intel_entries_updated_idx").on(t.updatedAt),
  ],
);
export type ThreatIntelEntryRow = typeof threatIntelEntries.$inferSelect;

/** One row per imported R2 file version (key and etag): the daily import reads each once. */
export const threatIntelImports = sqliteTable("threat_intel_imports", {
  /** `{object key}@{etag}`. */
  id: text("id").primaryKey(),
  objectKey: text("object_key").notNull(),
  etag: text("etag").notNull(),
  importedAt: integer("imported_at").notNull(),
  upserted: integer("upserted").notNull(),
  rejected: integer("rejected").notNull(),
});

/**
 * Security alerts for admins (README "Security alerts"): one open alert per account and kind
 * (the partial unique index), counting repeats, until an admin resolves it.
 */
export const securityAlerts = sqliteTable(
  "security_alerts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    severity: text("severity", { enum: ALERT_SEVERITIES }).notNull(),
    /** JSON array of strings: why it was raised, newest reasons last. */
    reasonsJson: text("reasons_json").notNull(),
    state: text("state", { enum: ALERT_STATES }).notNull(),
    /** `{user id or "-"}:{kind}` while unresolved, so a repeat counts on the open alert. */
    dedupeKey: text("dedupe_key"),
    count: integer("count").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgedAt: integer("acknowledged_at"),
    acknowledgeNote: text("acknowledge_note"),
    resolvedBy: text("resolved_by"),
    resolvedAt: integer("resolved_at"),
    resolveNote: text("resolve_note"),
  },
  (t) => [
    uniqueIndex("security_alerts_open_idx").on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index("security_alerts_state_idx").on(t.state, t.createdAt),
    index("security_alerts_user_idx").on(t.userId),
  ],
);
export type SecurityAlertRow = typeof securityAlerts.$inferSelect;
