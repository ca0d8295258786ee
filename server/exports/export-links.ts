import { base64UrlDecode, base64UrlEncode, derivedHmacKey } from "../../core/security/crypto";
import type { Env } from "../env";
import { AppError } from "../errors";

/**
 * The `?token=` of an emailed download link: `{expiry}.{mac}`, an HMAC-SHA256 over the job
 * id and the expiry with a key derived (HKDF) from the deployment's signing secret. It opens
 * that one export until it expires and nothing else; rotating the signing keys ends every
 * outstanding link.
 */
export const DOWNLOAD_LINK_TTL_SECONDS = 24 * 60 * 60;

type LinkEnv = Pick<Env, "JWT_PRIVATE_KEYS">;

const encoder = new TextEncoder();

function linkKey(env: LinkEnv): Promise<CryptoKey> {
  const secret = env.JWT_PRIVATE_KEYS;
  if (!secret) throw new AppError(503, "unavailable", "Download links are not configured here");
  return derivedHmacKey(secret, "export-download-link v1");
}

const message = (jobId: string, expiresAt: number) =>
  encoder.encode(`export-download|${jobId}|${expiresAt}`);

export async function signDownloadToken(
  env: LinkEnv,
  jobId: string,
  now = Date.now(),
  ttlSeconds = DOWNLOAD_LINK_TTL_SECONDS,
): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  const mac = await crypto.subtle.sign("HMAC", await linkKey(env), message(jobId, expiresAt));
  return { token: `${expiresAt}.${base64UrlEncode(new Uint8Array(mac))}`, expiresAt };
}

/** Whether `token` opens `jobId` now; subtle.verify compares in constant time. */
export async function verifyDownloadToken(
  env: LinkEnv,
  token: string,
  jobId: string,
  now = Date.now(),
): Promise<boolean> {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  if (expiresAt <= Math.floor(now / 1000)) return false;
  return crypto.subtle.verify(
    "HMAC",
    await linkKey(env),
    base64UrlDecode(match[2] ?? ""),
    message(jobId, expiresAt),
  );
}
