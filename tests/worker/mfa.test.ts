import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifySecondFactor } from "../../server/auth/mfa";
import type { Env } from "../../server/env";
import { codeAt, PASSWORD, personWithTotp, postJson, signedInPerson } from "./auth-support";
import { api, bearerFor } from "./helpers";

async function enrolled() {
  const person = await personWithTotp();
  expect(person.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Resume%20Builder:/);
  return person;
}

const login = (email: string) => api("/api/auth/login", postJson({ email, password: PASSWORD }));
const verify = (body: Record<string, string>) => api("/api/auth/mfa/verify", postJson(body));

describe("TOTP enrolment", () => {
  it("needs a correct first code, then returns 10 recovery codes and stores the secret encrypted", async () => {
    const person = await signedInPerson();
    const { secret } = (
      await api("/api/auth/mfa/totp/setup", { method: "POST", headers: person.headers })
    ).body.data;
    expect(
      (await api("/api/auth/mfa/totp/confirm", postJson({ code: "000000" }, person.headers)))
        .status,
    ).toBe(401);
    const confirmed = await api(
      "/api/auth/mfa/totp/confirm",
      postJson({ code: codeAt(secret) }, person.headers),
    );
    expect(confirmed.body.data.recovery_codes).toHaveLength(10);
    expect(new Set(confirmed.body.data.recovery_codes).size).toBe(10);
    expect((await api("/api/auth/mfa", { headers: person.headers })).body.data).toEqual({
      enabled: true,
      recovery_codes_left: 10,
    });
    const row = await env.DB.prepare("SELECT secret_encrypted FROM totp_factors WHERE user_id = ?")
      .bind(person.userId)
      .first<string>("secret_encrypted");
    expect(row).toMatch(/^v1\./);
    expect(row).not.toContain(secret);
    expect(
      (await api("/api/auth/mfa/totp/setup", { method: "POST", headers: person.headers })).status,
    ).toBe(409);
  });
});

describe("signing in with a second factor", () => {
  it("asks for a code after the password, and accepts a fresh one once", async () => {
    const person = await enrolled();
    const first = await login(person.email);
    expect(first.body.data).toMatchObject({
      mfa_required: true,
      methods: ["totp", "recovery_code"],
    });
    expect(first.body.data.access_token).toBeUndefined();
    const code = codeAt(person.secret, 1);
    expect((await verify({ mfa_token: first.body.data.mfa_token, code: "123456" })).status).toBe(
      401,
    );
    const signedIn = await verify({ mfa_token: first.body.data.mfa_token, code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.access_token).toEqual(expect.any(String));

    const second = await login(person.email);
    const replayed = await verify({ mfa_token: second.body.data.mfa_token, code });
    expect(replayed.status).toBe(401);
  });

  it("accepts each recovery code once", async () => {
    const person = await enrolled();
    const [recovery] = person.recoveryCodes;
    const first = await login(person.email);
    expect(
      (
        await verify({
          mfa_token: first.body.data.mfa_token,
          recovery_code: recovery!.toUpperCase(),
        })
      ).status,
    ).toBe(200);
    const again = await login(person.email);
    expect(
      (await verify({ mfa_token: again.body.data.mfa_token, recovery_code: recovery! })).status,
    ).toBe(401);
    expect(
      (await api("/api/auth/mfa", { headers: person.headers })).body.data.recovery_codes_left,
    ).toBe(9);
  });

  it("uses a code or a recovery code once, even when it is checked several times at once", async () => {
    // Straight at the service: requests in the test pool reach it one after another, and
    // only concurrent calls show that two checks cannot both read the code as unused.
    const person = await enrolled();
    const mfaEnv = env as unknown as Env;
    const code = codeAt(person.secret, 1);
    const byCode = await Promise.all(
      Array.from({ length: 4 }, () =>
        verifySecondFactor(mfaEnv, person.userId, { code }, Date.now()),
      ),
    );
    expect(byCode.filter((r) => r === "otp")).toHaveLength(1);
    const recoveryCode = person.recoveryCodes[0]!;
    const byRecovery = await Promise.all(
      Array.from({ length: 4 }, () =>
        verifySecondFactor(mfaEnv, person.userId, { recoveryCode }, Date.now()),
      ),
    );
    expect(byRecovery.filter((r) => r === "recovery")).toHaveLength(1);
  });

  it("ends the challenge after 5 wrong codes", async () => {
    const person = await enrolled();
    const { mfa_token } = (await login(person.email)).body.data;
    for (let i = 0; i < 5; i++)
      expect((await verify({ mfa_token, code: "000000" })).status).toBe(401);
    const late = await verify({ mfa_token, code: codeAt(person.secret, 1) });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("session_expired");
  });
});

describe("sensitive staff actions need MFA", () => {
  it("refuses system configuration to a staff token without MFA and allows it with MFA", async () => {
    const withoutMfa = await bearerFor("super_admin", undefined, false);
    const refused = await api("/api/admin/backups", {
      method: "POST",
      headers: withoutMfa.headers,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("mfa_required");
    expect((await api("/api/admin/backups", { headers: withoutMfa.headers })).status).toBe(200);
    const withMfa = await bearerFor("super_admin");
    expect(
      (await api("/api/admin/backups", { method: "POST", headers: withMfa.headers })).status,
    ).toBe(202);
  });

  it("carries the MFA level of a real sign-in through refreshes", async () => {
    const person = await enrolled();
    await env.DB.prepare("UPDATE users SET role = 'super_admin' WHERE id = ?")
      .bind(person.userId)
      .run();
    const challenge = (await login(person.email)).body.data.mfa_token;
    const tokens = (await verify({ mfa_token: challenge, code: codeAt(person.secret, 1) })).body
      .data;
    const refreshed = (
      await api("/api/auth/refresh", postJson({ refresh_token: tokens.refresh_token }))
    ).body.data;
    const run = await api("/api/admin/backups", {
      method: "POST",
      headers: { Authorization: `Bearer ${refreshed.access_token}` },
    });
    expect(run.status).toBe(202);
  });
});

describe("turning MFA off", () => {
  it("needs the password and a code", async () => {
    const person = await enrolled();
    const code = codeAt(person.secret, 1);
    expect(
      (
        await api(
          "/api/auth/mfa/disable",
          postJson({ password: "wrong password!!", code }, person.headers),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await api(
          "/api/auth/mfa/disable",
          postJson({ password: PASSWORD, code: "000000" }, person.headers),
        )
      ).status,
    ).toBe(401);
    expect(
      (await api("/api/auth/mfa/disable", postJson({ password: PASSWORD, code }, person.headers)))
        .status,
    ).toBe(200);
    expect((await login(person.email)).body.data.access_token).toEqual(expect.any(String));
  });
});
