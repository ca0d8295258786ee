import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { familyOf, liveSessionAccount } from "../../server/auth/refresh-tokens";
import { AppError } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ACCESS_COOKIE, CSRF_HEADER, isCsrfTokenOf, REFRESH_COOKIE } from "../lib/auth-cookies";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const csrfFailed = () =>
  new AppError(403, "csrf_failed", "Missing or wrong CSRF token; reload the page and try again");

/**
 * A state-changing request that relies on session cookies must carry, in `X-CSRF-Token`, the
 * CSRF token minted for that very session (auth-cookies.ts); another site can make the
 * browser send cookies but can neither read the token nor mint one.
 *
 * Runs after resolvePrincipal. A request authenticated by a Bearer credential is exempt: it
 * carries no ambient credential, and the principal never falls back to cookies when an
 * Authorization header is present (a bad one is a 401 before this runs).
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const principal = c.get("principal");
  if (principal?.kind === "operator" || principal?.via === "header") return next();
  const accessCookie = getCookie(c, ACCESS_COOKIE);
  const refreshCookie = getCookie(c, REFRESH_COOKIE);
  if (accessCookie === undefined && refreshCookie === undefined) return next();
  // The session the cookies speak for: the access token's, or (when it has expired, as on
  // a refresh) the refresh token's while that session is live. Cookies that identify no live
  // session authenticate nothing, so there is nothing to forge.
  // Under impersonation the only write let through is Stop, whose CSRF token is the staff
  // member's own; one started without a staff session (a bearer token) relies on its
  // SameSite=Strict cookie, and Stop can only take access away.
  if (principal?.kind === "user" && principal.impersonation) {
    const staffSession = principal.impersonation.staffSessionId;
    if (staffSession === null) return next();
    if (!(await isCsrfTokenOf(c.env, c.req.header(CSRF_HEADER), staffSession))) throw csrfFailed();
    return next();
  }
  const sessionId =
    principal?.kind === "user"
      ? principal.sessionId
      : refreshCookie
        ? await liveSessionOf(c.env, refreshCookie)
        : undefined;
  if (sessionId === undefined) return next();
  if (sessionId === null || !(await isCsrfTokenOf(c.env, c.req.header(CSRF_HEADER), sessionId))) {
    throw csrfFailed();
  }
  await next();
});

/**
 * The session a refresh cookie belongs to, while some token of it is unrevoked. A session
 * ended elsewhere (signed out everywhere, a password reset, a suspension) leaves its httpOnly
 * cookies in the browser, whose app has dropped the CSRF cookie on being told: asking for the
 * token would refuse that browser's next sign-in for a session that no longer exists.
 */
async function liveSessionOf(
  env: AppEnv["Bindings"],
  refreshCookie: string,
): Promise<string | undefined> {
  const row = await familyOf(env, refreshCookie);
  if (!row) return undefined;
  return (await liveSessionAccount(env, row.familyId, row.userId)) ? row.familyId : undefined;
}
