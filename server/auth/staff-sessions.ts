// The staff inactivity timeout (README "The admin's own security"): a staff session that made no
// request for 30 minutes is ended by the server, whatever the client does. Only staff roles are
// timed out; a customer's session lasts as long as its refresh token.
import { and, eq, isNull } from "drizzle-orm";
import type { Role } from "../../core/auth/permissions";
import { isStaff } from "../../core/auth/permissions";
import { createDb } from "../../db/client";
import { type RefreshTokenRow, refreshTokens } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import { revokeFamily } from "./refresh-tokens";

export const STAFF_IDLE_TIMEOUT_MS = 30 * 60_000;
/**
 * `last_active_at` is written at most this often per session: one D1 write a minute per active
 * staff member, not one per request. The timeout is therefore exact to within a minute.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

/** The revocation reason an idle staff session is ended with (sessions list, support). */
export const IDLE_REVOKE_REASON = "inactivity";

/** 401 with the code every client already answers by signing in again, and why. */
export const sessionIdle = () =>
  new AppError(
    401,
    "session_expired",
    "You were signed out after 30 minutes without activity. Sign in again.",
    { reason: "inactivity", idle_timeout_seconds: STAFF_IDLE_TIMEOUT_MS / 1000 },
  );

/** When the session last did something: sessions from before the column count from their token. */
export const lastActivityOf = (row: Pick<RefreshTokenRow, "lastActiveAt" | "createdAt">) =>
  row.lastActiveAt ?? row.createdAt;

export const isIdle = (
  row: Pick<RefreshTokenRow, "lastActiveAt" | "createdAt">,
  now: number,
): boolean => now - lastActivityOf(row) > STAFF_IDLE_TIMEOUT_MS;

/** Whether this role's sessions time out when idle. */
export const timesOut = (role: Role): boolean => isStaff(role);

/**
 * Called on every authenticated request of a staff session: ends the session (and answers
 * "idle") when it was inactive too long, otherwise records the activity if the last record is
 * a minute old or more. One indexed read; a write at most once a minute.
 */
export async function touchStaffSession(
  env: Pick<Env, "DB">,
  familyId: string,
  now: number,
): Promise<"active" | "idle"> {
  const db = createDb(env.DB);
  const [live] = await db
    .select({
      id: refreshTokens.id,
      createdAt: refreshTokens.createdAt,
      lastActiveAt: refreshTokens.lastActiveAt,
    })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.familyId, familyId),
        isNull(refreshTokens.rotatedAt),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .limit(1);
  // The session ended between the token check and here: the next request is refused anyway.
  if (!live) return "active";
  if (isIdle(live, now)) {
    await revokeFamily(env, familyId, IDLE_REVOKE_REASON, now);
    return "idle";
  }
  if (now - lastActivityOf(live) >= ACTIVITY_WRITE_INTERVAL_MS) {
    await db
      .update(refreshTokens)
      .set({ lastActiveAt: now })
      .where(and(eq(refreshTokens.id, live.id), isNull(refreshTokens.revokedAt)));
  }
  return "active";
}
