import { derivedHmacKey } from "../core/security/crypto";
import type { Env } from "./env";
import { AppError } from "./errors";

/**
 * The HMAC key for one purpose of this deployment (CSRF tokens, share-access cookies,
 * download links), derived from the signing-key secret so that rotating `JWT_PRIVATE_KEYS`
 * ends every value signed with it. Without the secret the feature is unavailable (503),
 * worded for the feature the caller names.
 */
export function signingKey(
  env: Pick<Env, "JWT_PRIVATE_KEYS">,
  purpose: string,
  unavailableMessage: string,
): Promise<CryptoKey> {
  const secret = env.JWT_PRIVATE_KEYS;
  if (!secret) throw new AppError(503, "unavailable", unavailableMessage);
  return derivedHmacKey(secret, purpose);
}
