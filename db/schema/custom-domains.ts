import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { resumes } from "./resumes";
import { users } from "./users";

/**
 * An account's own domain (README "Custom domains"): one per account, its hostname unique
 * across accounts, mirrored from the Cloudflare for SaaS custom hostname `providerId`.
 */
export const customDomains = sqliteTable(
  "custom_domains",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    /** The resume whose share page the domain serves. */
    resumeId: text("resume_id")
      .notNull()
      .references(() => resumes.id, { onDelete: "cascade" }),
    /** The custom hostname's id at Cloudflare (or at the local stand-in). */
    providerId: text("provider_id").notNull(),
    sslMethod: text("ssl_method", { enum: ["http", "txt"] }).notNull(),
    /** pending | active | failed: what the host routing and the app go by. */
    state: text("state", { enum: ["pending", "active", "failed"] }).notNull(),
    hostnameStatus: text("hostname_status").notNull(),
    sslStatus: text("ssl_status").notNull(),
    /** JSON: the DNS records to show (DnsRecord[]) and Cloudflare's errors (string[]). */
    records: text("records").notNull(),
    errors: text("errors").notNull(),
    checkedAt: integer("checked_at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("custom_domains_hostname_idx").on(t.hostname),
    index("custom_domains_state_idx").on(t.state),
  ],
);
export type CustomDomainRow = typeof customDomains.$inferSelect;
