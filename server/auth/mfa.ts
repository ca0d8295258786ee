import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { createDb } from "../../db/client";
import { recoveryCodes, totpFactors, users } from "../../db/schema";
import type { Env } from "../env";
import { hashToken } from "./refresh-tokens";
import { openSecret, sealSecret } from "./secret-box";

type MfaEnv = Pick<Env, "DB" | "MFA_ENCRYPTION_KEY">;

const ISSUER = "Resume Builder";
export const RECOVERY_CODE_COUNT = 10;

const totpFor = (secret: string, label: string) =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });

/** Starts (or restarts) enrolment: a new secret, unused until a first code confirms it. */
export async function beginTotpEnrolment(
  env: MfaEnv,
  user: { id: string; email: string },
  now: number,
) {
  const secret = new Secret({ size: 20 }).base32;
  await createDb(env.DB)
    .insert(totpFactors)
    .values({ userId: user.id, secretEncrypted: await sealSecret(env, secret), createdAt: now })
    .onConflictDoUpdate({
      target: totpFactors.userId,
      set: {
        secretEncrypted: await sealSecret(env, secret),
        enabledAt: null,
        lastUsedStep: null,
        createdAt: now,
      },
    });
  return { secret, otpauthUrl: totpFor(secret, user.email).toString() };
}

/**
 * The 30-second step a 6-digit code matches (one step of clock drift either way), or null.
 * A step at or before the last one used is refused, so a code seen by someone else cannot
 * be replayed. `pending` checks an unconfirmed enrolment. Changes nothing.
 */
async function matchTotp(env: MfaEnv, userId: string, code: string, pending: boolean, now: number) {
  const factor = await createDb(env.DB).query.totpFactors.findFirst({
    where: eq(totpFactors.userId, userId),
  });
  if (!factor || (factor.enabledAt === null) !== pending) return null;
  const secret = await openSecret(env, factor.secretEncrypted);
  const delta = totpFor(secret, userId).validate({
    token: code.replace(/\s/g, ""),
    timestamp: now,
    window: 1,
  });
  if (delta === null) return null;
  const step = Math.floor(now / 30_000) + delta;
  if (factor.lastUsedStep !== null && step <= factor.lastUsedStep) return null;
  return { step, secretEncrypted: factor.secretEncrypted };
}

/** Checks a code and uses up its step (compare-and-set: of two concurrent uses one passes). */
async function acceptTotp(
  env: MfaEnv,
  userId: string,
  code: string,
  pending: boolean,
  now: number,
) {
  const match = await matchTotp(env, userId, code, pending, now);
  if (!match) return false;
  const [claimed] = await createDb(env.DB)
    .update(totpFactors)
    .set({ lastUsedStep: match.step, ...(pending ? { enabledAt: now } : {}) })
    .where(
      and(
        eq(totpFactors.userId, userId),
        eq(totpFactors.secretEncrypted, match.secretEncrypted),
        // The compare-and-set: only while no check has used this step (or a later one) yet.
        or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, match.step)),
      ),
    )
    .returning({ userId: totpFactors.userId });
  return claimed !== undefined;
}

function newRecoveryCode(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/\s/g, "");

/** Replaces the user's recovery codes; the plain codes are returned once and never stored. */
export async function issueRecoveryCodes(
  env: MfaEnv,
  userId: string,
  now: number,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const db = createDb(env.DB);
  const rows = await Promise.all(
    codes.map(async (code) => ({
      id: crypto.randomUUID(),
      userId,
      codeHash: await hashToken(code),
      createdAt: now,
    })),
  );
  await db.batch([
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.insert(recoveryCodes).values(rows),
  ]);
  return codes;
}

/** Confirms enrolment with a first code: MFA is on and the recovery codes are returned. */
export async function confirmTotpEnrolment(
  env: MfaEnv,
  userId: string,
  code: string,
  now: number,
): Promise<string[] | null> {
  if (!(await acceptTotp(env, userId, code, true, now))) return null;
  await createDb(env.DB)
    .update(users)
    .set({ mfaEnabled: true, updatedAt: now })
    .where(eq(users.id, userId));
  return issueRecoveryCodes(env, userId, now);
}

const unusedRecoveryCode = async (userId: string, recoveryCode: string) =>
  and(
    eq(recoveryCodes.userId, userId),
    eq(recoveryCodes.codeHash, await hashToken(normalizeRecoveryCode(recoveryCode))),
    isNull(recoveryCodes.usedAt),
  );

/**
 * A second factor at sign-in or for a sensitive change: a TOTP code or a recovery code,
 * used up when it matches. Callers throttle it (credential-throttle.ts).
 */
export async function verifySecondFactor(
  env: MfaEnv,
  userId: string,
  input: { code?: string; recoveryCode?: string },
  now: number,
): Promise<"otp" | "recovery" | null> {
  if (input.code && (await acceptTotp(env, userId, input.code, false, now))) return "otp";
  if (input.recoveryCode) {
    const [used] = await createDb(env.DB)
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(await unusedRecoveryCode(userId, input.recoveryCode))
      .returning({ id: recoveryCodes.id });
    if (used) return "recovery";
  }
  return null;
}

/**
 * Whether a TOTP or recovery code would be accepted, without using it up: for turning MFA
 * off, which deletes them all when it succeeds, and must not burn a code when the password
 * that comes with it is wrong.
 */
export async function secondFactorMatches(
  env: MfaEnv,
  userId: string,
  input: { code?: string; recoveryCode?: string },
  now: number,
): Promise<boolean> {
  if (input.code && (await matchTotp(env, userId, input.code, false, now))) return true;
  if (!input.recoveryCode) return false;
  const row = await createDb(env.DB).query.recoveryCodes.findFirst({
    where: await unusedRecoveryCode(userId, input.recoveryCode),
  });
  return row !== undefined;
}

export async function disableMfa(env: MfaEnv, userId: string, now: number): Promise<void> {
  const db = createDb(env.DB);
  await db.batch([
    db.delete(totpFactors).where(eq(totpFactors.userId, userId)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.update(users).set({ mfaEnabled: false, updatedAt: now }).where(eq(users.id, userId)),
  ]);
}

export async function remainingRecoveryCodes(
  env: Pick<Env, "DB">,
  userId: string,
): Promise<number> {
  const rows = await createDb(env.DB)
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
