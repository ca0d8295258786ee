import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** A user's TOTP authenticator. The secret is AES-GCM encrypted with MFA_ENCRYPTION_KEY. */
export const totpFactors = sqliteTable("totp_factors", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  /** Null while enrolment waits for the first code from the app. */
  enabledAt: integer("enabled_at"),
  /** The last 30-second step a code was accepted for: the same code never works twice. */
  lastUsedStep: integer("last_used_step"),
  createdAt: integer("created_at").notNull(),
});

/** Single-use recovery codes, stored hashed; shown to the user once. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);
