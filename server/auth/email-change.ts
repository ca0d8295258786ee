import { and, eq, gt, isNull } from "drizzle-orm";
import { normalizeEmail } from "../../core/auth/identity";
import { maskEmail } from "../../core/email/templates/email-changed";
import { randomToken } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { emailTokens, type UserRow, users } from "../../db/schema";
import { publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError, invalidEmailLink, notFound } from "../errors";
import { findUserByEmail, findUserById } from "./accounts";
import { checkWithinBudget, userProofBudget } from "./credential-throttle";
import { EMAIL_TOKEN_TTL_MS, endEmailTokensOf } from "./email-tokens";
import { verifyPassword } from "./passwords";
import { hashToken } from "./refresh-tokens";
import { sendSecurityAlert } from "./security-emails";

/**
 * A person changing their own sign-in address (README "Profile and security emails"). The new address
 * gets a single-use link and becomes the sign-in address only when it is followed; the old
 * address is told once it has changed. Only one change is outstanding at a time: a new request
 * ends the links of earlier ones.
 */

const wrongPassword = () => new AppError(401, "invalid_credentials", "The password is incorrect");

export async function requestEmailChange(
  env: Env,
  userId: string,
  input: { email: string; password?: string },
  now: number,
): Promise<{ email: string }> {
  const user = await findUserById(env, userId);
  if (!user) throw notFound("Account");
  const email = normalizeEmail(input.email);
  if (email === user.email) {
    throw new AppError(400, "validation_failed", "This is already your email address", [
      { path: ["email"], message: "Enter a different address" },
    ]);
  }
  await provePassword(env, user, input.password, now);
  const db = createDb(env.DB);
  await endEmailTokensOf(db, user.id, "change_email", now);
  // An address another account holds gets no link, and the answer is the same either way:
  // the form must not tell who has an account here.
  if (await findUserByEmail(env, email)) return { email };
  const token = randomToken();
  await db.insert(emailTokens).values({
    id: crypto.randomUUID(),
    userId: user.id,
    purpose: "change_email",
    newEmail: email,
    tokenHash: await hashToken(token),
    createdAt: now,
    expiresAt: now + EMAIL_TOKEN_TTL_MS.change_email,
  });
  await sendEmail(env, {
    to: email,
    template: "confirm_new_email",
    data: {
      confirmUrl: publicUrl(env, `/confirm-email?token=${encodeURIComponent(token)}`),
      expiresInDays: EMAIL_TOKEN_TTL_MS.change_email / 86_400_000,
    },
    dedupeKey: `confirm-new-email:${user.id}:${token.slice(0, 16)}`,
    now,
  });
  return { email };
}

/** The password, when the account has one, drawing on the account's proof budget. */
async function provePassword(
  env: Env,
  user: UserRow,
  password: string | undefined,
  now: number,
): Promise<void> {
  if (user.passwordHash === null) return;
  if (!password) throw wrongPassword();
  const right = await checkWithinBudget(env, [userProofBudget(user.id)], now, async () =>
    (await verifyPassword(password, user.passwordHash)).valid ? true : null,
  );
  if (!right) throw wrongPassword();
}

/** Follows a change link: the account signs in at the new address from now on. */
export async function confirmEmailChange(env: Env, token: string, now: number): Promise<UserRow> {
  const db = createDb(env.DB);
  const [used] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, await hashToken(token)),
        eq(emailTokens.purpose, "change_email"),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId, newEmail: emailTokens.newEmail });
  if (!used?.newEmail) throw invalidEmailLink();
  const before = await findUserById(env, used.userId);
  if (!before) throw notFound("Account");
  const holder = await findUserByEmail(env, used.newEmail);
  if (holder && holder.id !== before.id) {
    throw new AppError(409, "email_taken", "Another account already uses this email address");
  }
  const [after] = await db
    .update(users)
    // Following the link proves the new address, so it is confirmed at once.
    .set({ email: used.newEmail, emailVerifiedAt: now, updatedAt: now })
    .where(eq(users.id, before.id))
    .returning();
  if (!after) throw notFound("Account");
  await sendSecurityAlert(
    env,
    before,
    { kind: "email_changed", detail: maskEmail(after.email), occasion: `${now}` },
    now,
  );
  return after;
}
