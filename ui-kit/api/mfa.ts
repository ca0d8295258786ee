import type { StepUpMethod } from "../step-up/demand";
import { PASSKEY_STEP_UP_PREFIX, STEP_UP_PATH } from "../step-up/demand";
import type { ApiClient } from "./client";

export { STEP_UP_PATH };

/** GET /api/auth/mfa */
export interface MfaStatus {
  enabled: boolean;
  recovery_codes_left: number;
}

/** The proof a step-up accepts: exactly one of them. */
export type StepUpProof = { password: string } | { code: string } | { recovery_code: string };

/** POST /api/auth/step-up; cookie sessions also get a fresh access cookie. */
export interface StepUpResult {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  auth_time: number;
  mfa: boolean;
}

export const fetchMfaStatus = (api: ApiClient, signal?: AbortSignal) =>
  api.get<MfaStatus>("/api/auth/mfa", { signal });

export const startTotpSetup = (api: ApiClient) =>
  api.post<{ secret: string; otpauth_url: string }>("/api/auth/mfa/totp/setup");

export const confirmTotpSetup = (api: ApiClient, code: string) =>
  api.post<{ recovery_codes: string[] }>("/api/auth/mfa/totp/confirm", { code });

export const regenerateRecoveryCodes = (api: ApiClient, code: string) =>
  api.post<{ recovery_codes: string[] }>("/api/auth/mfa/recovery-codes", { code });

export const disableMfa = (
  api: ApiClient,
  input: { password: string } & ({ code: string } | { recovery_code: string }),
) => api.post<{ enabled: false }>("/api/auth/mfa/disable", input);

export const stepUp = (api: ApiClient, proof: StepUpProof) =>
  api.post<StepUpResult>(STEP_UP_PATH, proof);

/** A WebAuthn challenge for the browser: `options` go to `startAuthentication`. */
export interface PasskeyChallenge {
  challenge_id: string;
  options: Record<string, unknown>;
}

export const passkeyStepUpOptions = (api: ApiClient) =>
  api.post<PasskeyChallenge>(`${PASSKEY_STEP_UP_PREFIX}options`);

export const passkeyStepUp = (api: ApiClient, challengeId: string, response: unknown) =>
  api.post<StepUpResult>(`${PASSKEY_STEP_UP_PREFIX}verify`, {
    challenge_id: challengeId,
    response,
  });

/** GET /api/auth/step-up: the proofs the account can give, and this session's last proof. */
export const fetchStepUpMethods = (api: ApiClient, signal?: AbortSignal) =>
  api.get<{ methods: StepUpMethod[]; mfa: boolean; auth_time: number }>(STEP_UP_PATH, { signal });
