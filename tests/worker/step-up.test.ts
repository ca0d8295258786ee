import { env } from "cloudflare:test";
import { decodeJwt } from "jose";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { issueAccessToken } from "../../server/auth/tokens";
import { PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, opsHeaders } from "./helpers";

const TWENTY_MINUTES = 20 * 60_000;
const codeAt = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + steps * 30_000,
  });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
/** A sensitive admin route (system.config): past the checks, an unknown run is a 404. */
const pauseUnknownRun = (headers: Record<string, string>) =>
  api("/api/admin/workflows/no-such-run/pause", { method: "POST", headers });

/** Pretends the session last proved itself 20 minutes ago, then refreshes onto that. */
async function ageSession(userId: string, refreshToken: string) {
  await env.DB.prepare("UPDATE refresh_tokens SET auth_at = ? WHERE user_id = ?")
    .bind(Date.now() - TWENTY_MINUTES, userId)
    .run();
  const refreshed = await api("/api/auth/refresh", postJson({ refresh_token: refreshToken }));
  expect(refreshed.status).toBe(200);
  return refreshed.body.data as { access_token: string; refresh_token: string };
}

/** A staff member with TOTP on, signed in with it. */
async function staffWithTotp() {
  const person = await signedInPerson();
  const { secret } = (
    await api("/api/auth/mfa/totp/setup", { method: "POST", headers: person.headers })
  ).body.data;
  await api("/api/auth/mfa/totp/confirm", postJson({ code: codeAt(secret, -1) }, person.headers));
  await env.DB.prepare("UPDATE users SET role = 'super_admin' WHERE id = ?")
    .bind(person.userId)
    .run();
  const challenge = await api(
    "/api/auth/login",
    postJson({ email: person.email, password: PASSWORD }),
  );
  const signedIn = await api(
    "/api/auth/mfa/verify",
    postJson({ mfa_token: challenge.body.data.mfa_token, code: codeAt(secret) }),
  );
  expect(signedIn.status).toBe(200);
  return { ...person, secret, tokens: signedIn.body.data };
}

describe("auth_time on access tokens", () => {
  it("is the sign-in time, and a refresh keeps the session's proof time rather than renewing it", async () => {
    const person = await signedInPerson();
    const issued = decodeJwt(person.tokens.access_token);
    expect(Math.abs(Number(issued.auth_time) * 1000 - Date.now())).toBeLessThan(60_000);
    const refreshed = await ageSession(person.userId, person.tokens.refresh_token);
    const aged = decodeJwt(refreshed.access_token);
    expect(Date.now() - Number(aged.auth_time) * 1000).toBeGreaterThan(TWENTY_MINUTES - 60_000);
  });
});

describe("sensitive staff actions", () => {
  it("need a second factor proven in the last 15 minutes, then a code restores access", async () => {
    const staff = await staffWithTotp();
    expect((await pauseUnknownRun(bearer(staff.tokens.access_token))).status).toBe(404);

    const aged = await ageSession(staff.userId, staff.tokens.refresh_token);
    const refused = await pauseUnknownRun(bearer(aged.access_token));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("step_up_required");
    expect(refused.body.error.details).toEqual({
      max_age_seconds: 900,
      second_factor: true,
      methods: ["totp", "recovery_code"],
    });

    // With a second factor enrolled, the password alone does not count.
    const byPassword = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, bearer(aged.access_token)),
    );
    expect(byPassword.status).toBe(401);
    const byCode = await api(
      "/api/auth/step-up",
      postJson({ code: codeAt(staff.secret, 1) }, bearer(aged.access_token)),
    );
    expect(byCode.status).toBe(200);
    expect(byCode.body.data).toMatchObject({ token_type: "Bearer", mfa: true, expires_in: 900 });
    expect((await pauseUnknownRun(bearer(byCode.body.data.access_token))).status).toBe(404);

    // The proof is recorded on the session: the next refreshed token still carries it.
    const again = await api("/api/auth/refresh", postJson({ refresh_token: aged.refresh_token }));
    expect((await pauseUnknownRun(bearer(again.body.data.access_token))).status).toBe(404);
  });

  it("are refused with mfa_required to staff whose session had no second factor", async () => {
    const person = await signedInPerson();
    await env.DB.prepare("UPDATE users SET role = 'super_admin' WHERE id = ?")
      .bind(person.userId)
      .run();
    const relogin = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    const refused = await pauseUnknownRun(bearer(relogin.body.data.access_token));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("mfa_required");
    expect(refused.body.error.details.methods).toEqual(["password"]);
    // A password step-up makes the session recent, but it still has no second factor.
    const stepped = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, bearer(relogin.body.data.access_token)),
    );
    expect(stepped.body.data.mfa).toBe(false);
    expect((await pauseUnknownRun(bearer(stepped.body.data.access_token))).body.error.code).toBe(
      "mfa_required",
    );
  });

  it("never apply to the operator token, a machine credential", async () => {
    expect((await pauseUnknownRun(opsHeaders)).status).toBe(404);
  });
});

describe("recent sign-in for adding a sign-in factor", () => {
  it("asks for the password again before TOTP set-up in an old session", async () => {
    const person = await signedInPerson();
    const aged = await ageSession(person.userId, person.tokens.refresh_token);
    const refused = await api("/api/auth/mfa/totp/setup", {
      method: "POST",
      headers: bearer(aged.access_token),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({
      max_age_seconds: 900,
      second_factor: false,
      methods: ["password"],
    });
    const methods = await api("/api/auth/step-up", { headers: bearer(aged.access_token) });
    expect(methods.body.data).toMatchObject({ methods: ["password"], mfa: false });

    const wrong = await api(
      "/api/auth/step-up",
      postJson({ password: "not the password at all" }, bearer(aged.access_token)),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    const stepped = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, bearer(aged.access_token)),
    );
    expect(stepped.status).toBe(200);
    const setup = await api("/api/auth/mfa/totp/setup", {
      method: "POST",
      headers: bearer(stepped.body.data.access_token),
    });
    expect(setup.status).toBe(200);
  });
});

describe("POST /api/auth/step-up", () => {
  it("replaces the access cookie of a browser session", async () => {
    const person = await signedInPerson();
    const web = await api(
      "/api/auth/login",
      postJson(
        { email: person.email, password: PASSWORD },
        { "X-Requested-With": "resume-builder-web" },
      ),
    );
    const jar = Object.fromEntries(
      web.response.headers
        .getSetCookie()
        .map((c) => c.split(";")[0]!.split("=") as [string, string]),
    );
    const csrf = jar["__Host-rb_csrf"]!;
    const cookie = `__Host-rb_access=${jar["__Host-rb_access"]}; __Host-rb_csrf=${csrf}`;
    const withoutCsrf = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, { Cookie: cookie }),
    );
    expect(withoutCsrf.status).toBe(403);
    const stepped = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, { Cookie: cookie, "X-CSRF-Token": csrf }),
    );
    expect(stepped.status).toBe(200);
    const access = stepped.response.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-rb_access="));
    expect(access).toContain(stepped.body.data.access_token);
    expect(stepped.response.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a session that has ended, even with a still-valid access token", async () => {
    const person = await signedInPerson();
    await env.DB.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ?")
      .bind(Date.now(), person.userId)
      .run();
    const refused = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, person.headers),
    );
    // the token names its session, so it is refused before step-up even looks
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
  });

  it("limits guessing: the sixth wrong proof in 15 minutes gets 429 with Retry-After", async () => {
    const person = await signedInPerson();
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await api(
        "/api/auth/step-up",
        postJson({ password: `wrong password ${attempt}` }, person.headers),
      );
      expect(wrong.status).toBe(401);
    }
    const limited = await api(
      "/api/auth/step-up",
      postJson({ password: PASSWORD }, person.headers),
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("validates the body: exactly one proof, well formed", async () => {
    const person = await signedInPerson();
    for (const body of [
      {},
      { password: PASSWORD, code: "123456" },
      { code: "12345" },
      { recovery_code: "short" },
      { password: PASSWORD, extra: true },
    ]) {
      const response = await api("/api/auth/step-up", postJson(body, person.headers));
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe("validation_failed");
    }
  });

  it("needs a personal session: 401 anonymous, 403 for the operator token", async () => {
    expect((await api("/api/auth/step-up", postJson({ password: PASSWORD }))).status).toBe(401);
    expect(
      (await api("/api/auth/step-up", postJson({ password: PASSWORD }, opsHeaders))).status,
    ).toBe(403);
  });

  it("works for a token minted outside a session, without recording anything", async () => {
    const person = await signedInPerson();
    const { token } = await issueAccessToken(
      env,
      {
        id: person.userId,
        email: person.email,
        role: "user",
        authTime: Date.now() - TWENTY_MINUTES,
      },
      Date.now(),
    );
    const stepped = await api("/api/auth/step-up", postJson({ password: PASSWORD }, bearer(token)));
    expect(stepped.status).toBe(200);
  });
});
