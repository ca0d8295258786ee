import type { Env } from "../env";
import { AppError, tooManyRequests } from "../lib/errors";
import {
  canSignIn,
  findUserByEmail,
  findUserById,
  toUserView,
  type UserView,
  updateUser,
} from "./accounts";
import {
  lockoutStatus,
  rateLimit,
  recordLoginAttempt,
  suspectedCredentialStuffing,
} from "./login-protection";
import { verifySecondFactor } from "./mfa";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";
import { type Device, rotateRefreshToken, startSession } from "./refresh-tokens";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./tokens";

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: number;
  /** The session (refresh-token family): browser CSRF tokens are bound to it. */
  sessionId: string;
  user: UserView;
}

/** Per-address ceiling on sign-in requests, on top of the per-account lockout. */
const LOGIN_RATE = { limit: 10, windowSeconds: 60 };
/** The detection looks back 10 minutes; a refused address waits that long. */
const STUFFING_BACKOFF_SECONDS = 600;

const invalidCredentials = () =>
  new AppError(401, "invalid_credentials", "The email or password is incorrect");

const locked = (retryAfterSeconds: number) =>
  new AppError(
    429,
    "account_locked",
    "Too many failed sign-in attempts. Try again later or reset your password.",
    { retry_after: retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );

/** Verifies against the stored hash, or burns the same time when there is none. */
async function checkPassword(password: string, stored: string | null) {
  if (stored) return verifyPassword(password, stored);
  await burnPasswordCheck(password);
  return { valid: false, needsRehash: false };
}

/**
 * Email and password sign-in. Unknown emails cost the same time as wrong passwords and
 * get the same answer; the account's state is only revealed after the password matched.
 */
export async function signIn(
  env: Env,
  input: { email: string; password: string },
  device: Device,
): Promise<SessionTokens | { mfaChallenge: string }> {
  if (device.ip && (await suspectedCredentialStuffing(env, device.ip))) {
    // Many accounts tried from one address (SPEC §6): refuse it for the window, whatever
    // the credentials, so a list of stolen passwords cannot be confirmed from here.
    throw tooManyRequests(
      STUFFING_BACKOFF_SECONDS,
      "Too many sign-in attempts from this network. Wait a few minutes and try again.",
    );
  }
  const ipLimit = await rateLimit(env, `login-ip:${device.ip ?? "unknown"}`, LOGIN_RATE);
  if (!ipLimit.allowed) {
    throw tooManyRequests(
      ipLimit.retryAfterSeconds,
      "Too many sign-in attempts from this network. Wait a moment and try again.",
    );
  }
  const lockout = await lockoutStatus(env, input.email);
  if (lockout.locked) throw locked(lockout.retryAfterSeconds);

  const user = await findUserByEmail(env, input.email);
  const check = await checkPassword(input.password, user?.passwordHash ?? null);
  await recordLoginAttempt(env, { email: input.email, ip: device.ip, succeeded: check.valid });
  if (!user || !check.valid) {
    const after = await lockoutStatus(env, input.email);
    if (after.locked) throw locked(after.retryAfterSeconds);
    throw invalidCredentials();
  }
  if (!canSignIn(user)) {
    throw new AppError(403, "account_suspended", "This account cannot sign in. Contact support.");
  }
  if (check.needsRehash)
    await updateUser(env, user.id, { passwordHash: await hashPassword(input.password) });
  if (user.mfaEnabled) return { mfaChallenge: await createMfaChallenge(env, user.id) };
  return openSession(env, user.id, device);
}

const CHALLENGE_TTL_SECONDS = 300;
const CHALLENGE_ATTEMPTS = 5;
const challengeKey = (id: string) => `mfa-challenge:${id}`;

/** The password was right; the session opens once a second factor follows within 5 minutes. */
export async function createMfaChallenge(env: Env, userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await env.SESSIONS.put(challengeKey(id), JSON.stringify({ userId, attempts: 0 }), {
    expirationTtl: CHALLENGE_TTL_SECONDS,
  });
  return id;
}

/** Second step of an MFA sign-in: a TOTP or recovery code for the challenge. */
export async function completeMfaChallenge(
  env: Env,
  challengeId: string,
  input: { code?: string; recoveryCode?: string },
  device: Device,
): Promise<SessionTokens> {
  const stored = await env.SESSIONS.get<{ userId: string; attempts: number }>(
    challengeKey(challengeId),
    "json",
  );
  if (!stored) throw new AppError(401, "session_expired", "This sign-in has expired. Start again.");
  const factor = await verifySecondFactor(env, stored.userId, input);
  if (!factor) {
    const attempts = stored.attempts + 1;
    if (attempts >= CHALLENGE_ATTEMPTS) await env.SESSIONS.delete(challengeKey(challengeId));
    else {
      await env.SESSIONS.put(challengeKey(challengeId), JSON.stringify({ ...stored, attempts }), {
        expirationTtl: CHALLENGE_TTL_SECONDS,
      });
    }
    throw new AppError(401, "invalid_credentials", "The code is incorrect");
  }
  await env.SESSIONS.delete(challengeKey(challengeId));
  return openSession(env, stored.userId, device, true);
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
): Promise<SessionTokens> {
  if ((await mfaChallengeUserId(env, challengeId)) !== userId) throw challengeExpired();
  await env.SESSIONS.delete(challengeKey(challengeId));
  return openSession(env, userId, device, true);
}

/** Issues the first token pair of a new session for a user who has just proven who they are. */
export async function openSession(
  env: Env,
  userId: string,
  device: Device,
  mfa = false,
): Promise<SessionTokens> {
  const user = await findUserById(env, userId);
  if (!user) throw invalidCredentials();
  const now = Date.now();
  await updateUser(env, user.id, { lastLoginAt: now });
  const session = await startSession(env, user.id, device, now, mfa);
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
    user: toUserView(user),
  };
}

const sessionExpired = () =>
  new AppError(401, "session_expired", "Your session has ended. Please sign in again.");

/** Rotates the refresh token; a reused one ends every token of its session. */
export async function refreshSession(
  env: Env,
  refreshToken: string,
  device: Device,
): Promise<SessionTokens> {
  const rotated = await rotateRefreshToken(env, refreshToken, device);
  if (!rotated.ok) throw sessionExpired();
  const user = await findUserById(env, rotated.userId);
  if (!user || !canSignIn(user)) throw sessionExpired();
  const { token } = await issueAccessToken(env, {
    id: user.id,
    email: user.email,
    role: user.role,
    sessionId: rotated.familyId,
    mfa: rotated.mfaVerified,
    authTime: rotated.authAt,
  });
  return {
    accessToken: token,
    refreshToken: rotated.token,
    refreshExpiresAt: rotated.expiresAt,
    sessionId: rotated.familyId,
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
