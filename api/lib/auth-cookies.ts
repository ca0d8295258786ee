import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../../core/security/crypto";
import type { AppEnv } from "../env";
import { ACCESS_TOKEN_TTL_SECONDS } from "../services/tokens";

/**
 * Browser sessions: the access token in an httpOnly cookie for every request, the refresh
 * token in an httpOnly cookie only sent to /api/auth, and a readable CSRF token the app
 * echoes in `X-CSRF-Token` on state-changing requests (double submit).
 */
export const ACCESS_COOKIE = "rb_access";
export const REFRESH_COOKIE = "rb_refresh";
export const CSRF_COOKIE = "rb_csrf";
export const CSRF_HEADER = "x-csrf-token";

const REFRESH_PATH = "/api/auth";

export function setSessionCookies(
  c: Context<AppEnv>,
  session: { accessToken: string; refreshToken: string; refreshExpiresAt: number },
): string {
  const refreshMaxAge = Math.max(0, Math.floor((session.refreshExpiresAt - Date.now()) / 1000));
  const csrf = randomToken(24);
  const base = { secure: true, path: "/" } as const;
  setAccessCookie(c, session.accessToken);
  setCookie(c, REFRESH_COOKIE, session.refreshToken, {
    ...base,
    path: REFRESH_PATH,
    httpOnly: true,
    sameSite: "Strict",
    maxAge: refreshMaxAge,
  });
  setCookie(c, CSRF_COOKIE, csrf, { ...base, sameSite: "Strict", maxAge: refreshMaxAge });
  return csrf;
}

/** The access-token cookie alone, e.g. after a password change re-issued the token. */
export function setAccessCookie(c: Context<AppEnv>, accessToken: string): void {
  setCookie(c, ACCESS_COOKIE, accessToken, {
    secure: true,
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: ACCESS_TOKEN_TTL_SECONDS,
  });
}

export function clearSessionCookies(c: Context<AppEnv>): void {
  deleteCookie(c, ACCESS_COOKIE, { path: "/", secure: true });
  deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_PATH, secure: true });
  deleteCookie(c, CSRF_COOKIE, { path: "/", secure: true });
}

export const readCookie = (c: Context<AppEnv>, name: string) => getCookie(c, name);
