import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  LOCKOUT_WINDOW_MS,
  lockoutStatus,
  markLoginSucceeded,
  pruneLoginAttempts,
  recordLoginAttempt,
  reserveLoginAttempt,
  STUFFING_WINDOW_MS,
  suspectedCredentialStuffing,
} from "../../server/auth/login-protection";
import { tooManyRequests } from "../../server/errors";
import { rateLimit } from "../../server/ops/rate-limits";
import { PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, countRows, uniqueId } from "./helpers";

const MINUTE = 60_000;
/** A fixed clock, far from real time, so each test's window holds only its own rows. */
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const email = () => `${uniqueId("lock")}@example.test`;
/** A source address of its own for each use (storage is shared by the tests of this file). */
const ip = () => `2001:db8::${uniqueId("ip")}`;

async function fail(address: string, at: number, from = "198.51.100.7") {
  await recordLoginAttempt(env, { email: address, ip: from, succeeded: false, at });
}

describe("recordLoginAttempt", () => {
  it("stores the normalised email, the address and the time", async () => {
    const address = email();
    await recordLoginAttempt(env, {
      email: `  ${address.toUpperCase()} `,
      ip: "198.51.100.1",
      succeeded: true,
      at: T0,
    });
    await recordLoginAttempt(env, { email: address, ip: null, succeeded: false, at: T0 + 1 });
    const { results } = await env.DB.prepare(
      "SELECT email, ip, succeeded, at FROM login_attempts WHERE email = ? ORDER BY id",
    )
      .bind(address)
      .all<{ email: string; ip: string | null; succeeded: number; at: number }>();
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({ email: address, ip: "198.51.100.1", succeeded: 1, at: T0 });
    expect(results[1]).toEqual({ email: address, ip: null, succeeded: 0, at: T0 + 1 });
  });
});

describe("lockoutStatus", () => {
  it("does not lock after 5 failures in 10 minutes, locks on the 6th", async () => {
    const address = email();
    for (let i = 0; i < 5; i++) await fail(address, T0 + i * MINUTE);
    const now = T0 + 5 * MINUTE;
    expect(await lockoutStatus(env, address, now)).toEqual({ locked: false, retryAfterSeconds: 0 });
    await fail(address, now);
    // The oldest failure (T0) leaves the window at T0 + 10 min: 5 minutes from now.
    expect(await lockoutStatus(env, address, now)).toEqual({
      locked: true,
      retryAfterSeconds: 300,
    });
    expect(await lockoutStatus(env, address.toUpperCase(), now + 1_500)).toEqual({
      locked: true,
      retryAfterSeconds: 299,
    });
  });

  it("unlocks once the counted failure leaves the window (clock moved via `now`)", async () => {
    const address = email();
    for (let i = 0; i < 6; i++) await fail(address, T0 + i * 1000);
    const unlockAt = T0 + LOCKOUT_WINDOW_MS;
    expect(await lockoutStatus(env, address, T0 + 6000)).toEqual({
      locked: true,
      retryAfterSeconds: 594,
    });
    expect(await lockoutStatus(env, address, unlockAt - 1)).toEqual({
      locked: true,
      retryAfterSeconds: 1,
    });
    expect(await lockoutStatus(env, address, unlockAt)).toEqual({
      locked: false,
      retryAfterSeconds: 0,
    });
    // Failures more than 10 minutes apart never add up to a lock.
    const spread = email();
    for (let i = 0; i < 8; i++) await fail(spread, T0 + i * 3 * MINUTE);
    expect((await lockoutStatus(env, spread, T0 + 21 * MINUTE)).locked).toBe(false);
  });

  it("with more than six failures, waits until only five remain in the window", async () => {
    const address = email();
    for (let i = 0; i < 8; i++) await fail(address, T0 + i * MINUTE);
    const now = T0 + 8 * MINUTE;
    // Failures at 0..7 min; the lock lifts when the one at 2 min leaves: at 12 min.
    expect(await lockoutStatus(env, address, now)).toEqual({
      locked: true,
      retryAfterSeconds: 240,
    });
    expect((await lockoutStatus(env, address, T0 + 12 * MINUTE - 1)).locked).toBe(true);
    expect((await lockoutStatus(env, address, T0 + 12 * MINUTE)).locked).toBe(false);
  });

  it("a success resets the count: only failures after it are counted", async () => {
    const address = email();
    for (let i = 0; i < 6; i++) await fail(address, T0 + i * 1000);
    expect((await lockoutStatus(env, address, T0 + 10_000)).locked).toBe(true);
    await recordLoginAttempt(env, {
      email: address,
      ip: "198.51.100.7",
      succeeded: true,
      at: T0 + 10_000,
    });
    expect(await lockoutStatus(env, address, T0 + 10_000)).toEqual({
      locked: false,
      retryAfterSeconds: 0,
    });
    for (let i = 1; i <= 5; i++) await fail(address, T0 + 10_000 + i * 1000);
    expect((await lockoutStatus(env, address, T0 + 20_000)).locked).toBe(false);
    await fail(address, T0 + 20_000);
    expect(await lockoutStatus(env, address, T0 + 20_000)).toEqual({
      locked: true,
      retryAfterSeconds: 591,
    });
  });

  it("ignores attempts recorded after `now` (a success in the future does not reset today)", async () => {
    const address = email();
    for (let i = 0; i < 6; i++) await fail(address, T0 + i * 1000);
    await recordLoginAttempt(env, { email: address, succeeded: true, at: T0 + MINUTE });
    expect((await lockoutStatus(env, address, T0 + 30_000)).locked).toBe(true);
    expect((await lockoutStatus(env, address, T0 + MINUTE)).locked).toBe(false);
  });

  it("keeps accounts apart: one email's failures never lock another", async () => {
    const attacked = email();
    const neighbour = email();
    for (let i = 0; i < 10; i++) await fail(attacked, T0 + i * 1000);
    await fail(neighbour, T0 + 1000);
    expect((await lockoutStatus(env, attacked, T0 + 20_000)).locked).toBe(true);
    expect(await lockoutStatus(env, neighbour, T0 + 20_000)).toEqual({
      locked: false,
      retryAfterSeconds: 0,
    });
  });
});

describe("reserveLoginAttempt", () => {
  it("records the attempt as a failure unless locked, by the rule of lockoutStatus", async () => {
    const address = email();
    const ids: (number | null)[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await reserveLoginAttempt(env, { email: address, ip: "198.51.100.9", at: T0 + i }));
    }
    // five failures leave it open, so the sixth attempt is still checked; then it is locked
    expect(ids.slice(0, 6).every((id) => typeof id === "number")).toBe(true);
    expect(ids[6]).toBeNull();
    expect(await lockoutStatus(env, address, T0 + 6)).toMatchObject({ locked: true });
    expect(
      await countRows("SELECT count(*) AS n FROM login_attempts WHERE email = ?", address),
    ).toBe(6);
    // the lock lifts when the oldest failure leaves the window
    expect(
      await reserveLoginAttempt(env, { email: address, at: T0 + LOCKOUT_WINDOW_MS }),
    ).not.toBeNull();
  });

  it("a reserved attempt marked succeeded resets the count", async () => {
    const address = email();
    for (let i = 0; i < 5; i++) await fail(address, T0 + i);
    const right = await reserveLoginAttempt(env, { email: address, at: T0 + 10 });
    await markLoginSucceeded(env, right!);
    expect(await lockoutStatus(env, address, T0 + 11)).toEqual({
      locked: false,
      retryAfterSeconds: 0,
    });
    for (let i = 0; i < 6; i++) {
      expect(await reserveLoginAttempt(env, { email: address, at: T0 + 20 + i })).not.toBeNull();
    }
    expect(await reserveLoginAttempt(env, { email: address, at: T0 + 30 })).toBeNull();
  });

  it("cannot be raced: of 24 concurrent reservations six are granted", async () => {
    const address = email();
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        reserveLoginAttempt(env, { email: address, at: T0 + i }),
      ),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(6);
  });
});

describe("sign-in lockout under a burst of guesses", () => {
  const login = (address: string, password: string) =>
    api("/api/auth/login", postJson({ email: address, password }));
  const attemptsOf = (address: string) =>
    countRows("SELECT count(*) AS n FROM login_attempts WHERE email = ?", address);

  it("checks at most six of 24 concurrent wrong passwords, then refuses the right one", async () => {
    const person = await signedInPerson();
    const before = await attemptsOf(person.email);
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) => login(person.email, `wrong password number ${i}`)),
    );
    expect((await attemptsOf(person.email)) - before).toBe(6);
    // Six are checked; a checked one answers 429 too when the failures of the others have
    // locked the account by the time it is done, so how many say 401 depends on timing —
    // never more than five.
    const wrong = burst.filter((r) => r.status === 401);
    expect(wrong.length).toBeLessThanOrEqual(5);
    const locked = burst.filter((r) => r.status === 429);
    expect(locked).toHaveLength(24 - wrong.length);
    for (const r of locked) expect(r.body.error.code).toBe("account_locked");
    const right = await login(person.email, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe("account_locked");
    expect(Number(right.response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("after five failures, checks one of a burst at most, the right password among them", async () => {
    const person = await signedInPerson();
    for (let i = 0; i < 5; i++)
      expect((await login(person.email, `wrong ${i} again`)).status).toBe(401);
    const before = await attemptsOf(person.email);
    const burst = await Promise.all([
      ...Array.from({ length: 23 }, (_, i) => login(person.email, `another wrong one ${i}`)),
      login(person.email, PASSWORD),
    ]);
    expect((await attemptsOf(person.email)) - before).toBe(1);
    // the one checked, if wrong, is the sixth failure and locks too; if right, it signs in
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(23);
    for (const r of burst) expect([200, 429]).toContain(r.status);
  });
});

describe("suspectedCredentialStuffing", () => {
  it("flags one address failing for 10 distinct emails in 10 minutes, not 9", async () => {
    const source = ip();
    for (let i = 0; i < 9; i++) await fail(email(), T0 + i * 10_000, source);
    // Repeats of the same email add failures but not accounts.
    const repeated = email();
    for (let i = 0; i < 4; i++) await fail(repeated, T0 + 95_000 + i, ip());
    await fail(repeated, T0 + 95_000, source);
    expect(await suspectedCredentialStuffing(env, source, T0 + 100_000)).toBe(true);
    const other = ip();
    for (let i = 0; i < 9; i++) await fail(email(), T0 + i * 10_000, other);
    await fail(email(), T0 + 95_000, other);
    await fail(email(), T0 + 95_000, other);
    expect(await suspectedCredentialStuffing(env, other, T0 + 100_000)).toBe(true);
    const quiet = ip();
    for (let i = 0; i < 9; i++) await fail(email(), T0 + i * 10_000, quiet);
    expect(await suspectedCredentialStuffing(env, quiet, T0 + 100_000)).toBe(false);
  });

  it("counts only failures inside the window and ignores successes", async () => {
    const source = ip();
    for (let i = 0; i < 10; i++) await fail(email(), T0 + i * MINUTE, source);
    for (let i = 0; i < 5; i++) {
      await recordLoginAttempt(env, {
        email: email(),
        ip: source,
        succeeded: true,
        at: T0 + 9 * MINUTE,
      });
    }
    expect(await suspectedCredentialStuffing(env, source, T0 + 9 * MINUTE)).toBe(true);
    // At T0 + 10 min the first failure (T0) has left the window: 9 emails remain.
    expect(await suspectedCredentialStuffing(env, source, T0 + STUFFING_WINDOW_MS)).toBe(false);
    expect(await suspectedCredentialStuffing(env, "", T0 + 9 * MINUTE)).toBe(false);
  });
});

describe("rateLimit", () => {
  const options = { limit: 3, windowSeconds: 60 };
  /** The start of a minute, far from real time. */
  const W = Date.UTC(2030, 0, 1, 12, 0, 0);

  it("allows `limit` requests, then refuses until the next window", async () => {
    const key = uniqueId("rl");
    expect(await rateLimit(env, key, options, W + 1_000)).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterSeconds: 0,
    });
    expect(await rateLimit(env, key, options, W + 2_000)).toMatchObject({
      allowed: true,
      remaining: 1,
    });
    expect(await rateLimit(env, key, options, W + 3_000)).toMatchObject({
      allowed: true,
      remaining: 0,
    });
    expect(await rateLimit(env, key, options, W + 15_500)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 45,
    });
    expect(await rateLimit(env, key, options, W + 59_999)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    // Refused requests do not count; the next window starts from zero.
    expect(await env.RATE_LIMITS.get(`rl:${key}:${W / 60_000}`)).toBe("3");
    expect(await rateLimit(env, key, options, W + 60_000)).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterSeconds: 0,
    });
  });

  it("keeps keys apart and stores counters with an expiry", async () => {
    const a = uniqueId("rl-a");
    const b = uniqueId("rl-b");
    for (let i = 0; i < 3; i++) await rateLimit(env, a, options, W);
    expect((await rateLimit(env, a, options, W)).allowed).toBe(false);
    expect((await rateLimit(env, b, options, W)).allowed).toBe(true);
    const listed = await env.RATE_LIMITS.list({ prefix: `rl:${a}:` });
    expect(listed.keys).toHaveLength(1);
    expect(listed.keys[0]!.expiration).toBeGreaterThan(Date.now() / 1000);
  });

  it("hashes keys too long for KV, and refuses a nonsensical configuration", async () => {
    const long = `login-email:${"x".repeat(600)}@example.test:${uniqueId("k")}`;
    expect((await rateLimit(env, long, { limit: 1, windowSeconds: 60 }, W)).allowed).toBe(true);
    expect((await rateLimit(env, long, { limit: 1, windowSeconds: 60 }, W)).allowed).toBe(false);
    await expect(rateLimit(env, "k", { limit: 0, windowSeconds: 60 }, W)).rejects.toThrow(
      RangeError,
    );
    await expect(rateLimit(env, "k", { limit: 1, windowSeconds: 0.5 }, W)).rejects.toThrow(
      RangeError,
    );
  });

  it("pairs with tooManyRequests for the 429 answer", async () => {
    const error = tooManyRequests(45);
    expect(error).toMatchObject({
      status: 429,
      code: "rate_limited",
      details: { retry_after: 45 },
      headers: { "Retry-After": "45" },
    });
    expect(tooManyRequests(0.2).headers).toEqual({ "Retry-After": "1" });
  });
});

describe("pruneLoginAttempts", () => {
  it("deletes attempts older than the cut-off and keeps the rest", async () => {
    const address = email();
    const old = Date.UTC(2001, 0, 1);
    await fail(address, old);
    await fail(address, old + 1);
    await fail(address, old + 2 * 86_400_000);
    const deleted = await pruneLoginAttempts(env, old + 86_400_000);
    expect(deleted).toBeGreaterThanOrEqual(2);
    expect(
      await countRows("SELECT count(*) AS n FROM login_attempts WHERE email = ?", address),
    ).toBe(1);
    expect(
      await countRows("SELECT count(*) AS n FROM login_attempts WHERE at < ?", old + 86_400_000),
    ).toBe(0);
  });
});
