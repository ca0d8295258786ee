import type { LinkedIdentity, OAuthProviderInfo } from "~core/contract/auth";
import type { MfaChallenge } from "~kit/api/auth";
import type { ApiClient } from "~kit/api/client";

export const listOAuthProviders = (api: ApiClient, signal?: AbortSignal) =>
  api.get<{ providers: OAuthProviderInfo[] }>("/api/auth/oauth/providers", { signal });

export const listLinkedIdentities = (api: ApiClient, signal?: AbortSignal) =>
  api.get<LinkedIdentity[]>("/api/auth/oauth/accounts", { signal });

export const unlinkIdentity = (api: ApiClient, id: string) =>
  api.delete<{ unlinked: true }>(`/api/auth/oauth/accounts/${encodeURIComponent(id)}`);

/**
 * Where the browser goes to sign in (or link) with a provider. A navigation, not a fetch:
 * the provider's page must show in the window, and the server binds the flow to it.
 */
export function oauthStartUrl(
  provider: OAuthProviderInfo["id"],
  options: { next?: string; intent?: "signin" | "link" } = {},
): string {
  const params = new URLSearchParams();
  if (options.next) params.set("next", options.next);
  if (options.intent === "link") params.set("intent", "link");
  const query = params.toString();
  return `/api/auth/oauth/${provider}/start${query ? `?${query}` : ""}`;
}

/** What each `?error=` code the OAuth callback sends back means, for people. */
const OAUTH_ERROR_MESSAGES: Record<string, string> = {
  oauth_cancelled: "Sign-in was cancelled at the provider. Nothing was changed.",
  oauth_state_invalid:
    "That sign-in link expired or was opened in another browser. Start again from this page.",
  oauth_email_unverified:
    "The provider did not confirm that email address, so it cannot be used to sign in to an existing account. Sign in with your password, or confirm the address with the provider first.",
  oauth_failed: "The provider could not be reached or refused the sign-in. Try again in a moment.",
  oauth_already_linked: "That provider account is already linked to another account here.",
  account_suspended:
    "This account is suspended, so it cannot sign in. You can ask for a link to appeal the decision below.",
  account_banned:
    "This account is banned, so it cannot sign in. You can ask for a link to appeal the decision below.",
  address_banned:
    "Registration and sign-in from this network are blocked. If you think this is a mistake, contact support from another network.",
  address_not_allowed:
    "Super admins can only sign in from the addresses on the admin IP allowlist. Sign in from an allowed network.",
  rate_limited: "Too many sign-in attempts from this network. Wait a few minutes and try again.",
};

/** The message for an OAuth error code, or null when the code is not one of ours. */
export const oauthErrorMessage = (code: string | undefined): string | null =>
  code ? (OAUTH_ERROR_MESSAGES[code] ?? null) : null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The MFA step for an account that signed in through a provider: the callback redirects to
 * `/login?mfa_token=…` instead of opening a session.
 */
export const mfaChallengeFromLink = (token: string | undefined): MfaChallenge | null =>
  token && UUID.test(token)
    ? { mfa_required: true, mfa_token: token, methods: ["totp", "recovery_code"] }
    : null;
