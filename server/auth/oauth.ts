import { and, asc, count, eq, ne } from "drizzle-orm";
import { normalizeEmail } from "../../core/auth/identity";
import {
  authorizeUrl,
  githubProfile,
  googleProfile,
  microsoftProfile,
  OAUTH_PROVIDER_NAMES,
  OAUTH_PROVIDERS,
  type OAuthProfile,
  type OAuthProvider,
  oauthEndpoints,
  pkceChallenge,
  tokenRequestBody,
  tokenResponseSchema,
} from "../../core/auth/oauth";
import { randomToken } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { oauthAccounts, passkeys, type UserRow, users } from "../../db/schema";
import { accountEvent, trackEvents } from "../analytics/track";
import { publicUrl } from "../email";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { errorFields, type Logger } from "../logger";
import { canSignIn, findUserByEmail, findUserById, markEmailVerified } from "./accounts";
import { claimSingleUse } from "./credential-throttle";
import { revokeAllSessions } from "./refresh-tokens";
import { notifySignupWorkflow, startSignup } from "./signup";
import { revokeAccessTokensOf } from "./tokens";

/** Why a browser flow ended on the sign-in page; the login page explains each code. */
export type OAuthFailure =
  | "oauth_cancelled"
  | "oauth_state_invalid"
  | "oauth_email_unverified"
  | "oauth_failed"
  | "oauth_already_linked"
  | "account_suspended"
  | "account_banned"
  | "address_banned"
  /** A super admin outside the admin IP allowlist (README "The admin's own security"). */
  | "address_not_allowed"
  | "rate_limited";

export class OAuthFlowError extends Error {
  override name = "OAuthFlowError";
  constructor(readonly code: OAuthFailure) {
    super(code);
  }
}

export interface OAuthClient {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  tenant?: string;
}

const CREDENTIALS: Record<OAuthProvider, [keyof Env, keyof Env]> = {
  google: ["OAUTH_GOOGLE_CLIENT_ID", "OAUTH_GOOGLE_CLIENT_SECRET"],
  github: ["OAUTH_GITHUB_CLIENT_ID", "OAUTH_GITHUB_CLIENT_SECRET"],
  microsoft: ["OAUTH_MICROSOFT_CLIENT_ID", "OAUTH_MICROSOFT_CLIENT_SECRET"],
};

/** The provider's client, or null when it is not configured (then it does not exist here). */
export function oauthClient(env: Env, provider: OAuthProvider): OAuthClient | null {
  const [idKey, secretKey] = CREDENTIALS[provider];
  const clientId = env[idKey];
  const clientSecret = env[secretKey];
  if (
    typeof clientId !== "string" ||
    !clientId ||
    typeof clientSecret !== "string" ||
    !clientSecret
  )
    return null;
  return {
    provider,
    clientId,
    clientSecret,
    tenant: provider === "microsoft" ? env.OAUTH_MICROSOFT_TENANT || undefined : undefined,
  };
}

export const configuredProviders = (env: Env) =>
  OAUTH_PROVIDERS.filter((provider) => oauthClient(env, provider) !== null).map((provider) => ({
    id: provider,
    name: OAUTH_PROVIDER_NAMES[provider],
  }));

/** The address registered at each provider: the public origin the emailed links use too. */
export const redirectUriFor = (env: Env, provider: OAuthProvider) =>
  publicUrl(env, `/api/auth/oauth/${provider}/callback`);

export type OAuthIntent = "signin" | "link";

export interface FlowState {
  provider: OAuthProvider;
  verifier: string;
  next: string | null;
  intent: OAuthIntent;
  /** The signed-in account a `link` flow adds the identity to. */
  userId: string | null;
}

const FLOW_TTL_SECONDS = 600;
const flowKey = (state: string) => `oauth-state:${state}`;

/** Stores the flow under a fresh `state` and returns the provider's authorization URL. */
export async function beginFlow(
  env: Env,
  client: OAuthClient,
  flow: Omit<FlowState, "provider" | "verifier">,
): Promise<{ state: string; url: string }> {
  const state = randomToken();
  const verifier = randomToken(48);
  const stored: FlowState = { ...flow, provider: client.provider, verifier };
  await env.SESSIONS.put(flowKey(state), JSON.stringify(stored), {
    expirationTtl: FLOW_TTL_SECONDS,
  });
  const url = authorizeUrl({
    provider: client.provider,
    clientId: client.clientId,
    redirectUri: redirectUriFor(env, client.provider),
    state,
    codeChallenge: await pkceChallenge(verifier),
    tenant: client.tenant,
    selectAccount: flow.intent === "link",
  });
  return { state, url };
}

/**
 * Single use: the flow is claimed (once, even for concurrent callbacks) and deleted before
 * anything is done with it.
 */
export async function takeFlow(env: Env, state: string, now: number): Promise<FlowState | null> {
  const stored = await env.SESSIONS.get<FlowState>(flowKey(state), "json");
  if (!stored) return null;
  const ttlMs = FLOW_TTL_SECONDS * 1000;
  if (!(await claimSingleUse(env, flowKey(state), ttlMs, now))) return null;
  await env.SESSIONS.delete(flowKey(state));
  return stored;
}

const PROVIDER_TIMEOUT_MS = 10_000;

/** GitHub's API refuses requests without a User-Agent. */
const apiHeaders = (accessToken: string) => ({
  Authorization: `Bearer ${accessToken}`,
  Accept: "application/json",
  "User-Agent": "resume-builder",
});

async function providerJson(url: string, init: RequestInit, what: string): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${what} answered ${response.status}`);
  return body;
}

/**
 * Exchanges the code (with the PKCE verifier) and reads who signed in. Any provider error,
 * timeout or unexpected answer is `oauth_failed`; tokens never reach the log.
 */
export async function fetchProfile(
  env: Env,
  client: OAuthClient,
  code: string,
  verifier: string,
  logger: Logger,
): Promise<OAuthProfile> {
  const endpoints = oauthEndpoints(client.provider, client.tenant);
  try {
    const token = tokenResponseSchema.parse(
      await providerJson(
        endpoints.token,
        {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
            "User-Agent": "resume-builder",
          },
          body: tokenRequestBody({
            code,
            codeVerifier: verifier,
            redirectUri: redirectUriFor(env, client.provider),
            clientId: client.clientId,
            clientSecret: client.clientSecret,
          }),
        },
        "token endpoint",
      ),
    );
    if ("error" in token) throw new Error(`token endpoint refused: ${token.error}`);
    const headers = apiHeaders(token.access_token);
    const userinfo = await providerJson(endpoints.userinfo, { headers }, "userinfo");
    switch (client.provider) {
      case "google":
        return googleProfile(userinfo);
      case "github": {
        const emails = await providerJson(endpoints.emails ?? "", { headers }, "user emails");
        return githubProfile(userinfo, emails);
      }
      case "microsoft":
        return microsoftProfile(userinfo, token.id_token, client.clientId);
    }
  } catch (error) {
    const { error_name, error_message } = errorFields(error);
    logger.warn("oauth provider exchange failed", {
      provider: client.provider,
      error_name,
      error_message,
    });
    throw new OAuthFlowError("oauth_failed");
  }
}

export interface ResolvedAccount {
  user: UserRow;
  /** A new account: it goes to onboarding, and its signup workflow has started. */
  created: boolean;
}

const findIdentity = (env: Env, provider: OAuthProvider, providerAccountId: string) =>
  createDb(env.DB).query.oauthAccounts.findFirst({
    where: and(
      eq(oauthAccounts.provider, provider),
      eq(oauthAccounts.providerAccountId, providerAccountId),
    ),
  });

async function linkIdentity(
  env: Env,
  userId: string,
  provider: OAuthProvider,
  profile: OAuthProfile,
  now: number,
): Promise<boolean> {
  const [row] = await createDb(env.DB)
    .insert(oauthAccounts)
    .values({
      id: crypto.randomUUID(),
      userId,
      provider,
      providerAccountId: profile.providerAccountId,
      email: profile.email ?? "",
      createdAt: now,
      lastUsedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: oauthAccounts.id });
  return row !== undefined;
}

const touchIdentity = (env: Env, id: string, now: number) =>
  createDb(env.DB).update(oauthAccounts).set({ lastUsedAt: now }).where(eq(oauthAccounts.id, id));

/** A banned account is told so; a suspended (or deleted) one that it cannot sign in now. */
function signInAllowed(user: UserRow): UserRow {
  if (canSignIn(user)) return user;
  throw new OAuthFlowError(user.status === "banned" ? "account_banned" : "account_suspended");
}

/**
 * An account that was never verified gets its address proven by the provider now. Whoever
 * created it never proved they own the address and may not be this person (an attacker can
 * register someone's email first and wait): the credentials they set — password, sessions,
 * other identities — stop working, and the owner can set a password by reset later.
 */
async function claimUnverifiedAccount(
  env: Env,
  user: UserRow,
  logger: Logger,
  now: number,
): Promise<UserRow> {
  const db = createDb(env.DB);
  await db.update(users).set({ passwordHash: null, updatedAt: now }).where(eq(users.id, user.id));
  await db.delete(oauthAccounts).where(eq(oauthAccounts.userId, user.id));
  await revokeAllSessions(env, user.id, "oauth_email_claimed", now);
  await revokeAccessTokensOf(env, user.id, now);
  const verified = await markEmailVerified(env, user.id, now);
  await notifySignupWorkflow(env, user.id, logger, now);
  return verified ?? user;
}

async function createAccount(
  env: Env,
  profile: OAuthProfile & { email: string },
  signupIp: string | null,
  now: number,
) {
  const [row] = await createDb(env.DB)
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      email: normalizeEmail(profile.email),
      name: profile.name,
      passwordHash: null,
      plan: "free",
      // An unverified address still needs its emailed link, like a password signup.
      status: profile.emailVerified ? "active" : "pending_verification",
      emailVerifiedAt: profile.emailVerified ? now : null,
      createdAt: now,
      updatedAt: now,
      signupIp,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) return null;
  await startSignup(env, row.id, "free", now);
  if (row.emailVerifiedAt !== null)
    await trackEvents(env, [accountEvent("user.email_verified", row.id, now)]);
  return row;
}

/**
 * Who a provider identity signs in as (README "Sign in with Google, GitHub or Microsoft"): the account it is linked to; else, for a
 * link flow, the signed-in account; else the account with the same *verified* address;
 * else a new account. An unverified address never reaches an existing account.
 */
export async function resolveAccount(
  env: Env,
  flow: FlowState,
  profile: OAuthProfile,
  logger: Logger,
  now: number,
  /** The caller's address, kept on an account created here (linked-account detection). */
  signupIp: string | null = null,
): Promise<ResolvedAccount> {
  const provider = flow.provider;
  const identity = await findIdentity(env, provider, profile.providerAccountId);
  if (flow.intent === "link") {
    if (!flow.userId) throw new OAuthFlowError("oauth_state_invalid");
    if (identity && identity.userId !== flow.userId)
      throw new OAuthFlowError("oauth_already_linked");
    const user = await findUserById(env, flow.userId);
    if (!user) throw new OAuthFlowError("oauth_failed");
    signInAllowed(user);
    if (identity) await touchIdentity(env, identity.id, now);
    else if (!(await linkIdentity(env, user.id, provider, profile, now)))
      throw new OAuthFlowError("oauth_already_linked");
    return { user, created: false };
  }

  if (identity) {
    const user = await findUserById(env, identity.userId);
    if (!user) throw new OAuthFlowError("oauth_failed");
    signInAllowed(user);
    await touchIdentity(env, identity.id, now);
    return { user, created: false };
  }

  if (!profile.email) throw new OAuthFlowError("oauth_email_unverified");
  const email = profile.email;
  // Twice at most: a concurrent signup can take the address between the lookup and insert.
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await findUserByEmail(env, email);
    if (existing) {
      if (!profile.emailVerified) throw new OAuthFlowError("oauth_email_unverified");
      signInAllowed(existing);
      const user =
        existing.emailVerifiedAt === null
          ? await claimUnverifiedAccount(env, existing, logger, now)
          : existing;
      if (!(await linkIdentity(env, user.id, provider, profile, now)))
        throw new OAuthFlowError("oauth_already_linked");
      return { user, created: false };
    }
    const created = await createAccount(env, { ...profile, email }, signupIp, now);
    if (created) {
      await linkIdentity(env, created.id, provider, profile, now);
      return { user: created, created: true };
    }
  }
  throw new OAuthFlowError("oauth_failed");
}

export interface IdentityView {
  id: string;
  provider: OAuthProvider;
  email: string;
  created_at: string;
  last_used_at: string | null;
}

export async function listIdentities(env: Env, userId: string): Promise<IdentityView[]> {
  const rows = await createDb(env.DB)
    .select()
    .from(oauthAccounts)
    .where(eq(oauthAccounts.userId, userId))
    .orderBy(asc(oauthAccounts.createdAt));
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    email: row.email,
    created_at: new Date(row.createdAt).toISOString(),
    last_used_at: row.lastUsedAt === null ? null : new Date(row.lastUsedAt).toISOString(),
  }));
}

/** Removes an identity, unless it is the last way left to sign in to the account. */
export async function unlinkIdentity(env: Env, userId: string, id: string): Promise<void> {
  const db = createDb(env.DB);
  const identity = await db.query.oauthAccounts.findFirst({
    where: and(eq(oauthAccounts.id, id), eq(oauthAccounts.userId, userId)),
  });
  if (!identity) throw notFound("Linked account");
  const user = await findUserById(env, userId);
  if (!user) throw notFound("Linked account");
  const [others] = await db
    .select({ n: count() })
    .from(oauthAccounts)
    .where(and(eq(oauthAccounts.userId, userId), ne(oauthAccounts.id, id)));
  const [keys] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  if (user.passwordHash === null && !others?.n && !keys?.n) {
    throw new AppError(
      409,
      "last_sign_in_method",
      "This is the only way to sign in to your account. Set a password or add another sign-in method first.",
    );
  }
  await db.delete(oauthAccounts).where(eq(oauthAccounts.id, id));
}
