import { env } from "cloudflare:test";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { app } from "../../api/app";
import { rotateKeys } from "../../scripts/lib/signing-key.mjs";
import { AUDIENCE, denyAccessToken, issueAccessToken } from "../../server/auth/tokens";
import { createJob } from "../../server/ops/jobs";
import { api, bearerFor, uniqueId } from "./helpers";

const withEnv = (path: string, overrides: Partial<typeof env>, init: RequestInit = {}) =>
  app.fetch(new Request(`http://localhost${path}`, init), { ...env, ...overrides });

describe("JWKS", () => {
  it("publishes the public keys, never the private part, at both paths", async () => {
    for (const path of ["/.well-known/jwks.json", "/api/auth/jwks"]) {
      const { status, body, response } = await api(path);
      expect(status, path).toBe(200);
      expect(response.headers.get("cache-control")).toContain("max-age=300");
      expect(body.keys).toHaveLength(1);
      expect(body.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
      expect(body.keys[0].d).toBeUndefined();
    }
  });

  it("lets another service verify an access token from the JWKS alone", async () => {
    const { token } = await issueAccessToken(
      env,
      { id: "u1", email: "u1@example.test", role: "admin" },
      Date.now(),
    );
    const { body: jwks } = await api("/.well-known/jwks.json");
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "ES256", kid: jwks.keys[0].kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: env.JWT_ISSUER,
      audience: AUDIENCE,
    });
    expect(payload).toMatchObject({ sub: "u1", email: "u1@example.test", role: "admin" });
    expect(payload.permissions).toContain("system.metrics");
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it("keeps verifying tokens signed by the previous key after a rotation", async () => {
    const rotated = rotateKeys(env.JWT_PRIVATE_KEYS!);
    const oldToken = (
      await issueAccessToken(env, { id: "u2", email: "u2@example.test", role: "admin" }, Date.now())
    ).token;
    const jwks = await (
      await withEnv("/.well-known/jwks.json", { JWT_PRIVATE_KEYS: rotated })
    ).json<{ keys: { kid: string }[] }>();
    expect(jwks.keys).toHaveLength(2);
    const listed = await withEnv(
      "/api/admin/workflows",
      { JWT_PRIVATE_KEYS: rotated },
      {
        headers: { Authorization: `Bearer ${oldToken}` },
      },
    );
    expect(listed.status).toBe(200);
    const fresh = await issueAccessToken(
      { ...env, JWT_PRIVATE_KEYS: rotated },
      { id: "u3", email: "u3@example.test", role: "user" },
      Date.now(),
    );
    expect(decodeProtectedHeader(fresh.token).kid).toBe(jwks.keys[0]!.kid);
  });

  it("answers 503 when no signing keys are configured", async () => {
    const response = await withEnv("/.well-known/jwks.json", { JWT_PRIVATE_KEYS: undefined });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ success: false, error: { code: "unavailable" } });
  });
});

describe("access tokens on requests", () => {
  it("rejects expired, tampered, foreign, wrong-audience and deny-listed tokens with 401", async () => {
    const longAgo = Date.now() - 60 * 60 * 1000;
    const expired = (
      await issueAccessToken(env, { id: "u", email: "u@example.test", role: "admin" }, longAgo)
    ).token;
    const valid = await bearerFor("admin");
    const [header, payload, signature] = valid.token.split(".");
    const tampered = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    const foreignKey = (await crypto.subtle.generateKey(
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const foreign = await new SignJWT({ ...valid.claims })
      .setProtectedHeader({ alg: "ES256", kid: "someone-else" })
      .setIssuer(env.JWT_ISSUER)
      .setAudience(AUDIENCE)
      .sign(foreignKey.privateKey);
    const wrongAudience = await new SignJWT({ ...valid.claims })
      .setProtectedHeader({ alg: "ES256", kid: "x" })
      .setIssuer(env.JWT_ISSUER)
      .setAudience("another-api")
      .sign(foreignKey.privateKey);
    const denied = await bearerFor("admin");
    await denyAccessToken(env, denied.claims, Date.now());

    for (const token of [expired, tampered, foreign, wrongAudience, denied.token]) {
      const { status, body } = await api("/api/admin/workflows", {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(status).toBe(401);
      expect(body.error.code).toBe("unauthorized");
    }
    expect((await api("/api/admin/workflows", { headers: valid.headers })).status).toBe(200);
  });

  it("enforces permissions per route: 403 without them, 200 with them", async () => {
    const cases: [Parameters<typeof bearerFor>[0], string, RequestInit, number][] = [
      ["user", "/api/admin/workflows", {}, 403],
      ["moderator", "/api/admin/workflows", {}, 403],
      ["support", "/api/admin/audit-logs", {}, 200],
      ["admin", "/api/admin/workflows", {}, 200],
      ["admin", "/api/admin/backups", { method: "POST" }, 403],
      ["billing_admin", "/api/admin/backups", {}, 403],
      ["super_admin", "/api/admin/backups", {}, 200],
      // README "Stuck billing events": payments.read to read, payments.write to act
      ["moderator", "/api/admin/billing/events", {}, 403],
      ["support", "/api/admin/billing/events?status=failed", {}, 200],
      ["support", "/api/admin/billing/events/evt_unknown/retry", { method: "POST" }, 403],
      ["admin", "/api/admin/billing/events/evt_unknown/skip", { method: "POST" }, 403],
      // allowed through, and then there is no such event
      ["billing_admin", "/api/admin/billing/events/evt_unknown/retry", { method: "POST" }, 404],
    ];
    for (const [role, path, init, expected] of cases) {
      const { headers } = await bearerFor(role);
      const { status, body } = await api(path, { ...init, headers });
      expect(status, `${role} ${init.method ?? "GET"} ${path}`).toBe(expected);
      if (expected === 403) expect(body.error.code).toBe("forbidden");
    }
  });

  it("shows people their own jobs and nobody else's; staff see system jobs", async () => {
    const alice = await bearerFor("user");
    const bob = await bearerFor("user");
    const admin = await bearerFor("admin");
    const own = await createJob(env, {
      id: uniqueId("job"),
      kind: "export",
      ownerId: `user:${alice.id}`,
      now: Date.now(),
    });
    const system = await createJob(env, {
      id: uniqueId("job"),
      kind: "backup",
      ownerId: "system",
      now: Date.now(),
    });
    expect((await api(`/api/jobs/${own.id}`, { headers: alice.headers })).status).toBe(200);
    expect((await api(`/api/jobs/${own.id}`, { headers: bob.headers })).status).toBe(404);
    expect((await api(`/api/jobs/${own.id}`, { headers: admin.headers })).status).toBe(404);
    expect((await api(`/api/jobs/${system.id}`, { headers: alice.headers })).status).toBe(404);
    expect((await api(`/api/jobs/${system.id}`, { headers: admin.headers })).status).toBe(200);
  });
});
