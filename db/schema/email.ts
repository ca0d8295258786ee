import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { EMAIL_STATUSES, EMAIL_TRANSPORTS } from "../../core/contract/outbox";

/**
 * Every email the product sends, written before it is handed to a provider: the local
 * outbox people and tests read, and in production the record of what was sent.
 */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    /** Stable per logical email (e.g. `verify:{user}:{token}`): a retried step sends once. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    template: text("template").notNull(),
    /** `outbox` locally (stored only), `cloudflare` when handed to the EMAIL binding. */
    transport: text("transport", { enum: EMAIL_TRANSPORTS }).notNull(),
    status: text("status", { enum: EMAIL_STATUSES }).notNull(),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [index("email_outbox_to_created_idx").on(t.toAddress, t.createdAt)],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
