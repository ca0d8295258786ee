// Passkeys (WebAuthn, README "Passkeys"): registration and assertions through @simplewebauthn/server.
// Every ceremony starts with a challenge kept in KV for 5 minutes under `webauthn:{id}`;
// verifying takes it out first, so a response can be checked once, whatever the outcome.
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import { and, asc, count, eq } from "drizzle-orm";
import { deviceLabel } from "../../core/auth/device-label";
import type { StepUpMethod } from "../../core/auth/step-up";
import type { Passkey } from "../../core/contract/passkeys";
import { createDb } from "../../db/client";
import { type PasskeyRow, passkeys } from "../../db/schema";
import { devToolsEnabled } from "../dev-tools";
import type { Env } from "../env";
import { AppError, conflict, notFound } from "../errors";
import { claimSingleUse } from "./credential-throttle";
import { alertAccount } from "./security-emails";
import { mfaChallengeUserId } from "./sign-in";

type PasskeyEnv = Pick<Env, "DB" | "SESSIONS">;

export const RP_NAME = "Resume Builder";
const CHALLENGE_TTL_SECONDS = 300;
/** Enough for every device someone owns; a bound keeps the allow-list and the page small. */
export const MAX_PASSKEYS_PER_USER = 20;

/** The site a ceremony is bound to: the browser signs its origin, the authenticator its rpID. */
export interface RelyingParty {
  id: string;
  origin: string;
}

/**
 * The public origin (JWT_ISSUER) and its hostname. Browsers refuse an IP address as rpID,
 * and local servers answer on 127.0.0.1, so locally (and in tests) the same port on
 * `localhost` is accepted too, when the request comes from exactly that origin.
 */
export function relyingPartyFor(
  env: Pick<Env, "JWT_ISSUER" | "ENVIRONMENT">,
  requestOrigin: string | undefined,
): RelyingParty {
  const publicOrigin = new URL(env.JWT_ISSUER);
  if (devToolsEnabled(env) && requestOrigin) {
    const localhost = `${publicOrigin.protocol}//localhost${publicOrigin.port ? `:${publicOrigin.port}` : ""}`;
    if (requestOrigin === localhost) return { id: "localhost", origin: localhost };
  }
  return { id: publicOrigin.hostname, origin: publicOrigin.origin };
}

export type CeremonyScope =
  | { kind: "register"; userId: string }
  | { kind: "login" }
  | { kind: "mfa"; userId: string; mfaToken: string }
  | { kind: "step-up"; userId: string };

type Ceremony = CeremonyScope & { challenge: string; rp: RelyingParty };

const challengeKey = (id: string) => `webauthn:${id}`;

async function storeCeremony(env: PasskeyEnv, ceremony: Ceremony): Promise<string> {
  const id = crypto.randomUUID();
  await env.SESSIONS.put(challengeKey(id), JSON.stringify(ceremony), {
    expirationTtl: CHALLENGE_TTL_SECONDS,
  });
  return id;
}

/**
 * The ceremony, claimed so it cannot be answered twice, even by concurrent requests; null
 * when unknown, expired or already taken.
 */
async function takeCeremony(env: PasskeyEnv, id: string, now: number): Promise<Ceremony | null> {
  const ceremony = await env.SESSIONS.get<Ceremony>(challengeKey(id), "json");
  if (!ceremony) return null;
  const ttlMs = CHALLENGE_TTL_SECONDS * 1000;
  if (!(await claimSingleUse(env, challengeKey(id), ttlMs, now))) return null;
  await env.SESSIONS.delete(challengeKey(id));
  return ceremony;
}

/** What the API shows of a passkey (the wire contract's `Passkey`): never the key itself. */
export const toPasskeyView = (row: PasskeyRow): Passkey => ({
  id: row.id,
  name: row.name,
  created_at: new Date(row.createdAt).toISOString(),
  last_used_at: row.lastUsedAt === null ? null : new Date(row.lastUsedAt).toISOString(),
  backed_up: row.backedUp,
  device_type: row.deviceType,
});

const passkeysOf = (env: PasskeyEnv, userId: string) =>
  createDb(env.DB)
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));

export const listPasskeys = async (env: PasskeyEnv, userId: string) =>
  (await passkeysOf(env, userId)).map(toPasskeyView);

export async function hasPasskeys(env: PasskeyEnv, userId: string): Promise<boolean> {
  const [row] = await createDb(env.DB)
    .select({ value: count() })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
  return (row?.value ?? 0) > 0;
}

/** What can answer an MFA sign-in challenge: the TOTP factor, and passkeys where there are any. */
export async function secondFactorMethods(env: Env, mfaToken: string): Promise<StepUpMethod[]> {
  const methods: StepUpMethod[] = ["totp", "recovery_code"];
  if (await hasPasskeys(env, await mfaChallengeUserId(env, mfaToken))) methods.push("passkey");
  return methods;
}

const transportsOf = (row: PasskeyRow): string[] | undefined => {
  if (!row.transports) return undefined;
  const parsed: unknown = JSON.parse(row.transports);
  return Array.isArray(parsed) ? parsed.filter((t) => typeof t === "string") : undefined;
};

const descriptorOf = (row: PasskeyRow) => ({ id: row.id, transports: transportsOf(row) });

/** Options for navigator.credentials.create(); the user's passkeys are excluded. */
export async function registrationOptions(
  env: PasskeyEnv,
  user: { id: string; email: string; name: string },
  rp: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const existing = await passkeysOf(env, user.id);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw conflict(`You can have up to ${MAX_PASSKEYS_PER_USER} passkeys. Remove one first.`);
  }
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name || user.email,
    // The account id, not a random handle: registering on the same authenticator again then
    // replaces its passkey for this account instead of piling up copies.
    userID: isoUint8Array.fromUTF8String(user.id),
    attestationType: "none",
    excludeCredentials: existing.map(descriptorOf),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    timeout: CHALLENGE_TTL_SECONDS * 1000,
  });
  const challengeId = await storeCeremony(env, {
    kind: "register",
    userId: user.id,
    challenge: options.challenge,
    rp,
  });
  return { challengeId, options };
}

const notVerified = () =>
  new AppError(
    400,
    "validation_failed",
    "The passkey could not be verified. Start again and add it once more.",
  );

const defaultName = (userAgent: string | null) => {
  const device = deviceLabel(userAgent);
  return device === "Unknown device" ? "Passkey" : `Passkey on ${device}`;
};

/** Checks an attestation for the user's registration challenge and stores the passkey. */
export async function registerPasskey(
  env: PasskeyEnv & Pick<Env, "CACHE" | "EMAIL" | "EMAIL_FROM" | "JWT_ISSUER">,
  userId: string,
  input: { challengeId: string; response: RegistrationResponseJSON; name?: string },
  userAgent: string | null,
  now: number,
): Promise<Passkey> {
  const ceremony = await takeCeremony(env, input.challengeId, now);
  if (ceremony?.kind !== "register" || ceremony.userId !== userId) throw notVerified();
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: ceremony.challenge,
    expectedOrigin: ceremony.rp.origin,
    expectedRPID: ceremony.rp.id,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw notVerified();
  const info = verification.registrationInfo;
  const [row] = await createDb(env.DB)
    .insert(passkeys)
    .values({
      id: info.credential.id,
      userId,
      publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
      counter: info.credential.counter,
      transports: JSON.stringify(input.response.response.transports ?? []),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: input.name ?? defaultName(userAgent),
      createdAt: now,
    })
    .onConflictDoNothing({ target: passkeys.id })
    .returning();
  if (!row) throw conflict("This passkey is already registered.");
  await alertAccount(
    env,
    userId,
    { kind: "passkey_added", detail: row.name, occasion: row.id },
    now,
  );
  return toPasskeyView(row);
}

export async function renamePasskey(
  env: PasskeyEnv,
  userId: string,
  id: string,
  name: string,
): Promise<Passkey> {
  const [row] = await createDb(env.DB)
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  if (!row) throw notFound("Passkey");
  return toPasskeyView(row);
}

export async function deletePasskey(env: PasskeyEnv, userId: string, id: string): Promise<void> {
  const [row] = await createDb(env.DB)
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  if (!row) throw notFound("Passkey");
}

/**
 * Options for navigator.credentials.get(). A passwordless sign-in names no credentials
 * (the authenticator offers its discoverable ones); the other ceremonies are for one
 * account and list its passkeys.
 */
export async function authenticationOptions(
  env: PasskeyEnv,
  scope: Exclude<CeremonyScope, { kind: "register" }>,
  rp: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const allowed = scope.kind === "login" ? [] : await passkeysOf(env, scope.userId);
  if (scope.kind !== "login" && allowed.length === 0) {
    throw new AppError(400, "validation_failed", "This account has no passkeys.");
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allowed.map(descriptorOf),
    userVerification: "required",
    timeout: CHALLENGE_TTL_SECONDS * 1000,
  });
  const challengeId = await storeCeremony(env, { ...scope, challenge: options.challenge, rp });
  return { challengeId, options };
}

export type AssertionResult =
  | { ok: true; userId: string; passkeyId: string; ceremony: Ceremony }
  /** `userId` when the passkey is known but its proof failed (for the sign-in record). */
  | { ok: false; userId?: string };

/**
 * Checks an assertion against the challenge it answers: the signature with the stored
 * public key, origin and rpID, user verification, and that the signature counter moved
 * forward (a counter that goes back means a cloned authenticator). The ceremony must be
 * of `kind`, and for one-account ceremonies the passkey must be that account's.
 */
export async function verifyAssertion(
  env: PasskeyEnv,
  input: { challengeId: string; response: AuthenticationResponseJSON },
  kind: Exclude<CeremonyScope["kind"], "register">,
  now: number,
): Promise<AssertionResult> {
  const ceremony = await takeCeremony(env, input.challengeId, now);
  if (ceremony?.kind !== kind) return { ok: false };
  const db = createDb(env.DB);
  const row = await db.query.passkeys.findFirst({ where: eq(passkeys.id, input.response.id) });
  if (!row) return { ok: false };
  if ("userId" in ceremony && ceremony.userId !== row.userId) return { ok: false };
  // A discoverable credential reports the account it was made for; it must be this one.
  const handle = input.response.response.userHandle;
  if (handle && isoBase64URL.toUTF8String(handle) !== row.userId)
    return { ok: false, userId: row.userId };
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: ceremony.challenge,
    expectedOrigin: ceremony.rp.origin,
    expectedRPID: ceremony.rp.id,
    credential: {
      id: row.id,
      publicKey: isoBase64URL.toBuffer(row.publicKey),
      counter: row.counter,
      transports: transportsOf(row),
    },
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) return { ok: false, userId: row.userId };
  const info = verification.authenticationInfo;
  // Compare-and-set on the counter: of two concurrent uses of one counter value only one
  // may pass, the same rule the library applies to stored values.
  const counterStill = info.newCounter === 0 ? undefined : eq(passkeys.counter, row.counter);
  const [updated] = await db
    .update(passkeys)
    .set({
      counter: info.newCounter,
      backedUp: info.credentialBackedUp,
      lastUsedAt: now,
    })
    .where(and(eq(passkeys.id, row.id), counterStill))
    .returning({ id: passkeys.id });
  if (!updated) return { ok: false, userId: row.userId };
  return { ok: true, userId: row.userId, passkeyId: row.id, ceremony };
}
