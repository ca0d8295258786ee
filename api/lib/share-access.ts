import { base64UrlDecode, base64UrlEncode, derivedHmacKey } from "../../core/security/crypto";
import type { Env } from "../../server/env";
import { AppError } from "../../server/errors";

/**
 * The cookie that proves someone typed a share link's password: `{expiry}.{mac}`, an
 * HMAC-SHA256 over the slug, the expiry and the link's current password hash. The key is
 * derived (HKDF) from the deployment's signing-key secret, so nobody can mint one; the slug
 * in the MAC makes it useless for any other link, and the password hash in it makes every
 * cookie stop working the moment the owner changes or removes the password.
 */
export const SHARE_ACCESS_COOKIE = "rb_share";
export const SHARE_ACCESS_TTL_SECONDS = 12 * 60 * 60;

const encoder = new TextEncoder();

function accessKey(env: Pick<Env, "JWT_PRIVATE_KEYS">): Promise<CryptoKey> {
  const secret = env.JWT_PRIVATE_KEYS;
  if (!secret) {
    throw new AppError(503, "unavailable", "Password-protected links are not configured here");
  }
  return derivedHmacKey(secret, "share-access-cookie v1");
}

const message = (slug: string, expiresAt: number, passwordHash: string) =>
  encoder.encode(`share-access|${slug}|${expiresAt}|${passwordHash}`);

/** A cookie value granting access to `slug` for SHARE_ACCESS_TTL_SECONDS. */
export async function signShareAccess(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
  slug: string,
  passwordHash: string,
  now = Date.now(),
): Promise<string> {
  const expiresAt = Math.floor(now / 1000) + SHARE_ACCESS_TTL_SECONDS;
  const mac = await crypto.subtle.sign(
    "HMAC",
    await accessKey(env),
    message(slug, expiresAt, passwordHash),
  );
  return `${expiresAt}.${base64UrlEncode(new Uint8Array(mac))}`;
}

/** Whether a cookie value still grants access to `slug` with its current password. */
export async function verifyShareAccess(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
  value: string | undefined,
  slug: string,
  passwordHash: string,
  now = Date.now(),
): Promise<boolean> {
  const match = value?.match(/^(\d{1,12})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  const nowSeconds = Math.floor(now / 1000);
  if (expiresAt <= nowSeconds || expiresAt > nowSeconds + SHARE_ACCESS_TTL_SECONDS) return false;
  // subtle.verify compares in constant time.
  return crypto.subtle.verify(
    "HMAC",
    await accessKey(env),
    base64UrlDecode(match[2] as string),
    message(slug, expiresAt, passwordHash),
  );
}
