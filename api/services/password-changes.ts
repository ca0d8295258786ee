import { checkPasswordPolicy } from "../../core/auth/password-policy";
import type { UserRow } from "../../db/schema";
import type { Env } from "../env";
import { AppError, invalidEmailLink } from "../lib/errors";
import { markEmailVerified, updateUser } from "./accounts";
import { publicUrl, sendEmail } from "./email";
import { consumeEmailToken, createEmailToken, EMAIL_TOKEN_TTL_MS } from "./email-tokens";
import { hashPassword } from "./passwords";
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
  user: Pick<UserRow, "id" | "email" | "name">,
): Promise<void> {
  const { token } = await createEmailToken(env, user.id, "reset_password");
  await sendEmail(env, {
    to: user.email,
    template: "reset_password",
    data: {
      name: user.name,
      resetUrl: publicUrl(env, `/reset-password?token=${encodeURIComponent(token)}`),
      expiresInMinutes: EMAIL_TOKEN_TTL_MS.reset_password / 60_000,
    },
    dedupeKey: `reset:${user.id}:${token.slice(0, 16)}`,
  });
}

async function notifyChange(env: Env, user: Pick<UserRow, "id" | "email" | "name">, at: number) {
  await sendEmail(env, {
    to: user.email,
    template: "password_changed",
    data: {
      name: user.name,
      changedAt: new Date(at).toISOString(),
      recoverUrl: publicUrl(env, "/forgot-password"),
    },
    dedupeKey: `password-changed:${user.id}:${at}`,
  });
}

/**
 * Sets a new password with a reset token. The emailed link proves the address too. Every
 * session and access token ends: whoever knew the old password is out.
 */
export async function resetPasswordWithToken(
  env: Env,
  user: UserRow,
  token: string,
  password: string,
) {
  assertStrongPassword(password, user, "password");
  const userId = await consumeEmailToken(env, token, "reset_password");
  if (userId !== user.id) throw invalidEmailLink();
  const now = Date.now();
  await updateUser(env, user.id, { passwordHash: await hashPassword(password) });
  await markEmailVerified(env, user.id, now);
  await revokeAllSessions(env, user.id, "password_reset", now);
  await revokeAccessTokensOf(env, user.id, now);
  await notifyChange(env, user, now);
}

/** A signed-in change: other sessions end, the caller's continues with a fresh token. */
export async function changePassword(
  env: Env,
  user: UserRow,
  password: string,
  keepSessionId: string | null,
): Promise<void> {
  assertStrongPassword(password, user, "new_password");
  const now = Date.now();
  await updateUser(env, user.id, { passwordHash: await hashPassword(password) });
  await revokeOtherSessions(env, user.id, keepSessionId, "password_changed", now);
  await revokeAccessTokensOf(env, user.id, now);
  await notifyChange(env, user, now);
}
