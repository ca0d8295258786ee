// Password hashing with PBKDF2-HMAC-SHA256 through WebCrypto: native code in the Workers
// runtime, no WASM, and the only slow KDF WebCrypto offers.
//
// Stored form: `pbkdf2-sha256$<iterations>$<salt>$<hash>` (16-byte random salt, 32-byte
// derived key, both base64url without padding). The iteration count travels with the hash,
// so raising it later only needs `needsRehash` and a re-hash at the next successful login.
//
// Iterations: Cloudflare's production runtime refuses PBKDF2 above 100,000 iterations
// (NotSupportedError; cloudflare/workerd#1346). The open-source workerd behind `wrangler
// dev` and the tests has no such cap, so this module enforces it itself: hashing uses the
// cap, and a stored count above it is refused before any work, locally as in production.
// 100,000 is below OWASP's 600,000 for PBKDF2-SHA256; the password policy (length, common
// list), the lockout and the rate limits make up for part of the difference.
// Cost, measured by `npm run bench:kdf`: see bench/RESULTS.md.
//
// Passwords are NFC-normalised before hashing, as the policy counts them, so the same
// password typed on two systems that compose accents differently still matches.

const SCHEME = "pbkdf2-sha256";
/** Production's ceiling for one PBKDF2 call in Cloudflare Workers. */
export const PBKDF2_MAX_ITERATIONS = 100_000;
/** Work factor for new hashes: the highest the runtime allows. */
export const PBKDF2_ITERATIONS = PBKDF2_MAX_ITERATIONS;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Strict: only the canonical unpadded encoding of exactly `length` bytes, else null. */
function fromBase64Url(text: string, length: number): Uint8Array | null {
  if (text.length !== Math.ceil((length * 4) / 3) || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return bytes.length === length && toBase64Url(bytes) === text ? bytes : null;
}

async function derive(password: string, salt: Uint8Array, iterations: number) {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(password.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    KEY_BYTES * 8,
  );
  return new Uint8Array(bits);
}

export interface ParsedPasswordHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

/** The parts of a stored hash, or null when it is not one this module could have written. */
export function parsePasswordHash(stored: string): ParsedPasswordHash | null {
  if (typeof stored !== "string") return null;
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== SCHEME) return null;
  const [, count, saltText, hashText] = parts as [string, string, string, string];
  if (!/^[1-9][0-9]{0,8}$/.test(count)) return null;
  const iterations = Number(count);
  if (iterations > PBKDF2_MAX_ITERATIONS) return null;
  const salt = fromBase64Url(saltText, SALT_BYTES);
  const hash = fromBase64Url(hashText, KEY_BYTES);
  return salt && hash ? { iterations, salt, hash } : null;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `${SCHEME}$${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

// Fixed inputs for burnPasswordCheck: its result is thrown away, only its cost matters.
const BURN_SALT = new Uint8Array(SALT_BYTES).fill(0x5a);
const BURN_EXPECTED = new Uint8Array(KEY_BYTES);

/**
 * Checks `password` against a stored hash. Constant-time comparison; a stored value this
 * module could not have written (or above the production iteration cap) is simply not a
 * match, after the same work as a real check. `needsRehash`: the password was right but was
 * hashed with fewer iterations than new hashes get; store `hashPassword(password)` again.
 * No stored hash (an account without a password) is no match either, after the same work.
 */
export async function verifyPassword(
  password: string,
  stored: string | null,
): Promise<{ valid: boolean; needsRehash: boolean }> {
  const parsed = stored === null ? null : parsePasswordHash(stored);
  if (!parsed) {
    await burnPasswordCheck(password);
    return { valid: false, needsRehash: false };
  }
  const derived = await derive(password, parsed.salt, parsed.iterations);
  const valid = crypto.subtle.timingSafeEqual(derived, parsed.hash);
  return { valid, needsRehash: valid && parsed.iterations < PBKDF2_ITERATIONS };
}

/**
 * Spends what one verification of a current hash spends, and answers nothing. Sign-in calls
 * it for an email with no account (or no password), so the response time does not tell
 * whether an account exists.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  const derived = await derive(password, BURN_SALT, PBKDF2_ITERATIONS);
  crypto.subtle.timingSafeEqual(derived, BURN_EXPECTED);
}
