import { and, count, eq, gt, isNull } from "drizzle-orm";
import { normalizeEmail } from "../../core/auth/identity";
import type { Role } from "../../core/auth/permissions";
import { maskEmail } from "../../core/email/templates/email-changed";
import { createDb } from "../../db/client";
import { refreshTokens, type UserRow, users } from "../../db/schema";
import { greetingName, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError, forbidden, notFound } from "../errors";
import { findUserByEmail, findUserById, markEmailVerified } from "./accounts";
import { sendResetLink } from "./password-changes";
import { revokeAllSessions } from "./refresh-tokens";
import { sendVerificationEmail } from "./signup";
import { revokeAccessTokensOf } from "./tokens";

/**
 * An admin's actions on one account (README "Users": admin actions). Each returns what it
 * changed, before and after, for the audit log. Suspend / ban / lift are not here: they go
 * through the ban escalation workflow (server/moderation/escalation.ts).
 */

/** Who acts, as the guard decided: may they act on staff accounts too (super admins)? */
export interface AccountActor {
  actorId: string;
  managesStaff: boolean;
}

/** The account acted on: a staff account only for a super admin (an admin resetting a super admin's email would own it). */
async function targetFor(env: Pick<Env, "DB">, actor: AccountActor, userId: string) {
  const user = await findUserById(env, userId);
  if (!user) throw notFound("Account");
  if (user.role !== "user" && !actor.managesStaff) {
    throw forbidden("Only a super admin can change a staff account");
  }
  return user;
}

/** Ends every session and every access token of the account at once. */
async function signOutEverywhere(env: Env, userId: string, reason: string, now: number) {
  const [live] = await createDb(env.DB)
    .select({ n: count() })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        isNull(refreshTokens.rotatedAt),
        gt(refreshTokens.expiresAt, now),
      ),
    );
  await revokeAllSessions(env, userId, reason, now);
  await revokeAccessTokensOf(env, userId, now);
  return live?.n ?? 0;
}

const profileOf = (user: UserRow) => ({
  name: user.name,
  email: user.email,
  email_verified: user.emailVerifiedAt !== null,
});

/**
 * Edits name and email. A new email must be free, is unverified until its owner follows the
 * link sent to it, and signs the account out everywhere (the old address's sessions must not
 * outlive the change). The old address is told, masking the new one.
 */
export async function editAccountProfile(
  env: Env,
  actor: AccountActor,
  userId: string,
  changes: { name?: string; email?: string },
  now: number,
) {
  const user = await targetFor(env, actor, userId);
  const email = changes.email === undefined ? user.email : normalizeEmail(changes.email);
  const emailChanged = email !== user.email;
  if (emailChanged) {
    const holder = await findUserByEmail(env, email);
    if (holder && holder.id !== user.id) {
      throw new AppError(409, "email_taken", "Another account already uses this email address");
    }
  }
  const [updated] = await createDb(env.DB)
    .update(users)
    .set({
      name: changes.name ?? user.name,
      email,
      ...(emailChanged ? { emailVerifiedAt: null } : {}),
      updatedAt: now,
    })
    .where(eq(users.id, user.id))
    .returning();
  if (!updated) throw notFound("Account");
  if (emailChanged) {
    await sendVerificationEmail(env, updated, `admin-email-change:${now}`, now);
    await sendEmail(env, {
      to: user.email,
      template: "email_changed",
      data: {
        name: greetingName(user),
        newEmailMasked: maskEmail(email),
        changedAt: new Date(now).toISOString(),
      },
      dedupeKey: `email-changed:${user.id}:${now}`,
      now,
    });
    await signOutEverywhere(env, user.id, "admin_email_change", now);
  }
  return { before: profileOf(user), after: profileOf(updated), user: updated, emailChanged };
}

/** Changes a role; the account is signed out so no token keeps the old role's permissions. */
export async function changeAccountRole(
  env: Env,
  actor: AccountActor,
  userId: string,
  role: Role,
  now: number,
) {
  if (actor.actorId === `user:${userId}`) throw forbidden("You cannot change your own role");
  const user = await targetFor(env, { ...actor, managesStaff: true }, userId);
  if (user.role === role) return { before: { role }, after: { role }, user, changed: false };
  const [updated] = await createDb(env.DB)
    .update(users)
    .set({ role, updatedAt: now })
    .where(eq(users.id, user.id))
    .returning();
  await signOutEverywhere(env, user.id, "role_changed", now);
  return { before: { role: user.role }, after: { role }, user: updated ?? user, changed: true };
}

/** Emails a reset link and ends every session: whoever holds the password now is out. */
export async function forcePasswordReset(
  env: Env,
  actor: AccountActor,
  userId: string,
  now: number,
) {
  const user = await targetFor(env, actor, userId);
  await sendResetLink(env, user, now);
  const sessionsEnded = await signOutEverywhere(env, user.id, "admin_password_reset", now);
  return { user, sessionsEnded };
}

export async function clearAccountSessions(
  env: Env,
  actor: AccountActor,
  userId: string,
  now: number,
) {
  const user = await targetFor(env, actor, userId);
  const sessionsEnded = await signOutEverywhere(env, user.id, "admin_cleared", now);
  return { user, sessionsEnded };
}

/** A fresh verification link; nothing to send for a confirmed address. */
export async function resendAccountVerification(
  env: Env,
  actor: AccountActor,
  userId: string,
  occasion: string,
  now: number,
) {
  const user = await targetFor(env, actor, userId);
  if (user.emailVerifiedAt !== null) return { user, sent: false };
  await sendVerificationEmail(env, user, `admin-resend:${occasion}`, now);
  return { user, sent: true };
}

/** Confirms the address by hand (the support agent checked it another way). */
export async function verifyAccountManually(
  env: Env,
  actor: AccountActor,
  userId: string,
  now: number,
) {
  const user = await targetFor(env, actor, userId);
  const updated = (await markEmailVerified(env, user.id, now)) ?? user;
  return {
    before: { email_verified: user.emailVerifiedAt !== null, status: user.status },
    after: { email_verified: true, status: updated.status },
    user: updated,
  };
}

/** Account deletion arrives with GDPR deletion (README "Security": GDPR); until then, a clear refusal. */
export const deletionNotAvailable = () =>
  new AppError(
    409,
    "deletion_not_available",
    "Deleting an account is not available yet: it comes with GDPR deletion, which removes the account and everything it owns. Suspend or ban the account meanwhile.",
  );
