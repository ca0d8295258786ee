import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import type {
  MfaStatus,
  RecoveryCodes,
  StepUpGrant,
  StepUpMethods,
  StepUpProof,
  TotpSetup,
} from "../../core/contract/auth";
import type { Ceremony } from "../../core/contract/passkeys";
import { PASSKEY_STEP_UP_PREFIX, STEP_UP_PATH } from "../step-up/demand";
import type { ApiClient } from "./client";

export { STEP_UP_PATH };

export const fetchMfaStatus = (api: ApiClient, signal?: AbortSignal) =>
  api.get<MfaStatus>("/api/auth/mfa", { signal });

export const startTotpSetup = (api: ApiClient) => api.post<TotpSetup>("/api/auth/mfa/totp/setup");

export const confirmTotpSetup = (api: ApiClient, code: string) =>
  api.post<RecoveryCodes>("/api/auth/mfa/totp/confirm", { code });

export const regenerateRecoveryCodes = (api: ApiClient, code: string) =>
  api.post<RecoveryCodes>("/api/auth/mfa/recovery-codes", { code });

export const disableMfa = (
  api: ApiClient,
  input: { password: string } & ({ code: string } | { recovery_code: string }),
) => api.post<{ enabled: false }>("/api/auth/mfa/disable", input);

/** POST /api/auth/step-up; cookie sessions also get a fresh access cookie. */
export const stepUp = (api: ApiClient, proof: StepUpProof) =>
  api.post<StepUpGrant>(STEP_UP_PATH, proof);

/** A WebAuthn challenge for the browser: `options` go to `startAuthentication`. */
export const passkeyStepUpOptions = (api: ApiClient) =>
  api.post<Ceremony<PublicKeyCredentialRequestOptionsJSON>>(`${PASSKEY_STEP_UP_PREFIX}options`);

export const passkeyStepUp = (api: ApiClient, challengeId: string, response: unknown) =>
  api.post<StepUpGrant>(`${PASSKEY_STEP_UP_PREFIX}verify`, {
    challenge_id: challengeId,
    response,
  });

/** GET /api/auth/step-up: the proofs the account can give, and this session's last proof. */
export const fetchStepUpMethods = (api: ApiClient, signal?: AbortSignal) =>
  api.get<StepUpMethods>(STEP_UP_PATH, { signal });
