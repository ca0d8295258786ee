// The table of limits (server/ops/rate-limits.ts) is what the limiter enforces: each named
// request limit counts under its own key with the table's numbers, and every refusal is the
// same 429 envelope with Retry-After.
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TEST_NOW_HEADER } from "../../api/lib/request-time";
import {
  consumeLimit,
  enforceLimit,
  REQUEST_LIMITS,
  type RequestLimitName,
} from "../../server/ops/rate-limits";
import worker from "../../worker";
import { postJson } from "./auth-support";
import { api, uniqueId } from "./helpers";

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

/** Two random groups for IPv6 addresses no earlier run used: the local storage outlives a run. */
const freshPrefix = () =>
  Array.from(crypto.getRandomValues(new Uint16Array(2)), (group) => group.toString(16)).join(":");

const forgot = (from: string, headers: Record<string, string> = {}) =>
  api(
    "/api/auth/forgot-password",
    postJson(
      { email: `${uniqueId("forgot")}@example.test` },
      { "CF-Connecting-IP": from, ...headers },
    ),
  );

describe("a route over its limit", () => {
  it("answers the 429 envelope with Retry-After, keyed by the caller's address", async () => {
    const { limit, windowSeconds } = REQUEST_LIMITS.forgotPasswordPerAddress;
    // The requests are served at a set time, 100 s into a window, so none straddles its end.
    const at = { [TEST_NOW_HEADER]: String(W + 100_000) };
    const prefix = freshPrefix();
    const ownAddress = `2001:db8:${prefix}::1`;
    for (let request = 0; request < limit; request++) {
      expect((await forgot(ownAddress, at)).status).toBe(202);
    }
    const refused = await forgot(ownAddress, at);
    expect(refused.status).toBe(429);
    expect(refused.response.headers.get("Retry-After")).toBe(String(windowSeconds - 100));
    expect(refused.body).toMatchObject({
      success: false,
      error: { code: "rate_limited", details: { retry_after: windowSeconds - 100 } },
    });
    // Another address has a counter of its own.
    expect((await forgot(`2001:db8:${prefix}::2`, at)).status).toBe(202);
    // The next window starts a new count.
    const next = { [TEST_NOW_HEADER]: String(W + windowSeconds * 1000) };
    expect((await forgot(ownAddress, next)).status).toBe(202);
  });
});

describe("the test clock header", () => {
  /** The request as another environment would serve it: the same bindings otherwise. */
  const servedIn = async (environment: "production" | "staging" | "local", request: Request) => {
    const response = await worker.fetch(
      request as Request<unknown, IncomingRequestCfProperties>,
      { ...env, ENVIRONMENT: environment },
      createExecutionContext(),
    );
    return response.status;
  };
  const forgotRequest = (from: string, headers: Record<string, string>) =>
    new Request("http://localhost/api/auth/forgot-password", {
      ...postJson(
        { email: `${uniqueId("forgot")}@example.test` },
        { "CF-Connecting-IP": from, ...headers },
      ),
    });

  it("is refused when it is not epoch milliseconds", async () => {
    const bad = await forgot(`2001:db8:${freshPrefix()}::1`, { [TEST_NOW_HEADER]: "yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
  });

  it.each(["production", "staging", "local"] as const)("is ignored in %s", async (environment) => {
    const { limit } = REQUEST_LIMITS.forgotPasswordPerAddress;
    const address = `2001:db8:${freshPrefix()}::1`;
    // Spend the address's limit in a window long past, through the test environment's header.
    const past = { [TEST_NOW_HEADER]: String(W - 3_600_000) };
    for (let request = 0; request < limit; request++) {
      expect((await forgot(address, past)).status).toBe(202);
    }
    expect((await forgot(address, past)).status).toBe(429);
    // Elsewhere the same header is not a time: the request counts in the real window and
    // passes, and a malformed value is no error either.
    expect(await servedIn(environment, forgotRequest(address, past))).toBe(202);
    expect(await servedIn(environment, forgotRequest(address, { [TEST_NOW_HEADER]: "x" }))).toBe(
      202,
    );
  });
});
