import { count, eq } from "drizzle-orm";
import type { Context } from "hono";
import { STEP_UP_MAX_AGE_MS, type StepUpMethod, stepUpMethods } from "../../core/auth/step-up";
import { createDb } from "../../db/client";
import { passkeys } from "../../db/schema";
import type { AppEnv, Env } from "../env";
import { setAccessCookie } from "../lib/auth-cookies";
import { AppError, tooManyRequests, unauthorized } from "../lib/errors";
import type { Principal } from "../middleware/principal";
import { findUserById } from "./accounts";
import { rateLimit } from "./login-protection";
import { verifySecondFactor } from "./mfa";
import { verifyPassword } from "./passwords";
import { recordStepUp } from "./refresh-tokens";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./tokens";

type UserPrincipal = Extract<Principal, { kind: "user" }>;

/** Guessing codes through step-up is as limited as guessing them at sign-in. */
const STEP_UP_RATE = { limit: 5, windowSeconds: 300 };

/** The proofs this account can give right now (its factors may have changed mid-session). */
export async function methodsFor(env: Env, userId: string): Promise<StepUpMethod[]> {
  const user = await findUserById(env, userId);
  if (!user) return [];
  const [passkeyCount] = await createDb(env.DB)
    .select({ value: count() })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
  return stepUpMethods({
    mfaEnabled: user.mfaEnabled,
    hasPassword: user.passwordHash !== null,
    hasPasskey: (passkeyCount?.value ?? 0) > 0,
  });
}

/** The 403 a client answers by asking for a proof and calling POST /auth/step-up. */
export async function stepUpRequired(
  env: Env,
  userId: string,
  secondFactor: boolean,
): Promise<AppError> {
  return new AppError(
    403,
    "step_up_required",
    secondFactor
      ? "Confirm it's you with your second factor to continue"
      : "Confirm it's you to continue",
    {
      max_age_seconds: STEP_UP_MAX_AGE_MS / 1000,
      second_factor: secondFactor,
      methods: await methodsFor(env, userId),
    },
  );
}

export type StepUpProof =
  | { kind: "password"; password: string }
  | { kind: "totp"; code: string }
  | { kind: "recovery_code"; recoveryCode: string };

const wrongProof = () => new AppError(401, "invalid_credentials", "That did not match. Try again.");

/**
 * Checks a password, TOTP or recovery code for step-up. Which kinds count is decided by
 * `methodsFor`: with a second factor enrolled, the password alone is refused.
 */
export async function verifyStepUpProof(
  env: Env,
  principal: UserPrincipal,
  proof: StepUpProof,
): Promise<{ mfa: boolean }> {
  const limit = await rateLimit(env, `step-up:${principal.userId}`, STEP_UP_RATE);
  if (!limit.allowed) throw tooManyRequests(limit.retryAfterSeconds);
  if (!(await methodsFor(env, principal.userId)).includes(proof.kind)) throw wrongProof();
  if (proof.kind === "password") {
    const user = await findUserById(env, principal.userId);
    if (!user?.passwordHash || !(await verifyPassword(proof.password, user.passwordHash)).valid)
      throw wrongProof();
    return { mfa: false };
  }
  const factor = await verifySecondFactor(
    env,
    principal.userId,
    proof.kind === "totp" ? { code: proof.code } : { recoveryCode: proof.recoveryCode },
  );
  if (!factor) throw wrongProof();
  return { mfa: true };
}

/**
 * Records a successful proof on the session and hands out an access token that carries it
 * (as a cookie too for browser sessions, so the app simply retries what was refused).
 */
export async function grantStepUp(
  c: Context<AppEnv>,
  principal: UserPrincipal,
  proof: { mfa: boolean },
) {
  const user = await findUserById(c.env, principal.userId);
  if (!user) throw unauthorized();
  const now = Date.now();
  const mfa = principal.mfa || proof.mfa;
  if (principal.sessionId) {
    const live = await recordStepUp(c.env, principal.sessionId, { at: now, mfa: proof.mfa });
    if (!live) throw new AppError(401, "session_expired", "Your session has ended. Sign in again.");
  }
  const { token, claims } = await issueAccessToken(
    c.env,
    {
      id: user.id,
      email: user.email,
      role: user.role,
      sessionId: principal.sessionId ?? undefined,
      mfa,
      authTime: now,
    },
    now,
  );
  if (principal.via === "cookie") setAccessCookie(c, token);
  c.header("Cache-Control", "no-store");
  return {
    access_token: token,
    token_type: "Bearer" as const,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    auth_time: claims.auth_time,
    mfa,
  };
}
