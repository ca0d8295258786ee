// The table of limits (server/ops/rate-limits.ts) is what the limiter enforces: each named
// request limit counts under its own key with the table's numbers, and every refusal is the
// same 429 envelope with Retry-After.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  consumeLimit,
  enforceLimit,
  REQUEST_LIMITS,
  type RequestLimitName,
} from "../../server/ops/rate-limits";
import { postJson } from "./auth-support";
import { api, awayFromWindowEdge, uniqueId } from "./helpers";

/** The start of an hour far from real time: a window start for every limit in the table. */
const W = Date.UTC(2031, 5, 1, 12, 0, 0);
const names = Object.keys(REQUEST_LIMITS) as RequestLimitName[];

describe("the table of request limits", () => {
  it("gives every limit a counter of its own", () => {
    const prefixes = names.map((name) => REQUEST_LIMITS[name].prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each(names)(
    "%s: allows the table's number per window, then refuses until it ends",
    async (name) => {
      const { prefix, limit, windowSeconds } = REQUEST_LIMITS[name];
      const key = uniqueId(name);
      for (let request = 0; request < limit; request++) {
        expect((await consumeLimit(env, name, key, W + request)).allowed).toBe(true);
      }
      expect(await consumeLimit(env, name, key, W + 10_000)).toEqual({
        allowed: false,
        remaining: 0,
        retryAfterSeconds: windowSeconds - 10,
      });
      const window = W / (windowSeconds * 1000);
      expect(await env.RATE_LIMITS.get(`rl:${prefix}:${key}:${window}`)).toBe(String(limit));
      expect((await consumeLimit(env, name, key, W + windowSeconds * 1000)).allowed).toBe(true);
    },
  );

  it("refuses with the 429 rate_limited, Retry-After and the limit's own message", async () => {
    const key = uniqueId("enforce");
    for (let request = 0; request < REQUEST_LIMITS.signIn.limit; request++) {
      await enforceLimit(env, "signIn", key, W);
    }
    await expect(enforceLimit(env, "signIn", key, W + 15_000)).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      message: REQUEST_LIMITS.signIn.message,
      details: { retry_after: 45 },
      headers: { "Retry-After": "45" },
    });
    const other = uniqueId("enforce");
    for (let request = 0; request < REQUEST_LIMITS.register.limit; request++) {
      await enforceLimit(env, "register", other, W);
    }
    await expect(enforceLimit(env, "register", other, W)).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      message: "Too many requests. Try again in 3600 seconds.",
    });
  });
});

describe("a route over its limit", () => {
  it("answers the 429 envelope with Retry-After, keyed by the caller's address", async () => {
    const { limit, windowSeconds } = REQUEST_LIMITS.forgotPasswordPerAddress;
    await awayFromWindowEdge(windowSeconds);
    const forgot = (from: string) =>
      api(
        "/api/auth/forgot-password",
        postJson({ email: `${uniqueId("forgot")}@example.test` }, { "CF-Connecting-IP": from }),
      );
    // Addresses no earlier run used: the local storage outlives a run.
    const stamp = (Date.now() % 0x10000).toString(16);
    const ownAddress = `2001:db8:7:${stamp}::1`;
    for (let request = 0; request < limit; request++) {
      expect((await forgot(ownAddress)).status).toBe(202);
    }
    const refused = await forgot(ownAddress);
    expect(refused.status).toBe(429);
    const seconds = Number(refused.response.headers.get("Retry-After"));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(windowSeconds);
    expect(refused.body).toMatchObject({
      success: false,
      error: { code: "rate_limited", details: { retry_after: seconds } },
    });
    // Another address has a counter of its own.
    expect((await forgot(`2001:db8:7:${stamp}::2`)).status).toBe(202);
  });
});
