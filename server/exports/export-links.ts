import { signExpiring, verifyExpiring } from "../../core/security/crypto";
import type { Env } from "../env";
import { signingKey } from "../signing-keys";

/**
 * The `?token=` of an emailed download link: `{expiry}.{mac}`, an HMAC-SHA256 over the job
 * id and the expiry with a key derived (HKDF) from the deployment's signing secret. It opens
 * that one export until it expires and nothing else; rotating the signing keys ends every
 * outstanding link.
 */
export const DOWNLOAD_LINK_TTL_SECONDS = 24 * 60 * 60;

type LinkEnv = Pick<Env, "JWT_PRIVATE_KEYS">;

const linkKey = (env: LinkEnv) =>
  signingKey(env, "export-download-link v1", "Download links are not configured here");

const message = (jobId: string) => (expiresAt: number) => `export-download|${jobId}|${expiresAt}`;

export async function signDownloadToken(
  env: LinkEnv,
  jobId: string,
  now: number,
  ttlSeconds = DOWNLOAD_LINK_TTL_SECONDS,
): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  return { token: await signExpiring(await linkKey(env), expiresAt, message(jobId)), expiresAt };
}

/** Whether `token` opens `jobId` now. */
export function verifyDownloadToken(
  env: LinkEnv,
  token: string,
  jobId: string,
  now: number,
): Promise<boolean> {
  return verifyExpiring(() => linkKey(env), token, message(jobId), Math.floor(now / 1000));
}
