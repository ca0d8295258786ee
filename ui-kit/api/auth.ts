import type { SignupPlan } from "../../core/auth/identity";
import { type ApiClient, WEB_CLIENT_HEADERS } from "./client";

export type { SignupPlan };

/** GET /api/auth/me — the signed-in account as the API shows it. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  plan: string;
  email_verified: boolean;
  mfa_enabled: boolean;
  created_at: string;
}

export interface SignInResult {
  user: User;
  expires_in: number;
  csrf_token?: string;
}

/** A signed-in device: one refresh-token family. */
export interface SessionInfo {
  id: string;
  user_agent: string | null;
  ip: string | null;
  started_at: string;
  last_seen_at: string;
  expires_at: string;
  current: boolean;
}

export interface RegisterInput {
  name: string;
  email: string;
  password: string;
  plan: SignupPlan;
}

/**
 * The same answer for a new address and a taken one (whose owner is told by email): no
 * account, no session. Sign in once the address is confirmed.
 */
export interface RegisterResult {
  status: "verification_sent";
  email: string;
}

export const register = (api: ApiClient, input: RegisterInput) =>
  api.post<RegisterResult>("/api/auth/register", input);

/** The password was right, and the account wants its second factor before a session opens. */
export interface MfaChallenge {
  mfa_required: true;
  /** Good for 5 minutes and 5 tries. */
  mfa_token: string;
  methods: string[];
}

export const isMfaChallenge = (answer: SignInResult | MfaChallenge): answer is MfaChallenge =>
  "mfa_required" in answer && answer.mfa_required === true;

/** Signs in as a browser: the server answers with httpOnly session cookies. */
export const signIn = (api: ApiClient, input: { email: string; password: string }) =>
  api.post<SignInResult | MfaChallenge>("/api/auth/login", input, { headers: WEB_CLIENT_HEADERS });

/** Second step of a sign-in with MFA: a code from the authenticator app, or a recovery code. */
export const completeMfaSignIn = (
  api: ApiClient,
  input: { mfa_token: string; code?: string; recovery_code?: string },
) => api.post<SignInResult>("/api/auth/mfa/verify", input, { headers: WEB_CLIENT_HEADERS });

export const signOut = (api: ApiClient) => api.post<{ logged_out: true }>("/api/auth/logout");

export const signOutEverywhere = (api: ApiClient) =>
  api.post<{ logged_out: true }>("/api/auth/logout-all");

export const fetchMe = (api: ApiClient, signal?: AbortSignal) =>
  api.get<{ user: User }>("/api/auth/me", { signal });

export const verifyEmail = (api: ApiClient, token: string) =>
  api.post<{ user: User }>("/api/auth/verify-email", { token });

export const resendVerification = (api: ApiClient) =>
  api.post<{ sent: boolean; already_verified: boolean }>("/api/auth/resend-verification");

export const requestPasswordReset = (api: ApiClient, email: string) =>
  api.post<{ sent: true }>("/api/auth/forgot-password", { email });

export const resetPassword = (api: ApiClient, input: { token: string; password: string }) =>
  api.post<{ reset: true }>("/api/auth/reset-password", input);

export const changePassword = (
  api: ApiClient,
  input: { current_password: string; new_password: string },
) => api.post<{ changed: true }>("/api/auth/change-password", input);

export const listSessions = (api: ApiClient, signal?: AbortSignal) =>
  api.get<SessionInfo[]>("/api/auth/sessions", { signal });

export const revokeSession = (api: ApiClient, id: string) =>
  api.delete<{ revoked: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`);
