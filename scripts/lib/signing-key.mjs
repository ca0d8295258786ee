// ES256 signing keys for access tokens, as private JWKs with a key id. Used for the local
// .dev.vars, the test configuration and `npm run keys:generate` (production rotation).
import { generateKeyPairSync, randomBytes } from "node:crypto";

export function generateSigningKey() {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  const kid = `${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`;
  return { ...jwk, kid, alg: "ES256", use: "sig" };
}

/** Prepends a new key: it signs from now on, the older ones still verify until removed. */
export function rotateKeys(existingJson, keep = 2) {
  const existing = existingJson ? JSON.parse(existingJson) : [];
  return JSON.stringify([generateSigningKey(), ...existing].slice(0, keep));
}
