// The limit on guessing a password or code outside the password sign-in (README "Security"):
// step-up, changing the password, the MFA settings and the second step of an MFA sign-in.
//
// Each budget is a row in `credential_attempts` (key, window start, count). A check first
// RESERVES its attempt with one upsert — a single statement, so atomic in D1 — and is refused
// when the budget is spent; only then does the slow comparison run. A right answer gives its
// attempt back, so only wrong guesses accumulate. A KV read-then-write could not do this:
// concurrent guesses would all read the same count. The window starts at the first attempt
// and lasts `windowMs`; a refused attempt does not count. All times are ms, passed in.
// The named budgets and their numbers are in the table of limits, server/ops/rate-limits.ts.
import type { Env } from "../env";
import { tooManyRequests } from "../errors";
import { ATTEMPT_BUDGETS } from "../ops/rate-limits";

export interface AttemptBudget {
  key: string;
  /** Wrong attempts allowed in one window; the next one is refused. */
  limit: number;
  windowMs: number;
}

/** The named budget of the table for one key (an account id, a challenge id, …). */
export function attemptBudget(name: keyof typeof ATTEMPT_BUDGETS, key: string): AttemptBudget {
  const { prefix, limit, windowSeconds } = ATTEMPT_BUDGETS[name];
  return { key: `${prefix}:${key}`, limit, windowMs: windowSeconds * 1000 };
}

/**
 * One budget per account for every proof a signed-in person gives (password, app code,
 * recovery code, passkey) and for the second step of an MFA sign-in: five wrong in 15 minutes.
 * Shared, so spreading guesses over factors or endpoints gains nothing.
 */
export const USER_PROOF_LIMIT = {
  limit: ATTEMPT_BUDGETS.userProof.limit,
  windowMs: ATTEMPT_BUDGETS.userProof.windowSeconds * 1000,
};

export const userProofBudget = (userId: string): AttemptBudget =>
  attemptBudget("userProof", userId);

/** One attempt reserved on one budget, to give back if the answer was right. */
interface Held {
  key: string;
  windowStartedAt: number;
  /** Attempts in the window, this one included. */
  count: number;
}

export type Reservation =
  | { granted: true; held: Held[] }
  | { granted: false; refused: AttemptBudget; retryAfterSeconds: number };

// In DO UPDATE, bare column names are the stored row; the WHERE leaves a spent budget as it
// is, and then RETURNING gives no row.
const RESERVE = `INSERT INTO credential_attempts (key, window_started_at, count) VALUES (?1, ?2, 1)
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN window_started_at <= ?2 - ?3 THEN 1 ELSE count + 1 END,
  window_started_at = CASE WHEN window_started_at <= ?2 - ?3 THEN ?2 ELSE window_started_at END
WHERE window_started_at <= ?2 - ?3 OR count < ?4
RETURNING count, window_started_at`;

const RELEASE = `UPDATE credential_attempts SET count = count - 1
WHERE key = ?1 AND window_started_at = ?2 AND count > 0`;

const release = (env: Pick<Env, "DB">, held: Held[]) =>
  held.length === 0
    ? Promise.resolve()
    : env.DB.batch(held.map((h) => env.DB.prepare(RELEASE).bind(h.key, h.windowStartedAt))).then(
        () => undefined,
      );

/**
 * Reserves one attempt on every budget (one D1 batch). Refused when any is spent; then the
 * attempts taken on the others are given back, and `retryAfterSeconds` says when the spent
 * one's window ends.
 */
export async function reserveAttempts(
  env: Pick<Env, "DB">,
  budgets: AttemptBudget[],
  now: number,
): Promise<Reservation> {
  const results = await env.DB.batch<{ count: number; window_started_at: number }>(
    budgets.map((b) => env.DB.prepare(RESERVE).bind(b.key, now, b.windowMs, b.limit)),
  );
  const held: Held[] = [];
  let refused: AttemptBudget | undefined;
  results.forEach((result, i) => {
    const row = result.results[0];
    const budget = budgets[i] as AttemptBudget;
    if (row)
      held.push({ key: budget.key, windowStartedAt: row.window_started_at, count: row.count });
    else refused ??= budget;
  });
  if (!refused) return { granted: true, held };
  await release(env, held);
  const started = await env.DB.prepare(
    "SELECT window_started_at FROM credential_attempts WHERE key = ?1",
  )
    .bind(refused.key)
    .first<number>("window_started_at");
  const endsAt = (started ?? now) + refused.windowMs;
  return {
    granted: false,
    refused,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now) / 1000)),
  };
}

/** Gives the attempts back: the answer was right, so it does not count. */
export const releaseAttempts = (
  env: Pick<Env, "DB">,
  reservation: Extract<Reservation, { granted: true }>,
) => release(env, reservation.held);

/** Whether the reserved attempt on `budget` was its last one. */
export const spentBy = (
  reservation: Extract<Reservation, { granted: true }>,
  budget: AttemptBudget,
) => reservation.held.some((h) => h.key === budget.key && h.count >= budget.limit);

/** The 429 for a spent budget (the code every rate limit uses, with `Retry-After`). */
export function tooManyWrongAttempts(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return tooManyRequests(
    retryAfterSeconds,
    `Too many wrong attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  );
}

/**
 * Runs `check` (null = wrong) within `budgets`: 429 without running it when one is spent,
 * the attempt given back when it was right. Returns what `check` returned.
 */
export async function checkWithinBudget<T>(
  env: Pick<Env, "DB">,
  budgets: AttemptBudget[],
  now: number,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const reservation = await reserveAttempts(env, budgets, now);
  if (!reservation.granted) throw tooManyWrongAttempts(reservation.retryAfterSeconds);
  const result = await check();
  if (result !== null) await releaseAttempts(env, reservation);
  return result;
}

/**
 * Claims a single-use value (a WebAuthn challenge, an OAuth `state`) for `windowMs`: true for
 * the first claim only, however many arrive at once — a budget of one attempt. KV's
 * get-then-delete cannot promise that: concurrent callers all read the value before any
 * delete lands.
 */
export async function claimSingleUse(
  env: Pick<Env, "DB">,
  key: string,
  windowMs: number,
  now: number,
): Promise<boolean> {
  return (await reserveAttempts(env, [{ key: `once:${key}`, limit: 1, windowMs }], now)).granted;
}

/** Deletes budgets whose window started before `olderThan` (ms); the daily cron runs it. */
export async function pruneCredentialAttempts(
  env: Pick<Env, "DB">,
  olderThan: number,
): Promise<number> {
  const result = await env.DB.prepare(
    "DELETE FROM credential_attempts WHERE window_started_at < ?1",
  )
    .bind(olderThan)
    .run();
  return result.meta.changes ?? 0;
}
