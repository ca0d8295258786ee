import { eq } from "drizzle-orm";
import { normalizeEmail, planIntentOf } from "../../core/auth/identity";
import type { User } from "../../core/contract/auth";
import { createDb } from "../../db/client";
import { type UserRow, users } from "../../db/schema";
import { type AnalyticsEnv, accountEvent, trackEvents } from "../analytics/track";
import type { Env } from "../env";

type AccountEnv = Pick<Env, "DB">;

/** What the API shows of a user (the wire contract's `User`): never the password hash. */
export const toUserView = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  status: row.status,
  plan: row.plan,
  email_verified: row.emailVerifiedAt !== null,
  mfa_enabled: row.mfaEnabled,
  created_at: new Date(row.createdAt).toISOString(),
});

/**
 * Inserts a pending account on the Free plan; null when the email is already taken. A paid
 * plan chosen at sign-up is kept as the checkout intent only (`users.plan` is billing's).
 */
export async function createUser(
  env: AccountEnv,
  input: {
    email: string;
    name: string;
    passwordHash: string;
    planIntent?: string;
    /** The address it registers from, for linked-account detection. */
    signupIp?: string | null;
  },
  now: number,
): Promise<UserRow | null> {
  const [row] = await createDb(env.DB)
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash: input.passwordHash,
      planIntent: planIntentOf(input.planIntent),
      signupIp: input.signupIp ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row ?? null;
}

export const findUserByEmail = (env: AccountEnv, email: string) =>
  createDb(env.DB).query.users.findFirst({ where: eq(users.email, normalizeEmail(email)) });

export const findUserById = (env: AccountEnv, id: string) =>
  createDb(env.DB).query.users.findFirst({ where: eq(users.id, id) });

export async function updateUser(
  env: AccountEnv,
  id: string,
  changes: Partial<Pick<UserRow, "passwordHash" | "lastLoginAt" | "status" | "emailVerifiedAt">>,
  now: number,
) {
  await createDb(env.DB)
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(eq(users.id, id));
}

/** Accounts that may sign in; suspended, banned and deleted ones may not. */
export const canSignIn = (row: UserRow) =>
  row.status === "active" || row.status === "pending_verification";

/** Confirms the address (once) and activates a pending account; returns the account. */
export async function markEmailVerified(
  env: AccountEnv & AnalyticsEnv,
  userId: string,
  now: number,
) {
  const user = await findUserById(env, userId);
  if (!user) return undefined;
  if (user.emailVerifiedAt !== null) return user;
  const status = user.status === "pending_verification" ? "active" : user.status;
  const [updated] = await createDb(env.DB)
    .update(users)
    .set({ emailVerifiedAt: now, status, updatedAt: now })
    .where(eq(users.id, userId))
    .returning();
  await trackEvents(env, [accountEvent("user.email_verified", userId, now)]);
  return updated;
}
