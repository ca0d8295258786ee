import { base64UrlDecode, base64UrlEncode } from "../../core/security/crypto";
import type { Env } from "../env";
import { AppError } from "../errors";

/**
 * AES-256-GCM for small secrets at rest (TOTP seeds). The key is the Worker secret
 * MFA_ENCRYPTION_KEY (32 random bytes, base64url); a D1 leak alone reveals no seed.
 */
const keys = new Map<string, Promise<CryptoKey>>();

function keyFrom(env: Pick<Env, "MFA_ENCRYPTION_KEY">): Promise<CryptoKey> {
  const raw = env.MFA_ENCRYPTION_KEY;
  if (!raw)
    throw new AppError(
      503,
      "unavailable",
      "Two-factor authentication is not configured on this server",
    );
  let key = keys.get(raw);
  if (!key) {
    const bytes = base64UrlDecode(raw);
    if (bytes.length !== 32)
      throw new AppError(503, "unavailable", "MFA_ENCRYPTION_KEY must be 32 bytes");
    key = crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(raw, key);
  }
  return key;
}

export async function sealSecret(
  env: Pick<Env, "MFA_ENCRYPTION_KEY">,
  plaintext: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await keyFrom(env),
    new TextEncoder().encode(plaintext),
  );
  return `v1.${base64UrlEncode(iv)}.${base64UrlEncode(new Uint8Array(sealed))}`;
}

export async function openSecret(
  env: Pick<Env, "MFA_ENCRYPTION_KEY">,
  sealed: string,
): Promise<string> {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unknown sealed-secret format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: base64UrlDecode(iv) },
    await keyFrom(env),
    base64UrlDecode(data),
  );
  return new TextDecoder().decode(plain);
}
