import { and, desc, eq, exists, gt, isNull, ne } from "drizzle-orm";
import type { Session } from "../../core/contract/auth";
import { randomToken, sha256Hex } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { type RefreshTokenRow, refreshTokens, type UserRow, users } from "../../db/schema";
import type { Env } from "../env";
import { type AlertEnv, raiseSecurityAlert } from "../security/alerts";

export const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000;

type TokenEnv = Pick<Env, "DB">;

/** Tokens are stored as their SHA-256: a database leak hands out no working token. */
export const hashToken = sha256Hex;

export interface Device {
  userAgent: string | null;
  ip: string | null;
  /** The request that signed in, for the audit log of staff sign-ins. */
  requestId?: string | null;
  /**
   * The browser's long-lived device id (its device cookie), when it sent one; a session opened
   * without one gets a fresh id, which the browser then keeps (README "Bans": linked accounts).
   */
  deviceId?: string | null;
}

/** Starts a session: a new token family with its first refresh token. */
export async function startSession(
  env: TokenEnv,
  userId: string,
  device: Device,
  now: number,
  mfaVerified = false,
): Promise<{ token: string; familyId: string; expiresAt: number; deviceId: string }> {
  const token = randomToken();
  const familyId = crypto.randomUUID();
  const deviceId = device.deviceId ?? newDeviceId();
  const expiresAt = now + REFRESH_TOKEN_TTL_MS;
  await createDb(env.DB)
    .insert(refreshTokens)
    .values({
      id: crypto.randomUUID(),
      userId,
      familyId,
      tokenHash: await hashToken(token),
      createdAt: now,
      expiresAt,
      userAgent: device.userAgent,
      ip: device.ip,
      deviceId,
      mfaVerified,
      authAt: now,
      lastActiveAt: now,
    });
  return { token, familyId, expiresAt, deviceId };
}

export type RotationResult =
  | {
      ok: true;
      token: string;
      userId: string;
      familyId: string;
      expiresAt: number;
      mfaVerified: boolean;
      authAt: number;
      deviceId: string | null;
    }
  | { ok: false; reason: "unknown" | "expired" | "reused" }
  /** Whose session was ended: a suspension or ban is said at refresh, not just "expired". */
  | { ok: false; reason: "revoked"; userId: string };

/**
 * Exchanges a refresh token for its successor. The old token is marked rotated with a
 * compare-and-set, so of two concurrent uses only one wins; the loser, like any later use
 * of a rotated token, is treated as theft and revokes the whole family.
 */
export async function rotateRefreshToken(
  env: TokenEnv & AlertEnv,
  presented: string,
  device: Device,
  now: number,
): Promise<RotationResult> {
  const db = createDb(env.DB);
  const row = await db.query.refreshTokens.findFirst({
    where: eq(refreshTokens.tokenHash, await hashToken(presented)),
  });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked", userId: row.userId };
  if (row.rotatedAt) {
    await reuseDetected(env, row, now);
    return { ok: false, reason: "reused" };
  }
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };

  const token = randomToken();
  const expiresAt = now + REFRESH_TOKEN_TTL_MS;
  // One batch, so a crash cannot leave the old token rotated without a successor. If the
  // compare-and-set lost, the successor is revoked with the rest of the family below.
  const [claimed] = await db.batch([
    db
      .update(refreshTokens)
      .set({ rotatedAt: now })
      .where(
        and(
          eq(refreshTokens.id, row.id),
          isNull(refreshTokens.rotatedAt),
          isNull(refreshTokens.revokedAt),
        ),
      )
      .returning({ id: refreshTokens.id }),
    db.insert(refreshTokens).values({
      id: crypto.randomUUID(),
      userId: row.userId,
      familyId: row.familyId,
      tokenHash: await hashToken(token),
      createdAt: now,
      expiresAt,
      userAgent: device.userAgent ?? row.userAgent,
      ip: device.ip ?? row.ip,
      // The session stays on the device it was opened on.
      deviceId: row.deviceId ?? device.deviceId ?? null,
      mfaVerified: row.mfaVerified,
      authAt: authAtOf(row),
      // A refresh is not activity: the staff inactivity timeout counts from the last request.
      lastActiveAt: row.lastActiveAt ?? row.createdAt,
    }),
  ]);
  if (claimed.length === 0) {
    await reuseDetected(env, row, now);
    return { ok: false, reason: "reused" };
  }
  return {
    ok: true,
    token,
    userId: row.userId,
    familyId: row.familyId,
    expiresAt,
    mfaVerified: row.mfaVerified,
    authAt: authAtOf(row),
    deviceId: row.deviceId ?? device.deviceId ?? null,
  };
}

/**
 * A rotated token used again means it was copied (README "Security alerts"): the family is
 * revoked and admins get a `token_theft` alert, one per account while unresolved.
 */
async function reuseDetected(env: TokenEnv & AlertEnv, row: RefreshTokenRow, now: number) {
  await revokeFamily(env, row.familyId, "reuse_detected", now);
  await raiseSecurityAlert(
    env,
    {
      userId: row.userId,
      kind: "token_theft",
      severity: "high",
      reasons: [`refresh token reused (session family ${row.familyId})`],
    },
    now,
  );
}

/** A device id: 128 random bits, the shape the device cookie is checked against. */
export const newDeviceId = () => randomToken(16);
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Sessions from before step-up was recorded last proved themselves when they began. */
const authAtOf = (row: RefreshTokenRow) => row.authAt ?? row.createdAt;

/**
 * A step-up inside a session: its live token (and so every successor) carries the new proof.
 * Returns false when the session has ended, so no fresh proof outlives a logout.
 */
export async function recordStepUp(
  env: TokenEnv,
  familyId: string,
  proof: { at: number; mfa: boolean },
): Promise<boolean> {
  const updated = await createDb(env.DB)
    .update(refreshTokens)
    .set({ authAt: proof.at, ...(proof.mfa ? { mfaVerified: true } : {}) })
    .where(
      and(
        eq(refreshTokens.familyId, familyId),
        isNull(refreshTokens.rotatedAt),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .returning({ id: refreshTokens.id });
  return updated.length > 0;
}

export async function familyOf(
  env: TokenEnv,
  presented: string,
): Promise<RefreshTokenRow | undefined> {
  return createDb(env.DB).query.refreshTokens.findFirst({
    where: eq(refreshTokens.tokenHash, await hashToken(presented)),
  });
}

/**
 * The account behind a session that may still be used, or null. A session is live while some
 * token of its family is unrevoked: every way a session ends (logout, "sign this device out",
 * logout everywhere, a password change or reset, a reused refresh token) revokes every token
 * of the family in D1, so this answers for all of them. One read (users by id, the family
 * index); the caller keeps the row, so a request that needs the account reads it no second time.
 */
export async function liveSessionAccount(
  env: TokenEnv,
  familyId: string,
  userId: string,
): Promise<UserRow | null> {
  const db = createDb(env.DB);
  const liveToken = db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.familyId, familyId),
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
      ),
    );
  const [account] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), exists(liveToken)))
    .limit(1);
  return account ?? null;
}

export async function revokeFamily(env: TokenEnv, familyId: string, reason: string, now: number) {
  await createDb(env.DB)
    .update(refreshTokens)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllSessions(
  env: TokenEnv,
  userId: string,
  reason: string,
  now: number,
) {
  await createDb(env.DB)
    .update(refreshTokens)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

/** A signed-in device as the API shows it; whether it is the caller's own is the route's to say. */
export type SessionView = Omit<Session, "current">;

/** Active sessions (families whose newest token is live), most recently used first. */
export async function listSessions(
  env: TokenEnv,
  userId: string,
  now: number,
): Promise<SessionView[]> {
  const rows = await createDb(env.DB)
    .select()
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, now),
      ),
    )
    .orderBy(desc(refreshTokens.createdAt));
  const families = new Map<string, { first: RefreshTokenRow; latest: RefreshTokenRow }>();
  for (const row of rows) {
    const family = families.get(row.familyId);
    if (!family) families.set(row.familyId, { first: row, latest: row });
    else if (row.createdAt < family.first.createdAt) family.first = row;
  }
  return [...families.entries()]
    .filter(([, { latest }]) => latest.rotatedAt === null)
    .map(([id, { first, latest }]) => ({
      id,
      user_agent: latest.userAgent,
      ip: latest.ip,
      started_at: new Date(first.createdAt).toISOString(),
      last_seen_at: new Date(latest.createdAt).toISOString(),
      expires_at: new Date(latest.expiresAt).toISOString(),
    }));
}

/** Ends every session but the one in use (after a password change). */
export async function revokeOtherSessions(
  env: TokenEnv,
  userId: string,
  keepFamilyId: string | null,
  reason: string,
  now: number,
) {
  const others = keepFamilyId ? ne(refreshTokens.familyId, keepFamilyId) : undefined;
  await createDb(env.DB)
    .update(refreshTokens)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), others));
}
