import { isStaff, type Role } from "../../core/auth/permissions";
import type { User } from "../../core/contract/auth";
import type { Env } from "../env";
import { AppError, tooManyRequests } from "../errors";
import { deletionUnderway } from "../gdpr/delete-requests";
import { refuseBannedAddress } from "../moderation/ip-bans";
import { assertSuperAdminAddress } from "../ops/admin-allowlist";
import { ATTEMPT_BUDGETS, enforceLimit, LOGIN_HISTORY_LIMITS } from "../ops/rate-limits";
import { recordRefusedSignIn, recordStaffSignIn, type SignInMethod } from "../ops/staff-audit";
import { canSignIn, findUserByEmail, findUserById, toUserView, updateUser } from "./accounts";
import {
  attemptBudget,
  releaseAttempts,
  reserveAttempts,
  spentBy,
  tooManyWrongAttempts,
  userProofBudget,
} from "./credential-throttle";
import {
  lockoutStatus,
  markLoginSucceeded,
  reserveLoginAttempt,
  suspectedCredentialStuffing,
} from "./login-protection";
import { verifySecondFactor } from "./mfa";
import { hashPassword, verifyPassword } from "./passwords";
import {
  type Device,
  familyOf,
  revokeFamily,
  rotateRefreshToken,
  startSession,
} from "./refresh-tokens";
import { signInRefusal } from "./sanctions-in-force";
import { alertNewSignIn, isNewDevice } from "./security-emails";
import { IDLE_REVOKE_REASON, isIdle, sessionIdle, timesOut } from "./staff-sessions";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./tokens";

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: number;
  /** The session (refresh-token family): browser CSRF tokens are bound to it. */
  sessionId: string;
  /** The device the session was opened on: a browser without the device cookie gets it. */
  deviceId: string | null;
  user: User;
}

/** The detection looks back over its window; a refused address waits that long. */
const STUFFING_BACKOFF_SECONDS = LOGIN_HISTORY_LIMITS.credentialStuffing.windowSeconds;

const invalidCredentials = () =>
  new AppError(401, "invalid_credentials", "The email or password is incorrect");

const locked = (retryAfterSeconds: number) => {
  // At least a second: a lock read just after a concurrent success may find it already lifted.
  const seconds = Math.max(1, retryAfterSeconds);
  return new AppError(
    429,
    "account_locked",
    "Too many failed sign-in attempts. Try again later or reset your password.",
    { retry_after: seconds },
    { "Retry-After": String(seconds) },
  );
};

/**
 * Email and password sign-in. Unknown emails cost the same time as wrong passwords and
 * get the same answer; the account's state is only revealed after the password matched.
 * The attempt is reserved (recorded as a failure unless locked) before the password check.
 */
export async function signIn(
  env: Env,
  input: { email: string; password: string },
  device: Device,
  now: number,
): Promise<SessionTokens | { mfaChallenge: string }> {
  if (device.ip && (await suspectedCredentialStuffing(env, device.ip, now))) {
    // Many accounts tried from one address: refuse it for the window, whatever
    // the credentials, so a list of stolen passwords cannot be confirmed from here.
    throw tooManyRequests(
      STUFFING_BACKOFF_SECONDS,
      "Too many sign-in attempts from this network. Wait a few minutes and try again.",
    );
  }
  // Per-address ceiling on sign-in requests, on top of the per-account lockout.
  await enforceLimit(env, "signIn", device.ip ?? "unknown", now);
  // A banned network tests no password (openSession checks again for the other ways in).
  await refuseBannedAddress(env, device.ip, now);
  const attempt = await reserveLoginAttempt(env, { email: input.email, ip: device.ip, at: now });
  if (attempt === null)
    throw locked((await lockoutStatus(env, input.email, now)).retryAfterSeconds);

  const user = await findUserByEmail(env, input.email);
  const check = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !check.valid) {
    const after = await lockoutStatus(env, input.email, now);
    if (after.locked) throw locked(after.retryAfterSeconds);
    throw invalidCredentials();
  }
  await markLoginSucceeded(env, attempt);
  if (!canSignIn(user)) throw await signInRefusal(env, user, now);
  if (check.needsRehash)
    await updateUser(env, user.id, { passwordHash: await hashPassword(input.password) }, now);
  if (user.mfaEnabled) return { mfaChallenge: await createMfaChallenge(env, user.id) };
  return openSession(env, user.id, device, now, { mfa: false, method: "password" });
}

/** A challenge lives as long as its budget of tries: the window is its lifetime. */
const CHALLENGE_TTL_SECONDS = ATTEMPT_BUDGETS.mfaChallenge.windowSeconds;
const challengeKey = (id: string) => `mfa-challenge:${id}`;
/** Five codes per challenge, counted race-free like every other proof (credential-throttle.ts). */
const challengeTries = (id: string) => attemptBudget("mfaChallenge", id);

/** The password was right; the session opens once a second factor follows within 5 minutes. */
export async function createMfaChallenge(env: Env, userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await env.SESSIONS.put(challengeKey(id), JSON.stringify({ userId }), {
    expirationTtl: CHALLENGE_TTL_SECONDS,
  });
  return id;
}

/**
 * Second step of an MFA sign-in: a TOTP or recovery code for the challenge. Each code draws
 * on the challenge's five tries and on the account's proof budget, reserved before the check;
 * the challenge ends with its last wrong try.
 */
export async function completeMfaChallenge(
  env: Env,
  challengeId: string,
  input: { code?: string; recoveryCode?: string },
  device: Device,
  now: number,
): Promise<SessionTokens> {
  const userId = await mfaChallengeUserId(env, challengeId);
  const tries = challengeTries(challengeId);
  const reservation = await reserveAttempts(env, [tries, userProofBudget(userId)], now);
  if (!reservation.granted) {
    if (reservation.refused.key !== tries.key)
      throw tooManyWrongAttempts(reservation.retryAfterSeconds);
    await env.SESSIONS.delete(challengeKey(challengeId));
    throw challengeExpired();
  }
  if (!(await verifySecondFactor(env, userId, input, now))) {
    if (spentBy(reservation, tries)) await env.SESSIONS.delete(challengeKey(challengeId));
    throw new AppError(401, "invalid_credentials", "The code is incorrect");
  }
  await releaseAttempts(env, reservation);
  await env.SESSIONS.delete(challengeKey(challengeId));
  return openSession(env, userId, device, now, { mfa: true, method: "password+mfa" });
}

const challengeExpired = () =>
  new AppError(401, "session_expired", "This sign-in has expired. Start again.");

/** The account a pending MFA challenge belongs to (for a passkey to answer it). */
export async function mfaChallengeUserId(env: Env, challengeId: string): Promise<string> {
  const stored = await env.SESSIONS.get<{ userId: string }>(challengeKey(challengeId), "json");
  if (!stored) throw challengeExpired();
  return stored.userId;
}

/** Ends a challenge answered by a proof checked elsewhere (a passkey of `userId`). */
export async function passMfaChallenge(
  env: Env,
  challengeId: string,
  userId: string,
  device: Device,
  now: number,
): Promise<SessionTokens> {
  if ((await mfaChallengeUserId(env, challengeId)) !== userId) throw challengeExpired();
  await env.SESSIONS.delete(challengeKey(challengeId));
  return openSession(env, userId, device, now, { mfa: true, method: "password+passkey" });
}

/**
 * Issues the first token pair of a new session for a user who has just proven who they are.
 * Staff sign-ins are audited; a super admin outside the IP allowlist is refused (and audited).
 */
export async function openSession(
  env: Env,
  userId: string,
  device: Device,
  now: number,
  how: { mfa: boolean; method: SignInMethod },
): Promise<SessionTokens> {
  const { mfa, method } = how;
  // Every way in (password, second factor, passkey, OAuth) opens its session here.
  await refuseBannedAddress(env, device.ip, now);
  const user = await findUserById(env, userId);
  if (!user) throw invalidCredentials();
  // An account past its deletion grace answers as if it no longer existed (README "Your data").
  if (await deletionUnderway(env, user.id)) throw invalidCredentials();
  if (user.role === "super_admin") await refuseOutsideAllowlist(env, user, method, device, now);
  await updateUser(env, user.id, { lastLoginAt: now }, now);
  const newDevice = await isNewDevice(env, user.id, device);
  const session = await startSession(env, user.id, device, now, mfa);
  if (newDevice) await alertNewSignIn(env, user, device, session.familyId, now);
  if (isStaff(user.role))
    await recordStaffSignIn(env, user, { id: session.familyId, method, mfa }, device, now);
  const { token } = await issueAccessToken(
    env,
    {
      id: user.id,
      email: user.email,
      role: user.role,
      sessionId: session.familyId,
      mfa,
      authTime: now,
    },
    now,
  );
  return {
    accessToken: token,
    refreshToken: session.token,
    refreshExpiresAt: session.expiresAt,
    sessionId: session.familyId,
    deviceId: session.deviceId,
    user: toUserView(user),
  };
}

/** The allowlist refusal, written to the audit log before it is answered. */
async function refuseOutsideAllowlist(
  env: Env,
  user: { id: string; role: Role },
  method: SignInMethod | "refresh",
  device: Device,
  now: number,
): Promise<void> {
  try {
    await assertSuperAdminAddress(env, device.ip);
  } catch (refusal) {
    if (refusal instanceof AppError)
      await recordRefusedSignIn(env, user, { code: refusal.code, method }, device, now);
    throw refusal;
  }
}

/**
 * What a refresh checks before rotating, for staff only: a session idle past the staff timeout
 * is ended (401, the app signs in again) and a super admin outside the allowlist is refused.
 */
async function checkStaffRefresh(env: Env, refreshToken: string, device: Device, now: number) {
  const current = await familyOf(env, refreshToken);
  if (!current || current.revokedAt !== null || current.rotatedAt !== null) return;
  const owner = await findUserById(env, current.userId);
  if (!owner || !timesOut(owner.role)) return;
  if (isIdle(current, now)) {
    await revokeFamily(env, current.familyId, IDLE_REVOKE_REASON, now);
    throw sessionIdle();
  }
  if (owner.role === "super_admin")
    await refuseOutsideAllowlist(env, owner, "refresh", device, now);
}

const sessionExpired = () =>
  new AppError(401, "session_expired", "Your session has ended. Please sign in again.");

/** Rotates the refresh token; a reused one ends every token of its session. */
export async function refreshSession(
  env: Env,
  refreshToken: string,
  device: Device,
  now: number,
): Promise<SessionTokens> {
  await refuseBannedAddress(env, device.ip, now);
  await checkStaffRefresh(env, refreshToken, device, now);
  const rotated = await rotateRefreshToken(env, refreshToken, device, now);
  if (!rotated.ok) {
    // A session ended by a suspension or ban answers why (403), so the app can say it.
    const owner = rotated.reason === "revoked" ? await findUserById(env, rotated.userId) : null;
    if (owner && !canSignIn(owner)) throw await signInRefusal(env, owner, now);
    throw sessionExpired();
  }
  const user = await findUserById(env, rotated.userId);
  if (!user) throw sessionExpired();
  if (!canSignIn(user)) throw await signInRefusal(env, user, now);
  const { token } = await issueAccessToken(
    env,
    {
      id: user.id,
      email: user.email,
      role: user.role,
      sessionId: rotated.familyId,
      mfa: rotated.mfaVerified,
      authTime: rotated.authAt,
    },
    now,
  );
  return {
    accessToken: token,
    refreshToken: rotated.token,
    refreshExpiresAt: rotated.expiresAt,
    sessionId: rotated.familyId,
    deviceId: rotated.deviceId,
    user: toUserView(user),
  };
}

export const tokenResponse = (tokens: SessionTokens, csrfToken?: string) => ({
  access_token: tokens.accessToken,
  refresh_token: tokens.refreshToken,
  token_type: "Bearer" as const,
  expires_in: ACCESS_TOKEN_TTL_SECONDS,
  user: tokens.user,
  ...(csrfToken ? { csrf_token: csrfToken } : {}),
});
