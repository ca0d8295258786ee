import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * Refresh tokens, one row per token ever issued. A login starts a family (= a session on
 * one device); each refresh rotates to a new row in the same family. Presenting a token
 * that was already rotated means it was stolen: the whole family is revoked.
 */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: text("family_id").notNull(),
    /** SHA-256 of the token; the token itself is only ever with the client. */
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Set when this token was exchanged for its successor. */
    rotatedAt: integer("rotated_at"),
    revokedAt: integer("revoked_at"),
    revokedReason: text("revoked_reason"),
    userAgent: text("user_agent"),
    ip: text("ip"),
    /**
     * The browser's long-lived device id (a cookie set at sign-in), so accounts used from one
     * device can be listed together (README "Bans": linked accounts).
     */
    deviceId: text("device_id"),
    /** The session was opened with a second factor; its access tokens say so. */
    mfaVerified: integer("mfa_verified", { mode: "boolean" }).notNull().default(false),
    /**
     * When the person last proved who they are in this session (sign-in or step-up), in ms.
     * Carried across rotations; access tokens publish it as `auth_time`.
     */
    authAt: integer("auth_at"),
    /**
     * When the session last made a request (ms), for the staff inactivity timeout (README
     * "The admin's own security"); written at most once a minute, carried across rotations.
     */
    lastActiveAt: integer("last_active_at"),
  },
  (t) => [
    index("refresh_tokens_family_idx").on(t.familyId),
    index("refresh_tokens_user_idx").on(t.userId, t.createdAt),
    index("refresh_tokens_device_idx").on(t.deviceId),
  ],
);

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/**
 * Every sign-in attempt, kept for the lockout window and security signals (failures per
 * account, many accounts from one address). D1, not KV: counts must be exact.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Normalised email as typed, whether or not an account has it. */
    email: text("email").notNull(),
    ip: text("ip"),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    index("login_attempts_email_at_idx").on(t.email, t.at),
    index("login_attempts_ip_at_idx").on(t.ip, t.at),
  ],
);

/**
 * Race-free counters for credential checks outside sign-in (password, TOTP or recovery code,
 * passkey, challenge tries): one row per key, a window that starts at its first attempt. Each
 * check reserves its attempt with one atomic upsert before the slow comparison, so a burst of
 * concurrent guesses cannot all read the same count (a KV read-then-write can).
 */
export const credentialAttempts = sqliteTable("credential_attempts", {
  key: text("key").primaryKey(),
  windowStartedAt: integer("window_started_at").notNull(),
  count: integer("count").notNull(),
});
