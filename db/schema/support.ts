import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  TICKET_AUTHOR_KINDS,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
} from "../../core/support/tickets";
import { users } from "./users";

/** A user's support ticket (README "Support"): the thread is in `support_messages`. */
export const supportTickets = sqliteTable(
  "support_tickets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    category: text("category", { enum: TICKET_CATEGORIES }).notNull(),
    status: text("status", { enum: TICKET_STATUSES }).notNull(),
    /** The resume the question is about, when the user linked one. */
    resumeId: text("resume_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** When support first answered (the SLA's first-response time). */
    firstResponseAt: integer("first_response_at"),
    solvedAt: integer("solved_at"),
  },
  (t) => [
    index("support_tickets_queue_idx").on(t.status, t.updatedAt),
    index("support_tickets_user_idx").on(t.userId, t.createdAt),
  ],
);

export const supportMessages = sqliteTable(
  "support_messages",
  {
    id: text("id").primaryKey(),
    ticketId: text("ticket_id")
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    authorId: text("author_id").notNull(),
    authorKind: text("author_kind", { enum: TICKET_AUTHOR_KINDS }).notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("support_messages_ticket_idx").on(t.ticketId, t.createdAt)],
);

/** Staff-only notes on an account (README "Users"): who wrote what, when. */
export const staffNotes = sqliteTable(
  "staff_notes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: text("author_id").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("staff_notes_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Read-only impersonation by support (README "Impersonation"): who looked at whose account,
 * why, and when it started and ended (at most an hour).
 */
export const impersonations = sqliteTable(
  "impersonations",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    startedAt: integer("started_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [
    index("impersonations_user_idx").on(t.userId, t.startedAt),
    index("impersonations_staff_idx").on(t.staffId, t.startedAt),
  ],
);

export type SupportTicketRow = typeof supportTickets.$inferSelect;
export type SupportMessageRow = typeof supportMessages.$inferSelect;
export type StaffNoteRow = typeof staffNotes.$inferSelect;
export type ImpersonationRow = typeof impersonations.$inferSelect;
