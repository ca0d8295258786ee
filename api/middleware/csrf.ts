import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { constantTimeEqual } from "../../core/security/crypto";
import type { AppEnv } from "../env";
import { ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE } from "../lib/auth-cookies";
import { AppError } from "../lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request that relies on session cookies must echo the CSRF cookie in
 * `X-CSRF-Token`; another site can make the browser send cookies but cannot read them.
 * Requests with an Authorization header carry no ambient credentials and need no token.
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  const usesCookies =
    getCookie(c, ACCESS_COOKIE) !== undefined || getCookie(c, REFRESH_COOKIE) !== undefined;
  if (SAFE_METHODS.has(c.req.method) || c.req.header("authorization") || !usesCookies)
    return next();
  const expected = getCookie(c, CSRF_COOKIE);
  const presented = c.req.header(CSRF_HEADER);
  if (!expected || !presented || !(await constantTimeEqual(expected, presented))) {
    throw new AppError(
      403,
      "csrf_failed",
      "Missing or wrong CSRF token; reload the page and try again",
    );
  }
  await next();
});
