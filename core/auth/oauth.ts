import { decodeJwt } from "jose";
import { z } from "zod";
import { base64UrlEncode, sha256 } from "../security/crypto";
import type { OAuthProvider } from "./oauth-providers";

export {
  isOAuthProvider,
  OAUTH_PROVIDER_NAMES,
  OAUTH_PROVIDERS,
  type OAuthProvider,
} from "./oauth-providers";

export interface OAuthEndpoints {
  authorize: string;
  token: string;
  userinfo: string;
  /** GitHub only: the addresses with their verification state (`/user` has no such flag). */
  emails?: string;
  scope: string;
}

/** The tenant segment when none is configured: work, school and personal accounts alike. */
export const DEFAULT_MICROSOFT_TENANT = "common";

export function oauthEndpoints(
  provider: OAuthProvider,
  tenant = DEFAULT_MICROSOFT_TENANT,
): OAuthEndpoints {
  switch (provider) {
    case "google":
      return {
        authorize: "https://accounts.google.com/o/oauth2/v2/auth",
        token: "https://oauth2.googleapis.com/token",
        userinfo: "https://openidconnect.googleapis.com/v1/userinfo",
        scope: "openid email profile",
      };
    case "github":
      return {
        authorize: "https://github.com/login/oauth/authorize",
        token: "https://github.com/login/oauth/access_token",
        userinfo: "https://api.github.com/user",
        emails: "https://api.github.com/user/emails",
        scope: "read:user user:email",
      };
    case "microsoft": {
      const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0`;
      return {
        authorize: `${base}/authorize`,
        token: `${base}/token`,
        userinfo: "https://graph.microsoft.com/oidc/userinfo",
        scope: "openid email profile",
      };
    }
  }
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64UrlEncode(await sha256(verifier));
}

export interface AuthorizeRequest {
  provider: OAuthProvider;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  tenant?: string;
  /** Linking asks which account to use, so the one the browser is signed in to is not assumed. */
  selectAccount?: boolean;
}

export function authorizeUrl(request: AuthorizeRequest): string {
  const endpoints = oauthEndpoints(request.provider, request.tenant);
  const url = new URL(endpoints.authorize);
  const params = url.searchParams;
  params.set("response_type", "code");
  params.set("client_id", request.clientId);
  params.set("redirect_uri", request.redirectUri);
  params.set("scope", endpoints.scope);
  params.set("state", request.state);
  params.set("code_challenge", request.codeChallenge);
  params.set("code_challenge_method", "S256");
  if (request.provider === "github") {
    // GitHub otherwise offers to create a new GitHub account on its sign-in page.
    params.set("allow_signup", "false");
  } else if (request.selectAccount) {
    params.set("prompt", "select_account");
  }
  return url.toString();
}

/** The form body of the authorization-code exchange (RFC 6749 §4.1.3 with PKCE). */
export function tokenRequestBody(input: {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
}): URLSearchParams {
  return new URLSearchParams({
    grant_type: "authorization_code",
    code: input.code,
    redirect_uri: input.redirectUri,
    client_id: input.clientId,
    client_secret: input.clientSecret,
    code_verifier: input.codeVerifier,
  });
}

/**
 * GitHub answers a failed exchange with 200 and an `error` field, so an `error` anywhere
 * means failure, whatever the status.
 */
export const tokenResponseSchema = z.union([
  z.object({ error: z.string(), error_description: z.string().optional() }),
  z.object({
    access_token: z.string().min(1),
    token_type: z.string().optional(),
    id_token: z.string().optional(),
  }),
]);
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** What sign-in needs from any provider. */
export interface OAuthProfile {
  providerAccountId: string;
  /** Lower-cased; null when the provider gave no address at all. */
  email: string | null;
  /** Only a verified address may link to an existing account (README "Sign in with Google, GitHub or Microsoft"). */
  emailVerified: boolean;
  name: string;
}

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
/** Some providers send booleans as strings ("true"). */
const flagSchema = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

const googleUserinfoSchema = z.object({
  sub: z.string().min(1),
  email: emailSchema.optional(),
  email_verified: flagSchema.optional(),
  name: z.string().optional(),
});

const githubUserSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string().nullable().optional(),
});

const githubEmailsSchema = z.array(
  z.object({ email: emailSchema, primary: z.boolean(), verified: z.boolean() }),
);

const microsoftUserinfoSchema = z.object({
  sub: z.string().min(1),
  email: emailSchema.optional(),
  name: z.string().optional(),
});

const microsoftIdTokenSchema = z.object({
  sub: z.string().min(1),
  aud: z.string(),
  iss: z.string(),
  tid: z.string(),
  email: emailSchema.optional(),
  xms_edov: flagSchema.optional(),
});

/** The tenant of personal Microsoft accounts (outlook.com, hotmail.com, …). */
export const MICROSOFT_CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

const displayName = (name: string | null | undefined, fallback: string) =>
  name?.trim().slice(0, 100) || fallback;
const localPart = (email: string | null | undefined) => email?.split("@")[0] ?? "";

export class OAuthProfileError extends Error {
  override name = "OAuthProfileError";
}

export function googleProfile(userinfo: unknown): OAuthProfile {
  const info = googleUserinfoSchema.parse(userinfo);
  return {
    providerAccountId: info.sub,
    email: info.email ?? null,
    emailVerified: Boolean(info.email && info.email_verified === true),
    name: displayName(info.name, localPart(info.email) || "Google user"),
  };
}

/**
 * GitHub's profile email is whatever the person made public; the address used is the
 * primary one from `/user/emails`, and it counts as verified only when GitHub says so.
 */
export function githubProfile(user: unknown, emails: unknown): OAuthProfile {
  const info = githubUserSchema.parse(user);
  const primary = githubEmailsSchema.parse(emails).find((entry) => entry.primary);
  return {
    providerAccountId: String(info.id),
    email: primary?.email ?? null,
    emailVerified: primary?.verified === true,
    name: displayName(info.name, info.login),
  };
}

/**
 * Microsoft's `email` claim is an attribute an organisation's admin can set to anything,
 * so it is not proof of ownership. It counts as verified only when
 *  - the ID token carries `xms_edov: true` (the tenant has verified it owns the address's
 *    domain; an optional claim the app registration must request), or
 *  - the account is a personal Microsoft account (consumer tenant), whose address
 *    Microsoft itself confirmed when the account was created.
 * Otherwise the address may open a new account nobody has yet, but never links to one.
 *
 * The ID token's signature is not checked: it came straight from the token endpoint over
 * TLS in exchange for our client secret, which OIDC Core §3.1.3.7 accepts in place of a
 * signature. Its audience, issuer and subject are still checked against what we expect.
 */
export function microsoftProfile(
  userinfo: unknown,
  idToken: string | undefined,
  clientId: string,
): OAuthProfile {
  const info = microsoftUserinfoSchema.parse(userinfo);
  if (!idToken) throw new OAuthProfileError("Microsoft returned no ID token");
  const claims = microsoftIdTokenSchema.parse(decodeJwt(idToken));
  if (claims.aud !== clientId) throw new OAuthProfileError("ID token for another client");
  if (claims.iss !== `https://login.microsoftonline.com/${claims.tid}/v2.0`) {
    throw new OAuthProfileError("ID token from an unexpected issuer");
  }
  if (claims.sub !== info.sub) throw new OAuthProfileError("ID token and userinfo disagree");
  const email = info.email ?? claims.email ?? null;
  const trusted = claims.xms_edov === true || claims.tid === MICROSOFT_CONSUMER_TENANT;
  return {
    providerAccountId: info.sub,
    email,
    emailVerified: Boolean(email && trusted),
    name: displayName(info.name, localPart(email) || "Microsoft user"),
  };
}
