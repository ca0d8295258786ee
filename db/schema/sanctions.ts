import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { USER_STATUSES } from "../../core/auth/identity";
import {
  BAN_REASONS,
  ESCALATION_REQUEST_KINDS,
  SANCTION_KINDS,
  SANCTION_SOURCES,
} from "../../core/moderation/sanctions";
import { users } from "./users";

/**
 * Suspensions and bans (README "Strikes and bans"). A row is written once per cause
 * (`cause_key`: the strike or admin request that led to it), so the workflow applying it twice
 * writes one row. Active while `lifted_at` is null and `ends_at` is null or in the future.
 */
export const accountSanctions = sqliteTable(
  "account_sanctions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SANCTION_KINDS }).notNull(),
    reason: text("reason", { enum: BAN_REASONS }).notNull(),
    source: text("source", { enum: SANCTION_SOURCES }).notNull(),
    causeKey: text("cause_key").notNull(),
    /** The active strikes that reached the threshold, for a sanction from strikes. */
    strikeCount: integer("strike_count"),
    note: text("note"),
    createdBy: text("created_by").notNull(),
    startsAt: integer("starts_at").notNull(),
    /** Null for a ban. */
    endsAt: integer("ends_at"),
    /** The account's status before, restored when the last active sanction ends. */
    previousStatus: text("previous_status", { enum: USER_STATUSES }).notNull(),
    liftedAt: integer("lifted_at"),
    liftedBy: text("lifted_by"),
    liftReason: text("lift_reason"),
  },
  (t) => [
    uniqueIndex("account_sanctions_cause_idx").on(t.causeKey),
    index("account_sanctions_user_idx").on(t.userId, t.startsAt),
  ],
);

/**
 * What the ban escalation workflow must act on, oldest first: a strike to weigh against the
 * thresholds, or an admin's suspend / ban / lift. The id is the idempotency key (`strike:{id}`,
 * or the admin request's key), so a retried request or a replayed message adds nothing.
 */
export const escalationRequests = sqliteTable(
  "escalation_requests",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ESCALATION_REQUEST_KINDS }).notNull(),
    strikeId: text("strike_id"),
    /** For an accepted appeal: the appeal, whose subject the workflow reverses. */
    appealId: text("appeal_id"),
    days: integer("days"),
    reason: text("reason", { enum: BAN_REASONS }),
    note: text("note"),
    actor: text("actor").notNull(),
    createdAt: integer("created_at").notNull(),
    processedAt: integer("processed_at"),
    /** What processing it did, for the admin's history (e.g. `suspended 24 h`, `warning`). */
    result: text("result"),
  },
  (t) => [index("escalation_requests_user_idx").on(t.userId, t.processedAt, t.createdAt)],
);

/** The account's ban escalation workflow instance while one runs (one at a time). */
export const banEscalations = sqliteTable("ban_escalations", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  instanceId: text("instance_id").notNull(),
  /** Null while it runs; set when it finished with nothing left to wait for. */
  endedAt: integer("ended_at"),
  updatedAt: integer("updated_at").notNull(),
});

export type AccountSanctionRow = typeof accountSanctions.$inferSelect;
export type EscalationRequestRow = typeof escalationRequests.$inferSelect;
