import type { SignupPlan } from "../../core/auth/identity";
import type {
  ChangePasswordRequest,
  LoginRequest,
  MfaChallenge,
  MfaVerifyRequest,
  PasswordChanged,
  RegisterRequest,
  RegisterResult,
  ResendResult,
  ResetPasswordRequest,
  Session,
  TokenPair,
  User,
} from "../../core/contract/auth";
import { type ApiClient, WEB_CLIENT_HEADERS } from "./client";

export type { MfaChallenge, RegisterResult, SignupPlan, User };

/**
 * What the app reads of a browser sign-in: the tokens themselves travel as httpOnly
 * cookies, and the app keeps out of them.
 */
export type SignInResult = Pick<TokenPair, "user" | "expires_in" | "csrf_token">;

export const register = (api: ApiClient, input: RegisterRequest) =>
  api.post<RegisterResult>("/api/auth/register", input);

export const isMfaChallenge = (answer: SignInResult | MfaChallenge): answer is MfaChallenge =>
  "mfa_required" in answer && answer.mfa_required === true;

/** Signs in as a browser: the server answers with httpOnly session cookies. */
export const signIn = (api: ApiClient, input: LoginRequest) =>
  api.post<SignInResult | MfaChallenge>("/api/auth/login", input, { headers: WEB_CLIENT_HEADERS });

/** Second step of a sign-in with MFA: a code from the authenticator app, or a recovery code. */
export const completeMfaSignIn = (api: ApiClient, input: MfaVerifyRequest) =>
  api.post<SignInResult>("/api/auth/mfa/verify", input, { headers: WEB_CLIENT_HEADERS });

export const signOut = (api: ApiClient) => api.post<{ logged_out: true }>("/api/auth/logout");

export const signOutEverywhere = (api: ApiClient) =>
  api.post<{ logged_out: true }>("/api/auth/logout-all");

export const fetchMe = (api: ApiClient, signal?: AbortSignal) =>
  api.get<{ user: User }>("/api/auth/me", { signal });

export const verifyEmail = (api: ApiClient, token: string) =>
  api.post<{ user: User }>("/api/auth/verify-email", { token });

export const resendVerification = (api: ApiClient) =>
  api.post<ResendResult>("/api/auth/resend-verification");

export const requestPasswordReset = (api: ApiClient, email: string) =>
  api.post<{ sent: true }>("/api/auth/forgot-password", { email });

export const resetPassword = (api: ApiClient, input: ResetPasswordRequest) =>
  api.post<{ reset: true }>("/api/auth/reset-password", input);

export const changePassword = (api: ApiClient, input: ChangePasswordRequest) =>
  api.post<PasswordChanged>("/api/auth/change-password", input);

export const listSessions = (api: ApiClient, signal?: AbortSignal) =>
  api.get<Session[]>("/api/auth/sessions", { signal });

export const revokeSession = (api: ApiClient, id: string) =>
  api.delete<{ revoked: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`);
