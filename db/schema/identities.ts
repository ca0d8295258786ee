import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { OAuthProvider } from "../../core/auth/oauth";
import { users } from "./users";

/** A sign-in identity at an OAuth provider, linked to one account. */
export const oauthAccounts = sqliteTable(
  "oauth_accounts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").$type<OAuthProvider>().notNull(),
    /** The provider's stable id for the person (`sub`, or GitHub's numeric id). */
    providerAccountId: text("provider_account_id").notNull(),
    /** The verified address the provider reported when the identity was linked. */
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [
    uniqueIndex("oauth_accounts_provider_account_idx").on(t.provider, t.providerAccountId),
    index("oauth_accounts_user_idx").on(t.userId),
  ],
);

/** A WebAuthn credential (passkey). Only the public key is stored. */
export const passkeys = sqliteTable(
  "passkeys",
  {
    /** The credential id, base64url, as the authenticator reports it. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** Signature counter: a value that goes backwards means a cloned authenticator. */
    counter: integer("counter").notNull().default(0),
    /** JSON array of transports (usb, nfc, ble, internal, hybrid) for the browser's hints. */
    transports: text("transports"),
    deviceType: text("device_type").$type<"singleDevice" | "multiDevice">().notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull().default(false),
    /** What the person called it ("MacBook Touch ID"). */
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

export type OAuthAccountRow = typeof oauthAccounts.$inferSelect;
export type PasskeyRow = typeof passkeys.$inferSelect;
