import { signExpiring, verifyExpiring } from "../../core/security/crypto";
import type { Env } from "../../server/env";
import { signingKey } from "../../server/signing-keys";

/**
 * The cookie that proves someone typed a share link's password: `{expiry}.{mac}`, an
 * HMAC-SHA256 over the slug, the expiry and the link's current password hash. The key is
 * derived (HKDF) from the deployment's signing-key secret, so nobody can mint one; the slug
 * in the MAC makes it useless for any other link, and the password hash in it makes every
 * cookie stop working the moment the owner changes or removes the password.
 */
export const SHARE_ACCESS_COOKIE = "rb_share";
export const SHARE_ACCESS_TTL_SECONDS = 12 * 60 * 60;

const accessKey = (env: Pick<Env, "JWT_PRIVATE_KEYS">) =>
  signingKey(env, "share-access-cookie v1", "Password-protected links are not configured here");

const message = (slug: string, passwordHash: string) => (expiresAt: number) =>
  `share-access|${slug}|${expiresAt}|${passwordHash}`;

/** A cookie value granting access to `slug` for SHARE_ACCESS_TTL_SECONDS. */
export async function signShareAccess(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
  slug: string,
  passwordHash: string,
  now: number,
): Promise<string> {
  const expiresAt = Math.floor(now / 1000) + SHARE_ACCESS_TTL_SECONDS;
  return signExpiring(await accessKey(env), expiresAt, message(slug, passwordHash));
}

/** Whether a cookie value still grants access to `slug` with its current password. */
export function verifyShareAccess(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
  value: string | undefined,
  slug: string,
  passwordHash: string,
  now: number,
): Promise<boolean> {
  return verifyExpiring(
    () => accessKey(env),
    value,
    message(slug, passwordHash),
    Math.floor(now / 1000),
    SHARE_ACCESS_TTL_SECONDS,
  );
}
