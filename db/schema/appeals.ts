import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  APPEAL_CHANNELS,
  APPEAL_STATUSES,
  APPEAL_SUBJECT_KINDS,
} from "../../core/moderation/appeals";
import { BAN_REASONS } from "../../core/moderation/sanctions";
import { users } from "./users";

/**
 * A person's appeal of a strike or of a suspension or ban (README "Appeals"): one per decision
 * (unique subject), decided by auto-review or by a moderator other than the one who decided.
 */
export const appeals = sqliteTable(
  "appeals",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    subjectKind: text("subject_kind", { enum: APPEAL_SUBJECT_KINDS }).notNull(),
    subjectId: text("subject_id").notNull(),
    /** The moderation case behind the decision, when there is one. */
    caseId: text("case_id"),
    /** Who took the contested decision (a moderator's or admin's id; null when automatic). */
    decidedBy: text("decided_by"),
    message: text("message").notNull(),
    channel: text("channel", { enum: APPEAL_CHANNELS }).notNull(),
    status: text("status", { enum: APPEAL_STATUSES }).notNull(),
    /** `auto-review`, or the moderator who decided the appeal. */
    reviewerId: text("reviewer_id"),
    /** Why: auto-review's finding, or the moderator's note. */
    reviewNote: text("review_note"),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    uniqueIndex("appeals_subject_idx").on(t.subjectKind, t.subjectId),
    index("appeals_queue_idx").on(t.status, t.createdAt),
    index("appeals_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * Network addresses refused at registration and sign-in (README "Bans"): one address or a CIDR
 * range, optionally tied to the account it was banned with, optionally until a date.
 */
export const ipBans = sqliteTable(
  "ip_bans",
  {
    id: text("id").primaryKey(),
    /** An IPv4/IPv6 address or CIDR range, in canonical form. */
    range: text("range").notNull(),
    reason: text("reason", { enum: BAN_REASONS }).notNull(),
    note: text("note"),
    /** The account whose address it was, when banned from its page. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Null: until lifted. */
    expiresAt: integer("expires_at"),
    liftedAt: integer("lifted_at"),
    liftedBy: text("lifted_by"),
  },
  (t) => [index("ip_bans_range_idx").on(t.range), index("ip_bans_created_idx").on(t.createdAt)],
);

export type AppealRow = typeof appeals.$inferSelect;
export type IpBanRow = typeof ipBans.$inferSelect;
