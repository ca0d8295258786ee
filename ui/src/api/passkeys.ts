import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/browser";
import type { StepUpGrant } from "~core/contract/auth";
import type { Ceremony, Passkey } from "~core/contract/passkeys";
import type { SignInResult } from "~kit/api/auth";
import { type ApiClient, WEB_CLIENT_HEADERS } from "~kit/api/client";

const base = "/api/auth/passkeys";
const path = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const listPasskeys = (api: ApiClient, signal?: AbortSignal) =>
  api.get<Passkey[]>(base, { signal });

export const renamePasskey = (api: ApiClient, id: string, name: string) =>
  api.patch<{ passkey: Passkey }>(path(id), { name });

export const deletePasskey = (api: ApiClient, id: string) =>
  api.delete<{ deleted: true }>(path(id));

export const registrationOptions = (api: ApiClient) =>
  api.post<Ceremony<PublicKeyCredentialCreationOptionsJSON>>(`${base}/register/options`);

export const verifyRegistration = (
  api: ApiClient,
  input: { challenge_id: string; response: RegistrationResponseJSON; name?: string },
) => api.post<{ passkey: Passkey }>(`${base}/register/verify`, input);

/** Without an `mfa_token`, any passkey of this site; with one, that sign-in's account's. */
export const signInOptions = (api: ApiClient, mfaToken?: string) =>
  api.post<Ceremony<PublicKeyCredentialRequestOptionsJSON>>(
    `${base}/login/options`,
    mfaToken ? { mfa_token: mfaToken } : {},
  );

/** Signs in as a browser: the server answers with httpOnly session cookies. */
export const verifySignIn = (
  api: ApiClient,
  input: { challenge_id: string; response: AuthenticationResponseJSON; mfa_token?: string },
) => api.post<SignInResult>(`${base}/login/verify`, input, { headers: WEB_CLIENT_HEADERS });

export const stepUpOptions = (api: ApiClient) =>
  api.post<Ceremony<PublicKeyCredentialRequestOptionsJSON>>(`${base}/step-up/options`);

export const verifyStepUp = (
  api: ApiClient,
  input: { challenge_id: string; response: AuthenticationResponseJSON },
) => api.post<StepUpGrant>(`${base}/step-up/verify`, input);
