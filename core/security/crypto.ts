/**
 * Small WebCrypto helpers shared by the Worker's security code (tokens, CSRF, secrets).
 * Pure: they run the same in workerd, browsers and Node.
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function base64UrlDecode(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

/** An unguessable token: `bytes` random bytes, base64url (32 bytes = 256 bits). */
export const randomToken = (bytes = 32): string =>
  base64UrlEncode(crypto.getRandomValues(new Uint8Array(bytes)));

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares secrets in constant time; hashing first hides the lengths too. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}

const derivedKeys = new Map<string, Promise<CryptoKey>>();

/**
 * An HMAC-SHA256 key for one purpose, derived (HKDF) from a deployment secret: each use
 * (`info`, e.g. "csrf-token v1") gets its own key, so a MAC made for one can never pass
 * as another's, and rotating the secret ends every value signed with it. Cached per
 * secret and purpose: deriving is the slow part.
 */
export function derivedHmacKey(secret: string, info: string): Promise<CryptoKey> {
  const cacheKey = `${info}\n${secret}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    const encoder = new TextEncoder();
    key = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          {
            name: "HKDF",
            hash: "SHA-256",
            salt: encoder.encode("resume-builder"),
            info: encoder.encode(info),
          },
          material,
          { name: "HMAC", hash: "SHA-256", length: 256 },
          false,
          ["sign", "verify"],
        ),
      );
    derivedKeys.set(cacheKey, key);
  }
  return key;
}
