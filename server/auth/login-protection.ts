// Login protection (README "Security"): the per-account lockout and credential-stuffing signal,
// exact, from D1 (`login_attempts`); and request-rate limits, approximate, from KV.
//
// Lockout: more than 5 failed sign-ins for one email within 10 minutes, with no success
// after them, locks that email until enough of those failures leave the window. A request
// refused because the account is locked should not be recorded as an attempt, or each try
// would push the unlock further away. A sign-in reserves its attempt before the slow
// password check (`reserveLoginAttempt`: recorded as a failure in the same statement that
// checks the lock), so a burst of concurrent guesses cannot all pass a count read earlier.
//
// Rate limits: a fixed-window counter per key in KV (`rl:{key}:{window}`). KV is eventually
// consistent (a write can take up to a minute to be seen from other locations), so two
// requests in different places may both pass the last slot: the limit is approximate, which
// is fine for throttling abuse; the exact guarantee is the lockout in D1. All times are ms.
import { and, countDistinct, desc, eq, gt, lt, lte, sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import { loginAttempts } from "../../db/schema";
import type { Env } from "../env";

/** Failures tolerated in the window; one more locks the account. */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 10 * 60_000;
/** Failures for this many distinct emails from one address within the window: stuffing. */
export const STUFFING_DISTINCT_EMAILS = 10;
export const STUFFING_WINDOW_MS = 10 * 60_000;
/** KV refuses expirations closer than 60 s. */
const KV_MIN_TTL_SECONDS = 60;
/** KV keys are at most 512 bytes; longer rate-limit keys are hashed. */
const MAX_PLAIN_KEY_BYTES = 400;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function recordLoginAttempt(
  env: Pick<Env, "DB">,
  attempt: { email: string; ip?: string | null; succeeded: boolean; at?: number },
): Promise<void> {
  await createDb(env.DB)
    .insert(loginAttempts)
    .values({
      email: normalizeEmail(attempt.email),
      ip: attempt.ip || null,
      succeeded: attempt.succeeded,
      at: attempt.at ?? Date.now(),
    });
}

/**
 * Reserves a sign-in attempt at `at`: records it as a failure unless the account is locked
 * (the rule of `lockoutStatus`), in one statement, hence atomic in D1. Unlike that read, it
 * also counts attempts stamped a little after `at`: a concurrent request whose clock read
 * came later may have been recorded first. Returns the attempt's
 * id, to mark it succeeded once the password matched, or null when the account is locked.
 */
export async function reserveLoginAttempt(
  env: Pick<Env, "DB">,
  attempt: { email: string; ip?: string | null; at: number },
): Promise<number | null> {
  const windowStart = attempt.at - LOCKOUT_WINDOW_MS;
  const row = await env.DB.prepare(
    `INSERT INTO login_attempts (email, ip, succeeded, at)
SELECT ?1, ?2, 0, ?3
WHERE (SELECT count(*) FROM login_attempts
  WHERE email = ?1 AND succeeded = 0 AND at > ?4
    AND at > coalesce((SELECT max(at) FROM login_attempts
      WHERE email = ?1 AND succeeded = 1 AND at > ?4), ?4)) <= ?5
RETURNING id`,
  )
    .bind(
      normalizeEmail(attempt.email),
      attempt.ip || null,
      attempt.at,
      windowStart,
      LOCKOUT_MAX_FAILURES,
    )
    .first<number>("id");
  return row ?? null;
}

/** The reserved attempt turned out right: it is a success, and resets the count. */
export async function markLoginSucceeded(env: Pick<Env, "DB">, attemptId: number): Promise<void> {
  await createDb(env.DB)
    .update(loginAttempts)
    .set({ succeeded: true })
    .where(eq(loginAttempts.id, attemptId));
}

/**
 * Whether sign-in for `email` is locked at `now`, and for how long. Locked when more than
 * LOCKOUT_MAX_FAILURES failures lie in the window after the last success; the lock lifts
 * when the count drops back to LOCKOUT_MAX_FAILURES, i.e. when the sixth most recent failure
 * leaves the window (with exactly six failures: the oldest one).
 */
export async function lockoutStatus(
  env: Pick<Env, "DB">,
  email: string,
  now = Date.now(),
): Promise<{ locked: boolean; retryAfterSeconds: number }> {
  const address = normalizeEmail(email);
  const windowStart = now - LOCKOUT_WINDOW_MS;
  const inWindow = (succeeded: boolean) =>
    and(
      eq(loginAttempts.email, address),
      eq(loginAttempts.succeeded, succeeded),
      gt(loginAttempts.at, windowStart),
      lte(loginAttempts.at, now),
    );
  const lastSuccess = sql`coalesce((select max(${loginAttempts.at}) from ${loginAttempts} where ${inWindow(true)}), ${windowStart})`;
  const failures = await createDb(env.DB)
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(inWindow(false), gt(loginAttempts.at, lastSuccess)))
    .orderBy(desc(loginAttempts.at))
    .limit(LOCKOUT_MAX_FAILURES + 1);
  const decisive = failures[LOCKOUT_MAX_FAILURES];
  if (!decisive) return { locked: false, retryAfterSeconds: 0 };
  const unlockAt = decisive.at + LOCKOUT_WINDOW_MS;
  return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil((unlockAt - now) / 1000)) };
}

/**
 * Credential stuffing, many accounts from one source: failed sign-ins for at
 * least STUFFING_DISTINCT_EMAILS different emails from `ip` within the window.
 */
export async function suspectedCredentialStuffing(
  env: Pick<Env, "DB">,
  ip: string,
  now = Date.now(),
): Promise<boolean> {
  if (!ip) return false;
  const [row] = await createDb(env.DB)
    .select({ emails: countDistinct(loginAttempts.email) })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, ip),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, now - STUFFING_WINDOW_MS),
        lte(loginAttempts.at, now),
      ),
    );
  return (row?.emails ?? 0) >= STUFFING_DISTINCT_EMAILS;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Requests still allowed in this window after this one. */
  remaining: number;
  /** When refused: seconds until the next window opens (at least 1); otherwise 0. */
  retryAfterSeconds: number;
}

async function kvKeyPart(key: string): Promise<string> {
  const bytes = new TextEncoder().encode(key);
  if (bytes.length <= MAX_PLAIN_KEY_BYTES) return key;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Counts one request against `key` in the current fixed window of `windowSeconds` and says
 * whether it may proceed. At most `limit` requests per window pass; a refused request does
 * not count. Approximate under concurrency (see the top of this file).
 */
export async function rateLimit(
  env: Pick<Env, "RATE_LIMITS">,
  key: string,
  options: { limit: number; windowSeconds: number },
  now = Date.now(),
): Promise<RateLimitResult> {
  const { limit, windowSeconds } = options;
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    !Number.isInteger(windowSeconds) ||
    windowSeconds < 1
  ) {
    throw new RangeError(`rateLimit: limit and windowSeconds must be positive integers`);
  }
  const windowMs = windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  const secondsLeft = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
  const kvKey = `rl:${await kvKeyPart(key)}:${window}`;
  const count = Number(await env.RATE_LIMITS.get(kvKey)) || 0;
  if (count >= limit) return { allowed: false, remaining: 0, retryAfterSeconds: secondsLeft };
  await env.RATE_LIMITS.put(kvKey, String(count + 1), {
    expirationTtl: Math.max(KV_MIN_TTL_SECONDS, secondsLeft + 1),
  });
  return { allowed: true, remaining: limit - count - 1, retryAfterSeconds: 0 };
}

/** Deletes attempts older than `olderThan` (ms); the daily cron keeps the table small. */
export async function pruneLoginAttempts(env: Pick<Env, "DB">, olderThan: number): Promise<number> {
  const result = await createDb(env.DB)
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, olderThan))
    .run();
  return result.meta.changes ?? 0;
}
