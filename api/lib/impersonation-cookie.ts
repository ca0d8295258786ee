import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";

/**
 * The read-only impersonation credential (README "Impersonation"), a cookie of its own so the
 * staff member's session cookies are never replaced: stopping leaves them signed in as
 * themselves. httpOnly (no script reads it), `__Host-` (no sibling host can plant it) and
 * SameSite=Strict (no other site's request carries it).
 */
export const IMPERSONATION_COOKIE = "__Host-rb_impersonation";

export function setImpersonationCookie(
  c: Context<AppEnv>,
  credential: string,
  expiresAt: number,
): void {
  setCookie(c, IMPERSONATION_COOKIE, credential, {
    secure: true,
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    maxAge: Math.max(0, Math.floor((expiresAt - c.get("now")) / 1000)),
  });
}

export const readImpersonationCookie = (c: Context<AppEnv>) => getCookie(c, IMPERSONATION_COOKIE);

export function clearImpersonationCookie(c: Context<AppEnv>): void {
  deleteCookie(c, IMPERSONATION_COOKIE, { path: "/", secure: true });
}
