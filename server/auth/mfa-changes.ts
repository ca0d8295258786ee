// Changes to a signed-in person's two-factor settings that need a proof. Every check draws on
// the account's proof budget (credential-throttle.ts): wrong guesses here, at step-up and at
// the second step of sign-in all count against the same five per 15 minutes.
import type { Env } from "../env";
import { AppError } from "../errors";
import { findUserById } from "./accounts";
import { checkWithinBudget, userProofBudget } from "./credential-throttle";
import {
  confirmTotpEnrolment,
  disableMfa,
  issueRecoveryCodes,
  secondFactorMatches,
  verifySecondFactor,
} from "./mfa";
import { verifyPassword } from "./passwords";
import { alertAccount } from "./security-emails";

type MfaChangeEnv = Pick<
  Env,
  "DB" | "MFA_ENCRYPTION_KEY" | "CACHE" | "EMAIL" | "EMAIL_FROM" | "JWT_ISSUER"
>;

const wrongCode = () => new AppError(401, "invalid_credentials", "The code is incorrect");

/** Turns TOTP on with a first code from the app; returns the recovery codes, once. */
export async function confirmEnrolment(
  env: MfaChangeEnv,
  userId: string,
  code: string,
  now: number,
): Promise<string[]> {
  const codes = await checkWithinBudget(env, [userProofBudget(userId)], now, () =>
    confirmTotpEnrolment(env, userId, code, now),
  );
  if (!codes) throw wrongCode();
  await alertAccount(env, userId, { kind: "mfa_enabled", detail: null, occasion: `${now}` }, now);
  return codes;
}

/** New recovery codes for a current app code; the old ones stop working. */
export async function replaceRecoveryCodes(
  env: MfaChangeEnv,
  userId: string,
  code: string,
  now: number,
): Promise<string[]> {
  const factor = await checkWithinBudget(env, [userProofBudget(userId)], now, () =>
    verifySecondFactor(env, userId, { code }, now),
  );
  if (factor !== "otp") throw wrongCode();
  return issueRecoveryCodes(env, userId, now);
}

/**
 * Turns two-factor off with the password and a code (app or recovery). Both are checked
 * every time and a wrong answer does not say which was wrong: otherwise a stolen session
 * could confirm the password alone. The code is not used up by the check; success deletes
 * every code anyway.
 */
export async function turnOffMfa(
  env: MfaChangeEnv,
  userId: string,
  proof: { password: string; code?: string; recoveryCode?: string },
  now: number,
): Promise<void> {
  const user = await findUserById(env, userId);
  const right = await checkWithinBudget(env, [userProofBudget(userId)], now, async () => {
    const [password, factor] = await Promise.all([
      verifyPassword(proof.password, user?.passwordHash ?? null),
      secondFactorMatches(env, userId, proof, now),
    ]);
    return password.valid && factor ? true : null;
  });
  if (!right) {
    throw new AppError(401, "invalid_credentials", "The password or code is incorrect");
  }
  await disableMfa(env, userId, now);
  await alertAccount(env, userId, { kind: "mfa_disabled", detail: null, occasion: `${now}` }, now);
}
