import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { count, eq } from "drizzle-orm";
import { STEP_UP_MAX_AGE_MS, type StepUpMethod, stepUpMethods } from "../../core/auth/step-up";
import { createDb } from "../../db/client";
import { passkeys } from "../../db/schema";
import type { Env } from "../env";
import { AppError, unauthorized } from "../errors";
import { findUserById } from "./accounts";
import { checkWithinBudget, userProofBudget } from "./credential-throttle";
import { verifySecondFactor } from "./mfa";
import { verifyAssertion } from "./passkeys";
import { verifyPassword } from "./passwords";
import type { Principal } from "./principal";
import { recordStepUp } from "./refresh-tokens";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./tokens";

type UserPrincipal = Extract<Principal, { kind: "user" }>;

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
 * Checks a password, TOTP or recovery code for step-up, within the account's proof budget
 * (credential-throttle.ts). Which kinds count is decided by `methodsFor`: with a second
 * factor enrolled, the password alone is refused, before anything is checked.
 */
export async function verifyStepUpProof(
  env: Env,
  principal: UserPrincipal,
  proof: StepUpProof,
  now: number,
): Promise<{ mfa: boolean }> {
  const { userId } = principal;
  if (!(await methodsFor(env, userId)).includes(proof.kind)) throw wrongProof();
  const result = await checkWithinBudget(env, [userProofBudget(userId)], now, async () => {
    if (proof.kind === "password") {
      const user = await findUserById(env, userId);
      const { valid } = await verifyPassword(proof.password, user?.passwordHash ?? null);
      return valid ? { mfa: false } : null;
    }
    const factor = await verifySecondFactor(
      env,
      userId,
      proof.kind === "totp" ? { code: proof.code } : { recoveryCode: proof.recoveryCode },
      now,
    );
    return factor ? { mfa: true } : null;
  });
  if (!result) throw wrongProof();
  return result;
}

/** A passkey step-up (its ceremony from `authenticationOptions`), in the same budget. */
export async function verifyPasskeyStepUp(
  env: Env,
  principal: UserPrincipal,
  input: { challengeId: string; response: AuthenticationResponseJSON },
  now: number,
): Promise<{ mfa: true }> {
  const confirmed = await checkWithinBudget(
    env,
    [userProofBudget(principal.userId)],
    now,
    async () => {
      const result = await verifyAssertion(env, input, "step-up", now);
      return result.ok && result.userId === principal.userId ? true : null;
    },
  );
  if (!confirmed) {
    throw new AppError(401, "invalid_credentials", "That passkey did not confirm it's you.");
  }
  return { mfa: true };
}

/**
 * Records a successful proof on the session and issues an access token that carries it. The
 * route hands it back (as a cookie too for browser sessions, so the app simply retries what
 * was refused).
 */
export async function grantStepUp(
  env: Env,
  principal: UserPrincipal,
  proof: { mfa: boolean },
  now: number,
) {
  const user = await findUserById(env, principal.userId);
  if (!user) throw unauthorized();
  const mfa = principal.mfa || proof.mfa;
  if (principal.sessionId) {
    const live = await recordStepUp(env, principal.sessionId, { at: now, mfa: proof.mfa });
    if (!live) throw new AppError(401, "session_expired", "Your session has ended. Sign in again.");
  }
  const { token, claims } = await issueAccessToken(
    env,
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
  return {
    access_token: token,
    token_type: "Bearer" as const,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    auth_time: claims.auth_time,
    mfa,
  };
}
