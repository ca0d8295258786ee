import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ONBOARDING_STEPS, PAID_PLANS, USER_STATUSES } from "../../core/auth/identity";
import { ROLES } from "../../core/auth/permissions";
import { PLANS } from "../../core/plans/entitlements";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Normalised (trimmed, lower-case); unique, and what people sign in with. */
    email: text("email").notNull().unique(),
    emailVerifiedAt: integer("email_verified_at"),
    name: text("name").notNull(),
    /** `pbkdf2-sha256$iterations$salt$hash`; null for accounts that only use OAuth. */
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull().default("user"),
    status: text("status", { enum: USER_STATUSES }).notNull().default("pending_verification"),
    /**
     * The plan every limit follows. Written only by billing (the Stripe event consumer and the
     * provider-backed admin actions); see README "Security".
     */
    plan: text("plan", { enum: PLANS }).notNull().default("free"),
    /**
     * A paid plan picked at sign-up or onboarding: a checkout intent that sends the person to
     * checkout, never a limit. Cleared once they have been sent there or chose Free.
     */
    planIntent: text("plan_intent", { enum: PAID_PLANS }),
    mfaEnabled: integer("mfa_enabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastLoginAt: integer("last_login_at"),
    /** The network address the account was registered from (linked-account detection). */
    signupIp: text("signup_ip"),
  },
  (t) => [
    index("users_status_idx").on(t.status),
    index("users_created_idx").on(t.createdAt),
    index("users_signup_ip_idx").on(t.signupIp, t.createdAt),
    // The admin user list (README "Admin: users") filters and sorts by these; `users_search`
    // (FTS5, migration 0020) answers its name/email search.
    index("users_last_login_idx").on(t.lastLoginAt),
    index("users_plan_idx").on(t.plan, t.createdAt),
    index("users_role_idx").on(t.role, t.createdAt),
  ],
);

export const profiles = sqliteTable("profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  headline: text("headline"),
  location: text("location"),
  website: text("website"),
  locale: text("locale").notNull().default("en"),
  timezone: text("timezone").notNull().default("UTC"),
  onboardingStep: text("onboarding_step", { enum: ONBOARDING_STEPS }).notNull().default("profile"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Single-use links sent by email (verify address, reset password). Only a hash is stored:
 * a database leak does not hand out working links.
 */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose")
      .$type<"verify_email" | "reset_password" | "appeal" | "change_email">()
      .notNull(),
    /** For a change_email link: the address the account moves to once the link is followed. */
    newEmail: text("new_email"),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("email_tokens_user_purpose_idx").on(t.userId, t.purpose)],
);

export type UserRow = typeof users.$inferSelect;
export type ProfileRow = typeof profiles.$inferSelect;
