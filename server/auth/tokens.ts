import {
  createLocalJWKSet,
  importJWK,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { z } from "zod";
import { isRole, type Permission, permissionsOf, type Role } from "../../core/auth/permissions";
import type { UserRow } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import { liveSessionAccount } from "./refresh-tokens";

/** Access tokens live 15 minutes; one whose session ended is refused at once (verifyAccessToken). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const AUDIENCE = "resume-builder-api";

const privateJwkSchema = z
  .object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    alg: z.literal("ES256"),
    kid: z.string().min(1),
    x: z.string(),
    y: z.string(),
    d: z.string(),
  })
  .passthrough();
const keySetSchema = z.array(privateJwkSchema).min(1);

export interface AccessClaims extends JWTPayload {
  sub: string;
  email: string;
  role: Role;
  permissions: Permission[];
  jti: string;
  exp: number;
  /** The session (refresh-token family) the token was issued for. */
  sid?: string;
  /** Whether the session was opened with a second factor (required for sensitive actions). */
  mfa: boolean;
  /** Issuance in milliseconds: `iat` has whole seconds, too coarse for "log out everywhere". */
  iat_ms: number;
  /** When the session last proved who it is, in seconds (OIDC `auth_time`); drives step-up. */
  auth_time: number;
}

export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: "ES256";
  use: "sig";
}

interface LoadedKeys {
  signingKid: string;
  signingKey: CryptoKey;
  jwks: { keys: PublicJwk[] };
  verify: ReturnType<typeof createLocalJWKSet>;
}

/** A deployment without signing keys cannot sign anyone in: 503 until it is configured. */
export class TokenConfigError extends AppError {
  constructor(message: string) {
    super(503, "unavailable", `Sign-in is not configured on this server: ${message}`);
    this.name = "TokenConfigError";
  }
}

// Parsed once per isolate per secret value: importing keys is the slow part.
const cache = new Map<string, Promise<LoadedKeys>>();

/**
 * `JWT_PRIVATE_KEYS` is a JSON array of private ES256 JWKs: the first signs, all of them
 * are published so tokens signed before a rotation verify until they expire.
 */
function loadKeys(env: Pick<Env, "JWT_PRIVATE_KEYS">): Promise<LoadedKeys> {
  const raw = env.JWT_PRIVATE_KEYS;
  if (!raw) return Promise.reject(new TokenConfigError("JWT_PRIVATE_KEYS is not configured"));
  let loaded = cache.get(raw);
  if (!loaded) {
    loaded = (async () => {
      let parsed: z.infer<typeof keySetSchema>;
      try {
        parsed = keySetSchema.parse(JSON.parse(raw));
      } catch {
        throw new TokenConfigError("JWT_PRIVATE_KEYS is not a JSON array of ES256 private JWKs");
      }
      const [signing] = parsed;
      const publicKeys: PublicJwk[] = parsed.map(({ kty, crv, x, y, kid, alg }) => ({
        kty,
        crv,
        x,
        y,
        kid,
        alg,
        use: "sig",
      }));
      const jwks = { keys: publicKeys };
      return {
        signingKid: signing!.kid,
        signingKey: (await importJWK(signing!, "ES256")) as CryptoKey,
        jwks,
        verify: createLocalJWKSet(jwks as JSONWebKeySet),
      };
    })();
    loaded.catch(() => cache.delete(raw));
    cache.set(raw, loaded);
  }
  return loaded;
}

export async function publicJwks(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
): Promise<{ keys: PublicJwk[] }> {
  return (await loadKeys(env)).jwks;
}

export async function issueAccessToken(
  env: Pick<Env, "JWT_PRIVATE_KEYS" | "JWT_ISSUER">,
  subject: {
    id: string;
    email: string;
    role: Role;
    sessionId?: string;
    mfa?: boolean;
    /** Last proof of identity in ms; a token minted outside a session proves it now. */
    authTime?: number;
  },
  now: number,
): Promise<{ token: string; claims: AccessClaims }> {
  const keys = await loadKeys(env);
  const iat = Math.floor(now / 1000);
  const claims: AccessClaims = {
    sub: subject.id,
    email: subject.email,
    role: subject.role,
    permissions: [...permissionsOf(subject.role)],
    jti: crypto.randomUUID(),
    mfa: subject.mfa ?? false,
    ...(subject.sessionId ? { sid: subject.sessionId } : {}),
    iat,
    iat_ms: now,
    auth_time: Math.floor((subject.authTime ?? now) / 1000),
    exp: iat + ACCESS_TOKEN_TTL_SECONDS,
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: keys.signingKid, typ: "JWT" })
    .setIssuer(env.JWT_ISSUER)
    .setAudience(AUDIENCE)
    .sign(keys.signingKey);
  return { token, claims };
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string(),
  role: z.string().refine(isRole),
  permissions: z.array(z.string()),
  jti: z.string().min(1),
  exp: z.number(),
  sid: z.string().min(1).optional(),
});

const denyKey = (jti: string) => `deny:${jti}`;
const issuedAtMs = (payload: JWTPayload) =>
  typeof payload.iat_ms === "number" ? payload.iat_ms : (payload.iat ?? 0) * 1000;
const revokedBeforeKey = (userId: string) => `revoked-before:${userId}`;

/**
 * A verified access token: its claims, and the account as its session check read it (null for
 * a token that names no session), so the request need not read the account again.
 */
export interface VerifiedAccess {
  claims: AccessClaims;
  account: UserRow | null;
}

/**
 * Verifies signature, issuer, audience and expiry, then that the token's session has not
 * ended, then the deny-list. Null if any fails.
 *
 * The session check reads D1, not KV: a revoked session (refresh token reused, a device
 * signed out, logout everywhere, a password change) must be refused at once, everywhere,
 * and D1 reads see every committed write, while a KV write can take a minute or more to
 * reach other locations. It is one read per request, which also returns the account. The KV entries
 * below remain for tokens that name no session and for single-token logout.
 */
export async function verifyAccessToken(
  env: Pick<Env, "JWT_PRIVATE_KEYS" | "JWT_ISSUER" | "SESSIONS" | "DB">,
  token: string,
): Promise<VerifiedAccess | null> {
  const keys = await loadKeys(env);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys.verify, {
      issuer: env.JWT_ISSUER,
      audience: AUDIENCE,
      algorithms: ["ES256"],
    }));
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return null;
  const { sid } = claims.data;
  const [account, denied, revokedBefore] = await Promise.all([
    sid === undefined ? null : liveSessionAccount(env, sid, claims.data.sub),
    env.SESSIONS.get(denyKey(claims.data.jti)),
    env.SESSIONS.get(revokedBeforeKey(claims.data.sub)),
  ]);
  if ((sid !== undefined && !account) || denied) return null;
  if (revokedBefore && issuedAtMs(payload) <= Number(revokedBefore)) return null;
  return { claims: payload as AccessClaims, account };
}

/**
 * The account a token was genuinely issued to, whether or not its session is still live: for
 * telling a suspended or banned account why its token stopped working (README "Bans"), never
 * for authorising anything.
 */
export async function accessTokenSubject(
  env: Pick<Env, "JWT_PRIVATE_KEYS" | "JWT_ISSUER">,
  token: string,
): Promise<string | null> {
  const keys = await loadKeys(env);
  try {
    const { payload } = await jwtVerify(token, keys.verify, {
      issuer: env.JWT_ISSUER,
      audience: AUDIENCE,
      algorithms: ["ES256"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}

/** Refuses a token until it would have expired anyway (logout, revoked session). */
export async function denyAccessToken(
  env: Pick<Env, "SESSIONS">,
  claims: Pick<AccessClaims, "jti" | "exp">,
  now: number,
): Promise<void> {
  // KV's minimum TTL is 60 s; a token closer to expiry is simply kept a little longer.
  const ttl = Math.max(60, claims.exp - Math.floor(now / 1000));
  await env.SESSIONS.put(denyKey(claims.jti), "1", { expirationTtl: ttl });
}

/**
 * "Log out everywhere": every access token of the user issued up to now stops working,
 * not only the one presented. Kept as long as such a token could still be unexpired.
 */
export async function revokeAccessTokensOf(
  env: Pick<Env, "SESSIONS">,
  userId: string,
  now: number,
): Promise<void> {
  await env.SESSIONS.put(revokedBeforeKey(userId), String(now), {
    expirationTtl: ACCESS_TOKEN_TTL_SECONDS + 60,
  });
}
