// Login protection (README "Security"): the per-account lockout and credential-stuffing signal,
// exact, from D1 (`login_attempts`). Their numbers are in the table of limits,
// server/ops/rate-limits.ts (`LOGIN_HISTORY_LIMITS`), with the request-rate limit on sign-in.
//
// Lockout: more than 5 failed sign-ins for one email within 10 minutes, with no success
// after them, locks that email until enough of those failures leave the window. A request
// refused because the account is locked should not be recorded as an attempt, or each try
// would push the unlock further away. A sign-in reserves its attempt before the slow
// password check (`reserveLoginAttempt`: recorded as a failure in the same statement that
// checks the lock), so a burst of concurrent guesses cannot all pass a count read earlier.
// All times are ms.
import { and, countDistinct, desc, eq, gt, lt, lte, sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import { loginAttempts } from "../../db/schema";
import type { Env } from "../env";
import { LOGIN_HISTORY_LIMITS } from "../ops/rate-limits";

const { lockout, credentialStuffing } = LOGIN_HISTORY_LIMITS;
/** Failures tolerated in the window; one more locks the account. */
export const LOCKOUT_MAX_FAILURES = lockout.limit;
export const LOCKOUT_WINDOW_MS = lockout.windowSeconds * 1000;
/** Failures for this many distinct emails from one address within the window: stuffing. */
export const STUFFING_DISTINCT_EMAILS = credentialStuffing.limit;
export const STUFFING_WINDOW_MS = credentialStuffing.windowSeconds * 1000;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function recordLoginAttempt(
  env: Pick<Env, "DB">,
  attempt: { email: string; ip?: string | null; succeeded: boolean; at: number },
): Promise<void> {
  await createDb(env.DB)
    .insert(loginAttempts)
    .values({
      email: normalizeEmail(attempt.email),
      ip: attempt.ip || null,
      succeeded: attempt.succeeded,
      at: attempt.at,
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
  now: number,
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
  now: number,
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

/** Deletes attempts older than `olderThan` (ms); the daily cron keeps the table small. */
export async function pruneLoginAttempts(env: Pick<Env, "DB">, olderThan: number): Promise<number> {
  const result = await createDb(env.DB)
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, olderThan))
    .run();
  return result.meta.changes ?? 0;
}
