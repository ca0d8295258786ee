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

const encoder = new TextEncoder();

/** Lowercase hex, two digits a byte. */
export const hexEncode = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

/** SHA-256 of a string (as UTF-8) or of bytes. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** SHA-256 as 64 lowercase hex digits. */
export const sha256Hex = async (data: string | Uint8Array): Promise<string> =>
  hexEncode(await sha256(data));

/**
 * A stable id for the one thing `key` names (an idempotency key, what makes a check unique):
 * `prefix` and 32 hex digits of its SHA-256. A retry computes the same id, so it lands on the
 * row or workflow instance the first attempt made instead of adding a second.
 */
export const stableId = async (prefix: string, key: string): Promise<string> =>
  `${prefix}${(await sha256Hex(key)).slice(0, 32)}`;

/** Compares secrets in constant time; hashing first hides the lengths too. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256(a), sha256(b)]);
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

/**
 * An HMAC-SHA256 key straight from a secret's UTF-8 bytes, for formats that define it so
 * (the local Stripe webhook secret). Keys of our own use `derivedHmacKey`.
 */
export const rawHmacKey = (secret: string): Promise<CryptoKey> =>
  crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);

/** HMAC-SHA256 of `message` under `key`, base64url (43 characters). */
export async function macOf(key: CryptoKey, message: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(message));
  return base64UrlEncode(new Uint8Array(mac));
}

/** Whether `mac` (base64url) is `message`'s under `key`; subtle.verify is constant-time. */
export const macMatches = (key: CryptoKey, mac: string, message: string): Promise<boolean> =>
  crypto.subtle.verify("HMAC", key, base64UrlDecode(mac), encoder.encode(message));

/**
 * A value that proves itself until a time: `{expiresAt}.{mac}`, the MAC over the message
 * built for that expiry (unix seconds), so the expiry cannot be changed without the key.
 */
export const signExpiring = async (
  key: CryptoKey,
  expiresAt: number,
  message: (expiresAt: number) => string,
): Promise<string> => `${expiresAt}.${await macOf(key, message(expiresAt))}`;

/**
 * Whether `token` came from `signExpiring` with this key and message and has not expired at
 * `nowSeconds`; with `maxAheadSeconds`, an expiry further ahead than a token could be issued
 * for is refused too. The key is only fetched for a well-formed, unexpired token, so junk is
 * refused even where the secret is not configured.
 */
export async function verifyExpiring(
  key: () => Promise<CryptoKey>,
  token: string | undefined,
  message: (expiresAt: number) => string,
  nowSeconds: number,
  maxAheadSeconds = Number.POSITIVE_INFINITY,
): Promise<boolean> {
  const match = token?.match(/^(\d{1,12})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  if (expiresAt <= nowSeconds || expiresAt > nowSeconds + maxAheadSeconds) return false;
  return macMatches(await key(), match[2] as string, message(expiresAt));
}
