/**
 * The browser side of a cookie session: the session itself is in
 * httpOnly cookies this page cannot read; the readable CSRF cookie beside it says that one
 * exists and is echoed on state-changing requests (double submit). `createApiClient`'s
 * `cookieSession` option sends it and refreshes the session.
 */

/**
 * The readable cookie that holds the CSRF token of a browser session (double submit). The
 * `__Host-` prefix (api/lib/auth-cookies.ts) means only this origin could have set it.
 */
export const CSRF_COOKIE = "__Host-rb_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** A cookie this page can read (not httpOnly), or null. */
export function readCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/**
 * Whether this browser holds a session (its CSRF cookie lives as long as the refresh
 * token). Lets the app skip asking the server when nobody has signed in.
 */
export const hasSessionCookie = (): boolean => readCookie(CSRF_COOKIE) !== null;

/** Forgets a session the server no longer accepts, so the app stops trying to refresh it. */
export function forgetSessionCookie(): void {
  if (typeof document === "undefined") return;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari
  document.cookie = `${CSRF_COOKIE}=; Max-Age=0; Path=/; Secure; SameSite=Strict`;
}
