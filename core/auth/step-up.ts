/**
 * Step-up (README "Step-up"): some actions need the person to have proven who they are recently,
 * not merely to hold a valid session. Signing in counts; so does re-entering a proof later.
 */

/** How long a proof stays fresh: long enough for a batch of admin work, short enough that a
 * session left open on a shared computer cannot ban users or issue refunds an hour later. */
export const STEP_UP_MAX_AGE_MS = 15 * 60_000;

/** Ways of proving it is you: at sign-in as a second factor, or later for a step-up. */
export const STEP_UP_METHODS = ["password", "totp", "recovery_code", "passkey"] as const;
export type StepUpMethod = (typeof STEP_UP_METHODS)[number];

export interface SessionProof {
  /** When the session last proved who it is (sign-in or step-up), in ms. */
  authTime: number;
  /** Whether that proof included a second factor. */
  mfa: boolean;
}

export type StepUpVerdict = "ok" | "mfa_required" | "stale";

/**
 * Whether a session may do something that needs a recent proof, optionally with a second
 * factor. A session opened without one can never satisfy a second-factor rule by age alone.
 */
export function judgeSession(
  proof: SessionProof,
  needs: { secondFactor: boolean },
  now = Date.now(),
): StepUpVerdict {
  if (needs.secondFactor && !proof.mfa) return "mfa_required";
  return now - proof.authTime <= STEP_UP_MAX_AGE_MS ? "ok" : "stale";
}

/**
 * The proofs an account can give. Someone with a second factor must use it: accepting the
 * password alone would let a stolen password refresh a session that was opened with MFA.
 */
export function stepUpMethods(account: {
  mfaEnabled: boolean;
  hasPassword: boolean;
  hasPasskey: boolean;
}): StepUpMethod[] {
  const methods: StepUpMethod[] = [];
  if (account.mfaEnabled) methods.push("totp", "recovery_code");
  else if (account.hasPassword) methods.push("password");
  if (account.hasPasskey) methods.push("passkey");
  return methods;
}
