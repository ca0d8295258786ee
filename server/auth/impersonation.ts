import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { hasPermission, isRole, permissionsOf, type Role } from "../../core/auth/permissions";
import { IMPERSONATION_TTL_MS } from "../../core/impersonation/rules";
import { macMatches, macOf } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { type ImpersonationRow, impersonations, type UserRow, users } from "../../db/schema";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { signingKey } from "../signing-keys";
import { findUserById } from "./accounts";
import { liveSessionAccount } from "./refresh-tokens";

/**
 * Read-only impersonation (README "Impersonation"): a staff member sees the user app as one
 * customer sees it. The row in `impersonations` is the source of truth; the credential the
 * browser holds is only `{id}.{staff session}.{mac}`, so ending the row (stop, the admin's
 * end, the hour passing, the staff session ending) ends the credential on the next request.
 */

type ImpersonationEnv = Pick<Env, "DB" | "JWT_PRIVATE_KEYS">;

/** The permission an impersonation needs (support, admins): it shows the user's content and billing too. */
export const IMPERSONATION_PERMISSIONS = ["users.impersonate"] as const;

/** Who starts one: the staff member's actor id (`user:{id}` or `operator`) and session. */
export interface Impersonator {
  actorId: string;
  /** The staff member's own session (refresh-token family); null for a bearer token. */
  sessionId: string | null;
}

export const impersonationNotAllowed = (message: string) =>
  new AppError(403, "impersonation_not_allowed", message);

export const impersonationEnded = () =>
  new AppError(
    401,
    "impersonation_ended",
    "This read-only view of the account has ended; reload the page to return to your own account",
  );

const tokenKey = (env: Pick<Env, "JWT_PRIVATE_KEYS">) =>
  signingKey(env, "impersonation v1", "Impersonation is not configured on this server");

const tokenMessage = (id: string, sessionId: string) => `impersonation|${id}|${sessionId}`;
const NO_SESSION = "none";
const TOKEN_PATTERN = /^([0-9a-f-]{36})\.([\w-]{1,64})\.([\w-]{43})$/;

async function credentialFor(env: ImpersonationEnv, id: string, sessionId: string | null) {
  const session = sessionId ?? NO_SESSION;
  return `${id}.${session}.${await macOf(await tokenKey(env), tokenMessage(id, session))}`;
}

const staffUserId = (actorId: string) =>
  actorId.startsWith("user:") ? actorId.slice("user:".length) : null;

/** Whether a role may impersonate: the permissions are re-checked on every request. */
const mayImpersonate = (role: Role) =>
  IMPERSONATION_PERMISSIONS.every((permission) => hasPermission(permissionsOf(role), permission));

/**
 * Starts (or, for a retry, resumes) a read-only view of `userId`. Refused for staff accounts
 * and for one's own. A staff member holds one impersonation at a time: starting another ends
 * the previous one; asking again for the same user while it is live returns it unchanged, so a
 * retried request makes no second row.
 */
export async function startImpersonation(
  env: ImpersonationEnv,
  input: { staff: Impersonator; userId: string; reason: string },
  now: number,
): Promise<{ row: ImpersonationRow; user: UserRow; credential: string; resumed: boolean }> {
  if (input.staff.actorId === `user:${input.userId}`) {
    throw impersonationNotAllowed("You cannot impersonate your own account");
  }
  const user = await findUserById(env, input.userId);
  if (!user) throw notFound("Account");
  if (user.role !== "user") {
    throw impersonationNotAllowed("Staff accounts cannot be impersonated");
  }
  const db = createDb(env.DB);
  const live = await db
    .select()
    .from(impersonations)
    .where(
      and(
        eq(impersonations.staffId, input.staff.actorId),
        isNull(impersonations.endedAt),
        gt(impersonations.expiresAt, now),
      ),
    );
  const same = live.find((row) => row.userId === user.id);
  if (same) {
    const credential = await credentialFor(env, same.id, input.staff.sessionId);
    return { row: same, user, credential, resumed: true };
  }
  const row: ImpersonationRow = {
    id: crypto.randomUUID(),
    staffId: input.staff.actorId,
    userId: user.id,
    reason: input.reason,
    startedAt: now,
    expiresAt: now + IMPERSONATION_TTL_MS,
    endedAt: null,
  };
  await db.batch([
    db
      .update(impersonations)
      .set({ endedAt: now })
      .where(and(eq(impersonations.staffId, input.staff.actorId), isNull(impersonations.endedAt))),
    db.insert(impersonations).values(row),
  ]);
  return {
    row,
    user,
    credential: await credentialFor(env, row.id, input.staff.sessionId),
    resumed: false,
  };
}

export const impersonationById = async (env: Pick<Env, "DB">, id: string) =>
  (await createDb(env.DB).query.impersonations.findFirst({ where: eq(impersonations.id, id) })) ??
  null;

/** Ends an impersonation (once); whether this call ended it. */
export async function endImpersonation(
  env: Pick<Env, "DB">,
  id: string,
  now: number,
): Promise<boolean> {
  const updated = await createDb(env.DB)
    .update(impersonations)
    .set({ endedAt: now })
    .where(and(eq(impersonations.id, id), isNull(impersonations.endedAt)))
    .returning({ id: impersonations.id });
  return updated.length > 0;
}

/** A live impersonation as a request runs under it. */
export interface ActiveImpersonation {
  row: ImpersonationRow;
  /** The account being viewed, as this request's session check read it. */
  user: UserRow;
  staffRole: Role;
  staffSessionId: string | null;
}

/** The impersonation id a credential names once its MAC checks out, whether or not it is still live. */
export async function impersonationIdOf(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
  credential: string,
): Promise<{ id: string; sessionId: string | null } | null> {
  const match = credential.match(TOKEN_PATTERN);
  if (!match) return null;
  const [, id, session, mac] = match as unknown as [string, string, string, string];
  if (!(await macMatches(await tokenKey(env), mac, tokenMessage(id, session)))) return null;
  return { id, sessionId: session === NO_SESSION ? null : session };
}

/**
 * The impersonation a credential stands for while every condition holds: the MAC, the row not
 * ended and within its hour, the viewed account still a customer, and the staff member still
 * signed in (when it was started from a session) with a role that may impersonate.
 */
export async function verifyImpersonation(
  env: ImpersonationEnv,
  credential: string,
  now: number,
): Promise<ActiveImpersonation | null> {
  const named = await impersonationIdOf(env, credential);
  if (!named) return null;
  const db = createDb(env.DB);
  const [found] = await db
    .select({ row: impersonations, user: users })
    .from(impersonations)
    .innerJoin(users, eq(users.id, impersonations.userId))
    .where(
      and(
        eq(impersonations.id, named.id),
        isNull(impersonations.endedAt),
        gt(impersonations.expiresAt, now),
      ),
    )
    .limit(1);
  // a customer only: an account made staff since is no longer viewable
  if (found?.user.role !== "user") return null;
  const staffRole = await staffRoleOf(env, found.row.staffId, named.sessionId);
  if (!staffRole || !mayImpersonate(staffRole)) return null;
  return { row: found.row, user: found.user, staffRole, staffSessionId: named.sessionId };
}

/** The staff member's role now, or null once their session (if any) has ended. */
async function staffRoleOf(
  env: ImpersonationEnv,
  actorId: string,
  sessionId: string | null,
): Promise<Role | null> {
  if (actorId === "operator") return "super_admin";
  const id = staffUserId(actorId);
  if (!id) return null;
  const staff = sessionId
    ? await liveSessionAccount(env, sessionId, id)
    : await findUserById(env, id);
  return staff && isRole(staff.role) ? staff.role : null;
}

/** The account owner's view of the times support looked at it, newest first. */
export async function impersonationsOf(
  env: Pick<Env, "DB">,
  userId: string,
  limit: number,
): Promise<ImpersonationRow[]> {
  return createDb(env.DB)
    .select()
    .from(impersonations)
    .where(eq(impersonations.userId, userId))
    .orderBy(desc(impersonations.startedAt))
    .limit(limit);
}

/** When an impersonation stopped counting: stopped, or its hour ran out. */
export const impersonationEndOf = (row: ImpersonationRow) =>
  Math.min(row.endedAt ?? row.expiresAt, row.expiresAt);
