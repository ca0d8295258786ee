import { and, desc, eq, inArray } from "drizzle-orm";
import {
  ACCOUNT_DELETION_GRACE_MS,
  type AccountDeletionState,
  type AccountDeletionView,
  newAccountDeletionId,
  PENDING_DELETION_STATES,
} from "../../core/gdpr/account-deletion";
import { base64UrlDecode, hexEncode, macOf } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { type AccountDeletionRow, accountDeletions } from "../../db/schema";
import type { Actor } from "../actor";
import { findUserById } from "../auth/accounts";
import { checkWithinBudget, userProofBudget } from "../auth/credential-throttle";
import { verifyPassword } from "../auth/passwords";
import { revokeAllSessions } from "../auth/refresh-tokens";
import { revokeAccessTokensOf } from "../auth/tokens";
import type { Env } from "../env";
import { AppError, conflict, notFound, unauthorized } from "../errors";
import { recordAudit } from "../ops/audit";
import { setRunStatus, startWorkflowRun } from "../ops/workflow-runs";
import { signingKey } from "../signing-keys";

/**
 * "Delete my account" (README "Your data"): the request, its grace and its cancellation. The
 * deletion itself is `AccountDeletionWorkflow` (workflows/account-deletion.ts) calling
 * server/gdpr/delete-account.ts once the grace is over.
 */

/** Where the state of an account's pending deletion is kept for the sign-in check. */
export const deletionStatusKey = (userId: string) => `account-deletion:${userId}`;

/**
 * What kept records name the account by once it is deleted: an HMAC of its id under this
 * deployment's signing secret, so the same account always gets the same pseudonym and nobody
 * without the secret can tell whose it is.
 */
export async function pseudonymOf(env: Pick<Env, "JWT_PRIVATE_KEYS">, userId: string) {
  const key = await signingKey(env, "account-pseudonym v1", "Account deletion is not configured");
  const mac = await macOf(key, userId);
  return `anon_${hexEncode(base64UrlDecode(mac).subarray(0, 16))}`;
}

export const toDeletionView = (row: AccountDeletionRow): AccountDeletionView => ({
  id: row.id,
  state: row.state,
  requested_at: row.requestedAt,
  scheduled_for: row.scheduledFor,
  cancelled_at: row.cancelledAt,
});

/** Mirrors a deletion's state to KV, where sign-in reads it without a D1 query. */
export async function writeDeletionStatus(
  env: Pick<Env, "SESSIONS">,
  userId: string,
  state: AccountDeletionState,
  scheduledFor: number,
) {
  if (state === "cancelled" || state === "completed") {
    await env.SESSIONS.delete(deletionStatusKey(userId));
    return;
  }
  await env.SESSIONS.put(deletionStatusKey(userId), JSON.stringify({ state, scheduledFor }));
}

/** The state sign-in checks: a deletion past its grace refuses every way in. */
export async function deletionUnderway(env: Pick<Env, "SESSIONS">, userId: string) {
  const stored = await env.SESSIONS.get<{ state: AccountDeletionState }>(
    deletionStatusKey(userId),
    "json",
  );
  return stored?.state === "deleting" || stored?.state === "failed";
}

/** The account's pending (scheduled or running) deletion, if any. */
export async function pendingDeletion(env: Pick<Env, "DB">, userId: string) {
  const [row] = await createDb(env.DB)
    .select()
    .from(accountDeletions)
    .where(
      and(
        eq(accountDeletions.userId, userId),
        inArray(accountDeletions.state, PENDING_DELETION_STATES),
      ),
    )
    .orderBy(desc(accountDeletions.requestedAt))
    .limit(1);
  return row ?? null;
}

const wrongPassword = () =>
  new AppError(401, "invalid_credentials", "That did not match. Try again.");

/**
 * Checks the password of an account that has one, in the account's proof budget, with the
 * step-up's answer for a wrong one (README "Security": one answer for any wrong factor).
 */
async function confirmPassword(
  env: Env,
  userId: string,
  password: string | undefined,
  now: number,
) {
  const user = await findUserById(env, userId);
  if (!user) throw unauthorized();
  if (user.passwordHash === null) return;
  const ok = await checkWithinBudget(env, [userProofBudget(userId)], now, async () => {
    if (password === undefined) return null;
    return (await verifyPassword(password, user.passwordHash)).valid ? true : null;
  });
  if (!ok) throw wrongPassword();
}

/**
 * Schedules the deletion: sessions end at once, share pages go dark (findPublicShare), and the
 * workflow waits out the grace. Asking again while one is pending returns that one.
 */
export async function requestAccountDeletion(
  env: Env,
  actor: Actor,
  userId: string,
  input: { password?: string },
  now: number,
): Promise<AccountDeletionView> {
  await confirmPassword(env, userId, input.password, now);
  const db = createDb(env.DB);
  const [created] = await db
    .insert(accountDeletions)
    .values({
      id: newAccountDeletionId(),
      userId,
      state: "scheduled",
      requestedAt: now,
      scheduledFor: now + ACCOUNT_DELETION_GRACE_MS,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  const row = created ?? (await pendingDeletion(env, userId));
  if (!row) throw conflict("The deletion could not be scheduled. Try again.");
  await revokeAllSessions(env, userId, "account_deletion", now);
  await revokeAccessTokensOf(env, userId, now);
  await writeDeletionStatus(env, userId, row.state, row.scheduledFor);
  await startWorkflowRun(env, {
    workflow: "account-deletion",
    instanceId: row.id,
    params: { deletionId: row.id, userId },
    subject: `user:${userId}`,
    jobId: null,
    createdBy: actor.id,
    now,
  });
  if (created) {
    await recordAudit(env, actor, {
      action: "account.deletion_scheduled",
      resourceType: "user",
      resourceId: userId,
      details: { deletion_id: row.id, scheduled_for: row.scheduledFor },
    });
  }
  return toDeletionView(row);
}

/**
 * Cancels a scheduled deletion for good: the row leaves `scheduled` in one conditional write
 * (the workflow's own "begin" step only proceeds from `scheduled`), then the instance ends.
 */
export async function cancelAccountDeletion(
  env: Env,
  actor: Actor,
  userId: string,
  now: number,
): Promise<AccountDeletionView> {
  const [cancelled] = await createDb(env.DB)
    .update(accountDeletions)
    .set({ state: "cancelled", cancelledAt: now, updatedAt: now })
    .where(and(eq(accountDeletions.userId, userId), eq(accountDeletions.state, "scheduled")))
    .returning();
  if (!cancelled) {
    if (await pendingDeletion(env, userId)) throw conflict("The deletion has already started");
    throw notFound("No deletion is scheduled");
  }
  await writeDeletionStatus(env, userId, "cancelled", cancelled.scheduledFor);
  try {
    const instance = await env.ACCOUNT_DELETION_WORKFLOW.get(cancelled.id);
    await instance.terminate();
    await setRunStatus(env, cancelled.id, "terminated", null, now);
  } catch {
    // An instance that already ended (or cannot be reached) finds the row cancelled when it
    // wakes, and ends without deleting anything.
  }
  await recordAudit(env, actor, {
    action: "account.deletion_cancelled",
    resourceType: "user",
    resourceId: userId,
    details: { deletion_id: cancelled.id },
  });
  return toDeletionView(cancelled);
}
