import { and, eq } from "drizzle-orm";
import { checkPasswordPolicy } from "../../core/auth/password-policy";
import { createDb } from "../../db/client";
import { type UserRow, users } from "../../db/schema";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError, invalidEmailLink } from "../errors";
import { canSignIn, findUserById, markEmailVerified } from "./accounts";
import { checkWithinBudget, userProofBudget } from "./credential-throttle";
import {
  createEmailToken,
  EMAIL_TOKEN_TTL_MS,
  endEmailTokensOf,
  peekEmailToken,
  whileEmailTokenLive,
} from "./email-tokens";
import { hashPassword, verifyPassword } from "./passwords";
import { revokeAllSessions, revokeOtherSessions } from "./refresh-tokens";
import { revokeAccessTokensOf } from "./tokens";

/** 400 with the policy's issues on the password field, like any other validation error. */
export function assertStrongPassword(
  password: string,
  user: Pick<UserRow, "email" | "name">,
  field: string,
) {
  const policy = checkPasswordPolicy(password, { email: user.email, name: user.name });
  if (!policy.ok) {
    const issues = policy.issues.map((issue) => ({ ...issue, path: [field], location: "json" }));
    throw new AppError(400, "validation_failed", "The password is too weak", issues);
  }
}

export async function sendResetLink(
  env: Env,
  user: Pick<UserRow, "id" | "email" | "name" | "emailVerifiedAt">,
  now: number,
): Promise<void> {
  const { token } = await createEmailToken(env, user.id, "reset_password", now);
  await sendEmail(env, {
    to: user.email,
    template: "reset_password",
    data: {
      name: greetingName(user),
      resetUrl: publicUrl(env, `/reset-password?token=${encodeURIComponent(token)}`),
      expiresInMinutes: EMAIL_TOKEN_TTL_MS.reset_password / 60_000,
    },
    dedupeKey: `reset:${user.id}:${token.slice(0, 16)}`,
    now,
  });
}

async function notifyChange(
  env: Env,
  user: Pick<UserRow, "id" | "email" | "name" | "emailVerifiedAt">,
  at: number,
) {
  await sendEmail(env, {
    to: user.email,
    template: "password_changed",
    data: {
      name: greetingName(user),
      changedAt: new Date(at).toISOString(),
      recoverUrl: publicUrl(env, "/forgot-password"),
    },
    dedupeKey: `password-changed:${user.id}:${at}`,
    now: at,
  });
}

/**
 * Stores a new password and ends every outstanding reset link of the account, in one D1
 * batch (one transaction): a link mailed before the change must not undo it. With
 * `resetToken`, the write happens only while that link is live, so of two links used at
 * once only one sets a password. Returns whether the password was written.
 */
async function writePassword(
  env: Pick<Env, "DB">,
  userId: string,
  password: string,
  now: number,
  resetToken?: string,
): Promise<boolean> {
  const db = createDb(env.DB);
  const passwordHash = await hashPassword(password);
  const link = resetToken
    ? await whileEmailTokenLive(db, resetToken, "reset_password", userId, now)
    : undefined;
  const [written] = await db.batch([
    db
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(and(eq(users.id, userId), link))
      .returning({ id: users.id }),
    endEmailTokensOf(db, userId, "reset_password", now),
  ]);
  return written.length > 0;
}

/**
 * Sets a new password with a reset token. The emailed link proves the address too. Every
 * session and access token ends: whoever knew the old password is out.
 */
export async function resetPassword(env: Env, token: string, password: string, now: number) {
  const userId = await peekEmailToken(env, token, "reset_password", now);
  const user = userId ? await findUserById(env, userId) : undefined;
  if (!user || !canSignIn(user)) throw invalidEmailLink();
  assertStrongPassword(password, user, "password");
  if (!(await writePassword(env, user.id, password, now, token))) throw invalidEmailLink();
  await markEmailVerified(env, user.id, now);
  await revokeAllSessions(env, user.id, "password_reset", now);
  await revokeAccessTokensOf(env, user.id, now);
  await notifyChange(env, user, now);
}

/**
 * A signed-in change with the current password, checked within the account's proof budget
 * (credential-throttle.ts). Other sessions end, the caller's continues with a fresh token.
 */
export async function changePassword(
  env: Env,
  userId: string,
  passwords: { current: string; next: string },
  keepSessionId: string | null,
  now: number,
): Promise<UserRow> {
  const user = await findUserById(env, userId);
  const right = await checkWithinBudget(env, [userProofBudget(userId)], now, async () =>
    (await verifyPassword(passwords.current, user?.passwordHash ?? null)).valid ? true : null,
  );
  if (!user || !right) {
    throw new AppError(401, "invalid_credentials", "The current password is incorrect");
  }
  assertStrongPassword(passwords.next, user, "new_password");
  await writePassword(env, user.id, passwords.next, now);
  await revokeOtherSessions(env, user.id, keepSessionId, "password_changed", now);
  await revokeAccessTokensOf(env, user.id, now);
  await notifyChange(env, user, now);
  return user;
}
