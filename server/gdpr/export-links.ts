import { signExpiring, verifyExpiring } from "../../core/security/crypto";
import type { Env } from "../env";
import { signingKey } from "../signing-keys";

/**
 * The `?token=` of a data export's download link (README "Your data"): `{exportId}.{expiry}.{mac}`,
 * an HMAC-SHA256 (the signing secret's HKDF-derived key for this purpose) over the export id
 * and the expiry, which is the export's own. It opens that one zip and nothing else; the
 * expiry is inside the MAC, so an expired link is told apart from a forged one (410, not 404).
 */
type LinkEnv = Pick<Env, "JWT_PRIVATE_KEYS">;

const linkKey = (env: LinkEnv) =>
  signingKey(env, "data-export-link v1", "Download links are not configured here");

const message = (exportId: string) => (expiresAt: number) =>
  `data-export-download|${exportId}|${expiresAt}`;

const TOKEN_PATTERN = /^(dx_[0-9a-f]{32})\.(\d{1,12}\.[A-Za-z0-9_-]{43})$/;

export async function signDataExportToken(
  env: LinkEnv,
  exportId: string,
  expiresAtMs: number,
): Promise<string> {
  const expiresAt = Math.floor(expiresAtMs / 1000);
  return `${exportId}.${await signExpiring(await linkKey(env), expiresAt, message(exportId))}`;
}

/** The export a genuine token opens and whether it has expired at `now`; null for any other. */
export async function readDataExportToken(
  env: LinkEnv,
  token: string,
  now: number,
): Promise<{ exportId: string; expired: boolean } | null> {
  const match = token.match(TOKEN_PATTERN);
  if (!match) return null;
  const exportId = match[1] as string;
  const signed = match[2] as string;
  // Checked against time zero: the MAC alone decides here, the expiry just below.
  if (!(await verifyExpiring(() => linkKey(env), signed, message(exportId), 0))) return null;
  const expiresAt = Number(signed.split(".")[0]) * 1000;
  return { exportId, expired: expiresAt <= now };
}

export const dataExportDownloadPath = (token: string) =>
  `/api/account/data-export/download?token=${encodeURIComponent(token)}`;
