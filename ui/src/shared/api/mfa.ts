import type { ApiClient } from "./client";
import { ApiError } from "./envelope";

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

export const STEP_UP_PATH = "/api/auth/step-up";
const PASSKEY_STEP_UP_PREFIX = "/api/auth/passkeys/step-up/";

/** The requests that give a step-up: their own refusals go to the dialog, not to another. */
export const isStepUpRequest = (path: string) =>
  path === STEP_UP_PATH || path.startsWith(PASSKEY_STEP_UP_PREFIX);

/** Ways of proving it is you that a `step_up_required` answer may list. */
export type StepUpMethod = "password" | "totp" | "recovery_code" | "passkey";

/** What the server asks for: a recent sign-in, possibly with a second factor. */
export interface StepUpDemand {
  /** `step_up_required`: prove it again; `mfa_required`: the session lacks a second factor. */
  reason: "step_up_required" | "mfa_required";
  secondFactor: boolean;
  /**
   * The proofs the account can give, or null when the answer did not say (then
   * GET /api/auth/mfa tells whether a code can be asked for).
   */
  methods: StepUpMethod[] | null;
}

const METHODS = new Set<string>(["password", "totp", "recovery_code", "passkey"]);

/** The 403 answers a step-up can cure. */
export const needsStepUp = (error: unknown): error is ApiError =>
  error instanceof ApiError &&
  error.status === 403 &&
  (error.code === "step_up_required" || error.code === "mfa_required");

/** Reads the demand out of a 403 `step_up_required` or `mfa_required` and its details. */
export function stepUpDemand(error: ApiError): StepUpDemand {
  const details = (error.details ?? {}) as { second_factor?: unknown; methods?: unknown };
  const listed = Array.isArray(details.methods)
    ? details.methods.filter((method): method is StepUpMethod => METHODS.has(String(method)))
    : null;
  if (error.code === "mfa_required") {
    // the session was opened without a second factor: the password cannot cure that
    return {
      reason: "mfa_required",
      secondFactor: true,
      methods: listed ? listed.filter((method) => method !== "password") : null,
    };
  }
  return {
    reason: "step_up_required",
    secondFactor: details.second_factor === true,
    methods: listed,
  };
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
