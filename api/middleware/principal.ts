import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { hasPermission, type Permission, SENSITIVE_PERMISSIONS } from "../../core/auth/permissions";
import { judgeSession } from "../../core/auth/step-up";
import { constantTimeEqual } from "../../core/security/crypto";
import { OPERATOR, type Principal } from "../../server/auth/principal";
import { restrictionOf } from "../../server/auth/sanctions-in-force";
import { sessionIdle, timesOut, touchStaffSession } from "../../server/auth/staff-sessions";
import { methodsFor, stepUpRequired } from "../../server/auth/step-up";
import {
  accessTokenSubject,
  type VerifiedAccess,
  verifyAccessToken,
} from "../../server/auth/tokens";
import { AppError, forbidden, unauthorized } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ACCESS_COOKIE } from "../lib/auth-cookies";
import { resolveImpersonation } from "./impersonation";

const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/**
 * An Authorization header decides on its own: a valid Bearer credential or 401, never a
 * fallback to the session cookie (which would make a request with a junk header, say
 * `Basic …`, a cookie-authenticated one that looks exempt from CSRF). Without the header,
 * the access cookie; an expired or ended session leaves the request anonymous (the app
 * refreshes and retries).
 */
export const resolvePrincipal = createMiddleware<AppEnv>(async (c, next) => {
  c.set("principal", null);
  c.set("restriction", null);
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const token = authorization.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!token) throw unauthorized();
    const principal = await bearerPrincipal(c.env, token, c.get("now"));
    if (await endedForInactivity(c.env, principal, c.get("now"))) throw sessionIdle();
    c.set("principal", principal);
    return next();
  }
  // A read-only view of a customer (README "Impersonation") takes precedence over the staff
  // member's own cookies, outside the admin API and the admin app.
  if (await resolveImpersonation(c)) return next();
  const cookieToken = getCookie(c, ACCESS_COOKIE);
  if (cookieToken && looksLikeJwt(cookieToken)) {
    const verified = await verifyAccessToken(c.env, cookieToken);
    const principal = verified ? userFromToken(verified, "cookie") : null;
    // Kept, not thrown: signed-out routes (the appeal link, sign-in) must still work.
    if (!principal) c.set("restriction", await restrictionFor(c.env, cookieToken, c.get("now")));
    else if (await endedForInactivity(c.env, principal, c.get("now")))
      c.set("restriction", sessionIdle());
    else c.set("principal", principal);
  }
  await next();
});

/**
 * The staff inactivity timeout (README "The admin's own security"): a staff session's request
 * records its activity, or ends the session when it was idle too long. Customers' sessions and
 * tokens that name no session are untouched.
 */
async function endedForInactivity(
  env: AppEnv["Bindings"],
  principal: Principal,
  now: number,
): Promise<boolean> {
  if (principal.kind !== "user" || !principal.sessionId || !timesOut(principal.role)) return false;
  return (await touchStaffSession(env, principal.sessionId, now)) === "idle";
}

/**
 * A genuine token that stopped working because its account was suspended or banned (which
 * ended every session) answers 403 `account_suspended` / `account_banned` with why and until
 * when, as sign-in and refresh do; any other dead token falls through to 401 or anonymous.
 */
async function restrictionFor(env: AppEnv["Bindings"], token: string, now: number) {
  const userId = await accessTokenSubject(env, token);
  return userId ? await restrictionOf(env, userId, now) : null;
}

async function bearerPrincipal(
  env: AppEnv["Bindings"],
  token: string,
  now: number,
): Promise<Principal> {
  if (looksLikeJwt(token)) {
    const verified = await verifyAccessToken(env, token);
    if (!verified) throw (await restrictionFor(env, token, now)) ?? unauthorized();
    return userFromToken(verified, "header");
  }
  const opsToken = env.OPS_API_TOKEN;
  if (!opsToken || opsToken.length < 32 || !(await constantTimeEqual(token, opsToken))) {
    throw unauthorized();
  }
  return OPERATOR;
}

const userFromToken = (
  { claims, account }: VerifiedAccess,
  via: "header" | "cookie",
): Principal => ({
  kind: "user",
  id: `user:${claims.sub}`,
  userId: claims.sub,
  email: claims.email,
  role: claims.role,
  permissions: claims.permissions,
  tokenId: claims.jti,
  tokenExpiresAt: claims.exp,
  sessionId: claims.sid ?? null,
  mfa: claims.mfa === true,
  authTime: (typeof claims.auth_time === "number" ? claims.auth_time : (claims.iat ?? 0)) * 1000,
  via,
  account,
});

/** 401 without a principal, 403 unless it holds every permission named. */
export const requirePermission = (...needed: Permission[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get("principal");
    if (!principal) throw c.get("restriction") ?? unauthorized();
    const missing = needed.filter(
      (permission) => !hasPermission(principal.permissions, permission),
    );
    if (missing.length) throw forbidden(`This needs the ${missing.join(", ")} permission`);
    // Staff need a second factor, proven within the step-up window, for bans,
    // refunds and config. The operator token is a machine credential kept as a secret and
    // is exempt.
    const sensitive = needed.some((permission) => SENSITIVE_PERMISSIONS.includes(permission));
    if (sensitive && principal.kind === "user") await assertFreshProof(c.env, principal, true);
    await next();
  });

export async function assertFreshProof(
  env: AppEnv["Bindings"],
  principal: Extract<Principal, { kind: "user" }>,
  secondFactor: boolean,
) {
  const verdict = judgeSession(principal, { secondFactor });
  if (verdict === "mfa_required") {
    throw new AppError(403, "mfa_required", "Sign in with two-factor authentication to do this", {
      methods: await methodsFor(env, principal.userId),
    });
  }
  if (verdict === "stale") throw await stepUpRequired(env, principal.userId, secondFactor);
}

/**
 * Changes that would let a thief keep an account (adding a sign-in factor, say) need the
 * person to have proven who they are in the last few minutes, not just a live session.
 */
export const requireRecentAuth = createMiddleware<AppEnv>(async (c, next) => {
  const principal = userPrincipal(c.get("principal"));
  await assertFreshProof(c.env, principal, false);
  await next();
});

/**
 * Staff actions the README counts as sensitive without a permission of their own (suspending
 * or banning an account): a second factor proven within the step-up window. The operator token
 * is exempt, as for the sensitive permissions.
 */
export const requireSecondFactor = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  if (principal.kind === "user") await assertFreshProof(c.env, principal, true);
  await next();
});

/** The owner id a principal's jobs are recorded under. */
export const ownerIdOf = (principal: Principal): string => principal.id;

/** Routes about one's own account: a signed-in person, not the operator token. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  if (!principal) throw c.get("restriction") ?? unauthorized();
  if (principal.kind !== "user") throw forbidden("This needs a personal account");
  await next();
});

export function userPrincipal(principal: Principal | null) {
  if (principal?.kind !== "user") throw unauthorized();
  return principal;
}
