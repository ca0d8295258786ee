import { env } from "cloudflare:test";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { verifyAssertion } from "../../server/auth/passkeys";
import { issueAccessToken } from "../../server/auth/tokens";
import type { Env } from "../../server/env";
import { freshIp, PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, countRows, servedAt } from "./helpers";
import { type AssertionTweaks, SoftwareAuthenticator } from "./support/authenticator";

const ORIGIN = new URL(env.JWT_ISSUER).origin;
const LOCALHOST = `http://localhost:${new URL(env.JWT_ISSUER).port}`;
const CHROME_ON_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

type Person = Awaited<ReturnType<typeof signedInPerson>>;

async function addPasskey(
  person: { headers: Record<string, string> },
  authenticator: SoftwareAuthenticator,
  extra: { name?: string; headers?: Record<string, string> } = {},
) {
  const headers = { ...person.headers, "User-Agent": CHROME_ON_LINUX, ...extra.headers };
  const start = await api("/api/auth/passkeys/register/options", postJson({}, headers));
  expect(start.status).toBe(200);
  const response = await authenticator.register(start.body.data.options);
  return api(
    "/api/auth/passkeys/register/verify",
    postJson({ challenge_id: start.body.data.challenge_id, response, name: extra.name }, headers),
  );
}

async function withPasskey(synced = false) {
  const person = await signedInPerson();
  const authenticator = new SoftwareAuthenticator(ORIGIN, synced);
  const added = await addPasskey(person, authenticator);
  expect(added.status).toBe(201);
  return { ...person, authenticator, passkeyId: added.body.data.passkey.id as string };
}

const loginOptions = (body: unknown = {}, headers: Record<string, string> = {}) =>
  api("/api/auth/passkeys/login/options", postJson(body, headers));

async function passkeySignIn(
  authenticator: SoftwareAuthenticator,
  tweaks: AssertionTweaks = {},
  headers: Record<string, string> = {},
) {
  const start = await loginOptions({}, headers);
  expect(start.status).toBe(200);
  const response = await authenticator.assert(start.body.data.options, tweaks);
  const body = { challenge_id: start.body.data.challenge_id, response };
  return { ...(await api("/api/auth/passkeys/login/verify", postJson(body, headers))), sent: body };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("adding a passkey", () => {
  it("offers a discoverable, user-verified credential for this site and stores its public key", async () => {
    const person = await signedInPerson();
    const start = await api("/api/auth/passkeys/register/options", postJson({}, person.headers));
    expect(start.status).toBe(200);
    expect(start.body.data.challenge_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(start.body.data.options).toMatchObject({
      rp: { name: "Resume Builder", id: new URL(ORIGIN).hostname },
      user: { id: isoBase64URL.fromUTF8String(person.userId), name: person.email },
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
      attestation: "none",
      excludeCredentials: [],
    });

    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const response = await authenticator.register(start.body.data.options);
    const added = await api(
      "/api/auth/passkeys/register/verify",
      postJson(
        { challenge_id: start.body.data.challenge_id, response },
        { ...person.headers, "User-Agent": CHROME_ON_LINUX },
      ),
    );
    expect(added.status).toBe(201);
    expect(added.body.data.passkey).toEqual({
      id: response.id,
      name: "Passkey on Chrome on Linux",
      created_at: expect.any(String),
      last_used_at: null,
      backed_up: false,
      device_type: "singleDevice",
    });
    const row = await env.DB.prepare("SELECT * FROM passkeys WHERE id = ?")
      .bind(response.id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ user_id: person.userId, counter: 0 });
    expect(JSON.parse(row?.transports as string)).toEqual(["internal", "hybrid"]);
    expect(isoBase64URL.isBase64URL(row?.public_key as string)).toBe(true);

    // The same challenge cannot register twice, and the next ceremony excludes this passkey.
    const again = await api(
      "/api/auth/passkeys/register/verify",
      postJson({ challenge_id: start.body.data.challenge_id, response }, person.headers),
    );
    expect(again.status).toBe(400);
    const next = await api("/api/auth/passkeys/register/options", postJson({}, person.headers));
    expect(next.body.data.options.excludeCredentials).toEqual([
      { id: response.id, type: "public-key", transports: ["internal", "hybrid"] },
    ]);
  });

  it("records a synced passkey and the name given", async () => {
    const person = await signedInPerson();
    const added = await addPasskey(person, new SoftwareAuthenticator(ORIGIN, true), {
      name: "  Work laptop  ",
    });
    expect(added.body.data.passkey).toMatchObject({
      name: "Work laptop",
      backed_up: true,
      device_type: "multiDevice",
    });
  });

  it("refuses an answer for another origin, another account's challenge, or without user verification", async () => {
    const person = await signedInPerson();
    const other = await signedInPerson();
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const attempt = async (
      tweak: Parameters<SoftwareAuthenticator["register"]>[1],
      as = person,
    ) => {
      const start = await api("/api/auth/passkeys/register/options", postJson({}, person.headers));
      const response = await authenticator.register(start.body.data.options, tweak);
      return api(
        "/api/auth/passkeys/register/verify",
        postJson({ challenge_id: start.body.data.challenge_id, response }, as.headers),
      );
    };
    expect((await attempt({ origin: "https://evil.example" })).status).toBe(400);
    expect((await attempt({ rpId: "evil.example" })).status).toBe(400);
    expect((await attempt({ userVerified: false })).status).toBe(400);
    expect((await attempt({}, other)).status).toBe(400);
    expect((await api("/api/auth/passkeys", { headers: person.headers })).body.data).toEqual([]);
  });

  it("needs a signed-in person and well-formed input", async () => {
    expect((await api("/api/auth/passkeys/register/options", postJson({}))).status).toBe(401);
    const person = await signedInPerson();
    const bad = async (body: unknown) =>
      api("/api/auth/passkeys/register/verify", postJson(body, person.headers));
    const malformed = await bad({ challenge_id: "nope", response: {} });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("validation_failed");
    const start = await api("/api/auth/passkeys/register/options", postJson({}, person.headers));
    const response = await new SoftwareAuthenticator(ORIGIN).register(start.body.data.options);
    const challenge_id = start.body.data.challenge_id;
    expect((await bad({ challenge_id, response: { ...response, type: "other" } })).status).toBe(
      400,
    );
    expect((await bad({ challenge_id, response, name: "x".repeat(61) })).status).toBe(400);
    expect((await bad({ challenge_id, response, name: "   " })).status).toBe(400);
  });
});

describe("managing passkeys", () => {
  it("lists, renames and removes the account's own passkeys; other people's are 404", async () => {
    const owner = await withPasskey();
    const stranger = await signedInPerson();
    const list = await api("/api/auth/passkeys", { headers: owner.headers });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].id).toBe(owner.passkeyId);

    const path = `/api/auth/passkeys/${owner.passkeyId}`;
    const rename = (headers: Record<string, string>, name: unknown) =>
      api(path, { ...postJson({ name }, headers), method: "PATCH" });
    expect((await rename(owner.headers, "Phone")).body.data.passkey.name).toBe("Phone");
    expect((await rename(owner.headers, "")).status).toBe(400);
    expect((await rename(stranger.headers, "Mine now")).status).toBe(404);
    expect((await api(path, { method: "DELETE", headers: stranger.headers })).status).toBe(404);
    expect((await api("/api/auth/passkeys", { headers: stranger.headers })).body.data).toEqual([]);
    expect(
      (await api("/api/auth/passkeys/not%20base64!", { method: "DELETE", headers: owner.headers }))
        .status,
    ).toBe(400);

    const removed = await api(path, { method: "DELETE", headers: owner.headers });
    expect(removed.status).toBe(200);
    expect(removed.body.data).toEqual({ deleted: true });
    expect((await api("/api/auth/passkeys", { headers: owner.headers })).body.data).toEqual([]);
    expect((await api(path, { method: "DELETE", headers: owner.headers })).status).toBe(404);
    expect((await passkeySignIn(owner.authenticator)).status).toBe(401);
  });

  it("asks for a recent proof before adding or removing one, which a passkey gives", async () => {
    const owner = await withPasskey();
    const { token } = await issueAccessToken(
      env,
      {
        id: owner.userId,
        email: owner.email,
        role: "user",
        authTime: Date.now() - 60 * 60_000,
      },
      Date.now(),
    );
    const stale = bearer(token);
    const refused = await api(`/api/auth/passkeys/${owner.passkeyId}`, {
      method: "DELETE",
      headers: stale,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("step_up_required");
    expect(refused.body.error.details.methods).toContain("passkey");
    expect((await api("/api/auth/passkeys/register/options", postJson({}, stale))).status).toBe(
      403,
    );

    const start = await api("/api/auth/passkeys/step-up/options", postJson({}, stale));
    expect(start.body.data.options.allowCredentials).toEqual([
      expect.objectContaining({ id: owner.passkeyId }),
    ]);
    const response = await owner.authenticator.assert(start.body.data.options);
    const granted = await api(
      "/api/auth/passkeys/step-up/verify",
      postJson({ challenge_id: start.body.data.challenge_id, response }, stale),
    );
    expect(granted.status).toBe(200);
    expect(granted.body.data.mfa).toBe(true);
    const removed = await api(`/api/auth/passkeys/${owner.passkeyId}`, {
      method: "DELETE",
      headers: bearer(granted.body.data.access_token),
    });
    expect(removed.status).toBe(200);
  });
});

describe("signing in with a passkey", () => {
  it("opens a session that counts as MFA: a staff member can do a sensitive admin action", async () => {
    const staff = await withPasskey();
    await env.DB.prepare("UPDATE users SET role = 'super_admin' WHERE id = ?")
      .bind(staff.userId)
      .run();
    const start = await loginOptions();
    expect(start.body.data.options).toMatchObject({
      rpId: new URL(ORIGIN).hostname,
      userVerification: "required",
      allowCredentials: [],
    });
    const signedIn = await passkeySignIn(staff.authenticator);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data).toMatchObject({ token_type: "Bearer", user: { id: staff.userId } });
    const run = await api("/api/admin/backups", {
      method: "POST",
      headers: bearer(signedIn.body.data.access_token),
    });
    expect(run.status).toBe(202);
    const listed = await api("/api/auth/passkeys", { headers: staff.headers });
    expect(listed.body.data[0].last_used_at).toEqual(expect.any(String));
    expect(
      await countRows(
        "SELECT count(*) AS n FROM login_attempts WHERE email = ? AND succeeded = 1",
        staff.email,
      ),
    ).toBe(2);
  });

  it("answers a web client with session cookies like a password sign-in", async () => {
    const person = await withPasskey();
    const signedIn = await passkeySignIn(
      person.authenticator,
      {},
      {
        "X-Requested-With": "resume-builder-web",
      },
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.csrf_token).toEqual(expect.any(String));
    const cookies = signedIn.response.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/rb_access=.*HttpOnly/);
    expect(cookies).toMatch(/rb_refresh=.*Path=\/api\/auth/);
  });

  it("refuses a replayed answer, another origin or rpID, a bad signature and no user verification", async () => {
    const person = await withPasskey();
    const first = await passkeySignIn(person.authenticator);
    expect(first.status).toBe(200);
    const replay = await api("/api/auth/passkeys/login/verify", postJson(first.sent));
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("invalid_credentials");
    for (const tweak of [
      { origin: "https://evil.example" },
      { rpId: "evil.example" },
      { tamperSignature: true },
      { userVerified: false },
    ]) {
      const refused = await passkeySignIn(person.authenticator, tweak);
      expect(refused.status, JSON.stringify(tweak)).toBe(401);
      expect(refused.body.error.code).toBe("invalid_credentials");
    }
    expect((await passkeySignIn(person.authenticator)).status).toBe(200);
  });

  it("refuses a signature counter that does not move forward (a cloned authenticator)", async () => {
    const person = await withPasskey();
    expect((await passkeySignIn(person.authenticator, { counter: 5 })).status).toBe(200);
    expect((await passkeySignIn(person.authenticator, { counter: 5 })).status).toBe(401);
    expect((await passkeySignIn(person.authenticator, { counter: 3 })).status).toBe(401);
    expect((await passkeySignIn(person.authenticator, { counter: 6 })).status).toBe(200);
    const row = await env.DB.prepare("SELECT counter FROM passkeys WHERE id = ?")
      .bind(person.passkeyId)
      .first<number>("counter");
    expect(row).toBe(6);
  });

  it("refuses an unknown passkey, an expired challenge and malformed input", async () => {
    const stranger = new SoftwareAuthenticator(ORIGIN);
    await stranger.register({
      rp: { name: "x", id: new URL(ORIGIN).hostname },
      user: { id: "dW5rbm93bg", name: "u", displayName: "u" },
      challenge: "Y2hhbGxlbmdl",
      pubKeyCredParams: [],
    });
    const unknown = await passkeySignIn(stranger);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe("invalid_credentials");

    const person = await withPasskey();
    const start = await loginOptions();
    await env.SESSIONS.delete(`webauthn:${start.body.data.challenge_id}`);
    const response = await person.authenticator.assert(start.body.data.options);
    const expired = await api(
      "/api/auth/passkeys/login/verify",
      postJson({ challenge_id: start.body.data.challenge_id, response }),
    );
    expect(expired.status).toBe(401);

    const missing = await api("/api/auth/passkeys/login/verify", postJson({ challenge_id: "x" }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    const badResponse = await api(
      "/api/auth/passkeys/login/verify",
      postJson({
        challenge_id: crypto.randomUUID(),
        response: { ...response, response: { ...response.response, signature: "***" } },
      }),
    );
    expect(badResponse.status).toBe(400);
    expect((await loginOptions({ mfa_token: "not-a-uuid" })).status).toBe(400);
  });

  it("keeps suspended accounts out", async () => {
    const person = await withPasskey();
    await env.DB.prepare("UPDATE users SET status = 'suspended' WHERE id = ?")
      .bind(person.userId)
      .run();
    const refused = await passkeySignIn(person.authenticator);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("account_suspended");
  });

  it("limits how often one address may start a passkey sign-in", async () => {
    // One time for every request, 10 s into a minute: all count in that minute's window.
    const now = Math.floor(Date.now() / 60_000) * 60_000 + 10_000;
    const from = { "CF-Connecting-IP": freshIp(), ...servedAt(now) };
    for (let i = 0; i < 20; i++) expect((await loginOptions({}, from)).status).toBe(200);
    const limited = await loginOptions({}, from);
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get("Retry-After")).toBe("50");
  });

  it("uses localhost as the site locally, where 127.0.0.1 cannot be an rpID", async () => {
    const person = await signedInPerson();
    const authenticator = new SoftwareAuthenticator(LOCALHOST);
    const origin = { Origin: LOCALHOST };
    const added = await addPasskey(person, authenticator, { headers: origin });
    expect(added.status).toBe(201);
    const start = await loginOptions({}, origin);
    expect(start.body.data.options.rpId).toBe("localhost");
    expect((await passkeySignIn(authenticator, {}, origin)).status).toBe(200);
    // Any other origin gets the public one, for which this passkey was not made.
    const elsewhere = await loginOptions({}, { Origin: "http://localhost:1" });
    expect(elsewhere.body.data.options.rpId).toBe(new URL(ORIGIN).hostname);
    const credentialId = authenticator.credentials[0]?.id;
    expect((await passkeySignIn(authenticator, { credentialId })).status).toBe(401);
  });
});

describe("a passkey challenge", () => {
  it("is answered once, even when one assertion is sent several times at once", async () => {
    // Many passkeys keep their counter at 0, so only the single-use challenge stops a replay.
    // Straight at the service: requests in the test pool reach it one after another.
    const person = await withPasskey(true);
    const start = await loginOptions();
    const response = await person.authenticator.assert(start.body.data.options, { counter: 0 });
    const input = { challengeId: start.body.data.challenge_id as string, response };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => verifyAssertion(env as unknown as Env, input, "login", now)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("a passkey as the second factor of a password sign-in", () => {
  const codeFor = (secret: string) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
      timestamp: Date.now() - 30_000,
    });

  async function withTotpAndPasskey<T extends Person>(person: T): Promise<T> {
    const setup = await api("/api/auth/mfa/totp/setup", postJson({}, person.headers));
    const confirmed = await api(
      "/api/auth/mfa/totp/confirm",
      postJson({ code: codeFor(setup.body.data.secret) }, person.headers),
    );
    expect(confirmed.status).toBe(200);
    return person;
  }

  const passwordLogin = (email: string) =>
    api("/api/auth/login", postJson({ email, password: PASSWORD }));

  it("offers the passkey and opens an MFA session with it", async () => {
    const person = await withTotpAndPasskey(await withPasskey());
    const login = await passwordLogin(person.email);
    expect(login.body.data).toMatchObject({
      mfa_required: true,
      methods: ["totp", "recovery_code", "passkey"],
    });
    const mfa_token = login.body.data.mfa_token;
    const start = await loginOptions({ mfa_token });
    expect(start.body.data.options.allowCredentials).toEqual([
      expect.objectContaining({ id: person.passkeyId }),
    ]);
    const response = await person.authenticator.assert(start.body.data.options);
    const challenge_id = start.body.data.challenge_id;
    // The passkey answers this challenge only: without its mfa_token it is no sign-in.
    const verified = await api(
      "/api/auth/passkeys/login/verify",
      postJson({ challenge_id, response, mfa_token }),
    );
    expect(verified.status).toBe(200);
    expect(verified.body.data.user.id).toBe(person.userId);
    const reused = await api("/api/auth/mfa/verify", postJson({ mfa_token, code: "123456" }));
    expect(reused.body.error.code).toBe("session_expired");
  });

  it("does not accept another account's passkey or a passwordless challenge for it", async () => {
    const person = await withTotpAndPasskey(await withPasskey());
    const other = await withPasskey();
    const { mfa_token } = (await passwordLogin(person.email)).body.data;
    const start = await loginOptions({ mfa_token });
    const foreign = await other.authenticator.assert(start.body.data.options, {
      credentialId: other.passkeyId,
    });
    const refused = await api(
      "/api/auth/passkeys/login/verify",
      postJson({ challenge_id: start.body.data.challenge_id, response: foreign, mfa_token }),
    );
    expect(refused.status).toBe(401);

    const plain = await loginOptions();
    const response = await person.authenticator.assert(plain.body.data.options);
    const mixed = await api(
      "/api/auth/passkeys/login/verify",
      postJson({ challenge_id: plain.body.data.challenge_id, response, mfa_token }),
    );
    expect(mixed.status).toBe(401);
  });

  it("does not ask accounts with passkeys but no TOTP for a second factor", async () => {
    const person = await withPasskey();
    const login = await passwordLogin(person.email);
    expect(login.status).toBe(200);
    expect(login.body.data.access_token).toEqual(expect.any(String));
  });
});
