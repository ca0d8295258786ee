import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { macMatches, macOf, randomToken } from "../../core/security/crypto";
import { DEVICE_ID_PATTERN } from "../../server/auth/refresh-tokens";
import { ACCESS_TOKEN_TTL_SECONDS } from "../../server/auth/tokens";
import type { Env } from "../../server/env";
import { signingKey } from "../../server/signing-keys";
import type { AppEnv } from "../app-env";

/**
 * Browser sessions: the access token in an httpOnly cookie for every request, the refresh
 * token in an httpOnly cookie only sent to /api/auth, and a readable CSRF token the app
 * echoes in `X-CSRF-Token` on state-changing requests (double submit, signed and bound to
 * the session).
 *
 * The prefixes make browsers enforce what the names promise: a `__Host-` cookie is only
 * accepted when Secure, on Path=/ and without Domain, so a sibling subdomain or a plain-http
 * page cannot plant or overwrite it. The refresh cookie lives on /api/auth, which `__Host-`
 * forbids; `__Secure-` still demands Secure, and it carries no Domain either.
 */
export const ACCESS_COOKIE = "__Host-rb_access";
export const REFRESH_COOKIE = "__Secure-rb_refresh";
export const CSRF_COOKIE = "__Host-rb_csrf";
export const CSRF_HEADER = "x-csrf-token";
/**
 * A random id for the browser, kept across sign-outs (httpOnly, ~400 days, the longest browsers
 * allow) and recorded with every session opened from it, so accounts used from one browser are
 * listed together for the admin (README "Bans": linked accounts). It identifies nothing else.
 */
export const DEVICE_COOKIE = "__Host-rb_device";
const DEVICE_COOKIE_MAX_AGE = 400 * 86_400;

const REFRESH_PATH = "/api/auth";

type KeyEnv = Pick<Env, "JWT_PRIVATE_KEYS">;

const csrfKey = (env: KeyEnv) =>
  signingKey(env, "csrf-token v1", "Sign-in is not configured on this server");

const csrfMessage = (sessionId: string, nonce: string) => `csrf|${sessionId}|${nonce}`;

/**
 * A CSRF token for one session: `{nonce}.{mac}`, an HMAC over the session (refresh-token
 * family) id and a fresh nonce. Only this server can mint one, and it passes for no other
 * session, so a token planted or read elsewhere is worthless here. The nonce makes each
 * issue differ, which tells the app's other tabs that a refresh happened.
 */
export async function csrfTokenFor(env: KeyEnv, sessionId: string): Promise<string> {
  const nonce = randomToken(16);
  return `${nonce}.${await macOf(await csrfKey(env), csrfMessage(sessionId, nonce))}`;
}

/** Whether `presented` was minted for `sessionId`; subtle.verify compares in constant time. */
export async function isCsrfTokenOf(
  env: KeyEnv,
  presented: string | undefined,
  sessionId: string,
): Promise<boolean> {
  const match = presented?.match(/^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return false;
  return macMatches(
    await csrfKey(env),
    match[2] as string,
    csrfMessage(sessionId, match[1] as string),
  );
}

/** Sets the three session cookies; returns the CSRF token (also sent in the body). */
export async function setSessionCookies(
  c: Context<AppEnv>,
  session: {
    accessToken: string;
    refreshToken: string;
    refreshExpiresAt: number;
    sessionId: string;
    deviceId?: string | null;
  },
): Promise<string> {
  if (session.deviceId && deviceIdOf(c) === null) {
    setCookie(c, DEVICE_COOKIE, session.deviceId, {
      secure: true,
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      maxAge: DEVICE_COOKIE_MAX_AGE,
    });
  }
  const refreshMaxAge = Math.max(0, Math.floor((session.refreshExpiresAt - c.get("now")) / 1000));
  const csrf = await csrfTokenFor(c.env, session.sessionId);
  setAccessCookie(c, session.accessToken);
  setCookie(c, REFRESH_COOKIE, session.refreshToken, {
    secure: true,
    path: REFRESH_PATH,
    httpOnly: true,
    sameSite: "Strict",
    maxAge: refreshMaxAge,
  });
  setCookie(c, CSRF_COOKIE, csrf, {
    secure: true,
    path: "/",
    sameSite: "Strict",
    maxAge: refreshMaxAge,
  });
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

/** The browser's device id from its cookie; null when absent or not one this server made. */
export function deviceIdOf(c: Context<AppEnv>): string | null {
  const value = getCookie(c, DEVICE_COOKIE);
  return value && DEVICE_ID_PATTERN.test(value) ? value : null;
}
