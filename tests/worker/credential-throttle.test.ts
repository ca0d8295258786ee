import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  type AttemptBudget,
  releaseAttempts,
  reserveAttempts,
  USER_PROOF_LIMIT,
} from "../../server/auth/credential-throttle";
import {
  codeAt,
  personWithTotp as enrolled,
  PASSWORD,
  postJson,
  signedInPerson,
} from "./auth-support";
import { api, uniqueId } from "./helpers";

const MINUTE = 60_000;
/** A fixed clock far from real time: each budget here is only ever touched at these times. */
const T0 = Date.UTC(2031, 0, 1, 12, 0, 0);
const budget = (limit = 3, windowMs = 10 * MINUTE): AttemptBudget => ({
  key: uniqueId("budget"),
  limit,
  windowMs,
});
const granted = async (budgets: AttemptBudget[], now: number) =>
  (await reserveAttempts(env, budgets, now)).granted;

/** Six digits that are none of the codes the server would accept right now. */
function wrongCodes(secret: string, count: number): string[] {
  const right = new Set([-1, 0, 1].map((steps) => codeAt(secret, steps)));
  const codes: string[] = [];
  for (let n = 0; codes.length < count; n++) {
    const code = String(n).padStart(6, "0");
    if (!right.has(code)) codes.push(code);
  }
  return codes;
}

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  api(path, postJson(body, headers));
const statuses = (responses: { status: number }[]) => responses.map((r) => r.status);
const LIMIT = USER_PROOF_LIMIT.limit;

describe("reserveAttempts", () => {
  it("grants `limit` attempts in a window that starts at the first one, then refuses with the time left", async () => {
    const b = budget(3);
    for (const at of [T0, T0 + MINUTE, T0 + 2 * MINUTE]) expect(await granted([b], at)).toBe(true);
    expect(await reserveAttempts(env, [b], T0 + 4 * MINUTE)).toEqual({
      granted: false,
      refused: b,
      retryAfterSeconds: 6 * 60,
    });
    // a refused attempt does not count, and the window does not move
    expect(await granted([b], T0 + 10 * MINUTE - 1)).toBe(false);
    expect(await granted([b], T0 + 10 * MINUTE)).toBe(true);
    expect(await granted([b], T0 + 10 * MINUTE + 1)).toBe(true);
  });

  it("counts only wrong answers: a released attempt is given back", async () => {
    const b = budget(2);
    const right = await reserveAttempts(env, [b], T0);
    if (!right.granted) throw new Error("first attempt refused");
    await releaseAttempts(env, right);
    expect(await granted([b], T0 + 1)).toBe(true);
    expect(await granted([b], T0 + 2)).toBe(true);
    expect(await granted([b], T0 + 3)).toBe(false);
  });

  it("does not give an attempt back into a later window than the one it was taken in", async () => {
    const b = budget(1, MINUTE);
    const old = await reserveAttempts(env, [b], T0);
    expect(await granted([b], T0 + MINUTE)).toBe(true);
    if (!old.granted) throw new Error("first attempt refused");
    await releaseAttempts(env, old);
    expect(await granted([b], T0 + MINUTE + 1)).toBe(false);
  });

  it("cannot be raced: of 20 concurrent reservations exactly `limit` are granted", async () => {
    const b = budget(5);
    const results = await Promise.all(Array.from({ length: 20 }, () => granted([b], T0)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it("with several budgets, is refused when any is spent and then takes nothing from the others", async () => {
    const small = budget(1);
    const large = budget(3);
    expect(await granted([small, large], T0)).toBe(true);
    const refused = await reserveAttempts(env, [large, small], T0 + 1);
    expect(refused).toMatchObject({ granted: false, refused: small });
    // `large` lost only the one attempt that was granted
    expect(await granted([large], T0 + 2)).toBe(true);
    expect(await granted([large], T0 + 3)).toBe(true);
    expect(await granted([large], T0 + 4)).toBe(false);
  });
});

describe("one proof budget per account", () => {
  it("stops recovery-code regeneration after five wrong codes; the right code is refused too", async () => {
    const person = await enrolled();
    const responses = [];
    for (const code of wrongCodes(person.secret, 30)) {
      responses.push(await post("/api/auth/mfa/recovery-codes", { code }, person.headers));
    }
    expect(statuses(responses)).toEqual([
      ...Array(LIMIT).fill(401),
      ...Array(30 - LIMIT).fill(429),
    ]);
    const limited = responses.at(-1)!;
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    const right = await post(
      "/api/auth/mfa/recovery-codes",
      { code: codeAt(person.secret, 1) },
      person.headers,
    );
    expect(right.status).toBe(429);
    expect((await api("/api/auth/mfa", { headers: person.headers })).body.data).toMatchObject({
      recovery_codes_left: 10,
    });
  });

  it("checks at most five of 22 concurrent codes on one sign-in challenge", async () => {
    const person = await enrolled();
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    const { mfa_token } = login.body.data;
    const burst = await Promise.all(
      [...wrongCodes(person.secret, 21), codeAt(person.secret, 1)].map((code) =>
        api("/api/auth/mfa/verify", postJson({ mfa_token, code })),
      ),
    );
    const checked = burst.filter(
      (r) => r.status === 200 || r.body.error?.code === "invalid_credentials",
    );
    expect(checked.length).toBeLessThanOrEqual(LIMIT);
    expect(checked.length).toBeGreaterThan(0);
    for (const refused of burst.filter((r) => !checked.includes(r))) {
      expect([401, 429]).toContain(refused.status);
      expect(["session_expired", "rate_limited"]).toContain(refused.body.error.code);
    }
  });

  it("ends the sign-in challenge after five wrong codes, and a new one cannot try more", async () => {
    const person = await enrolled();
    const verify = async (code: string) => {
      const { mfa_token } = (
        await api("/api/auth/login", postJson({ email: person.email, password: PASSWORD }))
      ).body.data;
      return api("/api/auth/mfa/verify", postJson({ mfa_token, code }));
    };
    for (const code of wrongCodes(person.secret, LIMIT))
      expect((await verify(code)).status).toBe(401);
    const next = await verify(codeAt(person.secret, 1));
    expect(next.status).toBe(429);
    expect(next.body.error.code).toBe("rate_limited");
  });

  it("limits wrong current passwords at change-password, even sent all at once", async () => {
    const person = await signedInPerson();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(
          "/api/auth/change-password",
          { current_password: `not the password ${i}`, new_password: "a brand new passphrase" },
          person.headers,
        ),
      ),
    );
    expect(statuses(burst).filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses(burst).filter((s) => s === 429)).toHaveLength(12 - LIMIT);
    const right = await post(
      "/api/auth/change-password",
      { current_password: PASSWORD, new_password: "a brand new passphrase" },
      person.headers,
    );
    expect(right.status).toBe(429);
  });

  it("answers turning MFA off the same for a wrong password and a wrong code, and limits both", async () => {
    const person = await enrolled();
    const [wrong] = wrongCodes(person.secret, 1);
    const disable = (body: Record<string, string>) =>
      post("/api/auth/mfa/disable", body, person.headers);
    const wrongPassword = await disable({
      password: "not the password",
      code: codeAt(person.secret),
    });
    const wrongCode = await disable({ password: PASSWORD, code: wrong! });
    const wrongRecovery = await disable({ password: PASSWORD, recovery_code: "aaaaa-bbbbb" });
    for (const answer of [wrongPassword, wrongCode, wrongRecovery]) {
      expect(answer.status).toBe(401);
      expect(answer.body.error).toEqual(wrongPassword.body.error);
    }
    expect(wrongPassword.body.error.code).toBe("invalid_credentials");
    // a wrong password does not burn the recovery code sent with it
    const [recovery] = person.recoveryCodes;
    expect((await disable({ password: "still not it", recovery_code: recovery! })).status).toBe(
      401,
    );
    expect((await api("/api/auth/mfa", { headers: person.headers })).body.data).toMatchObject({
      recovery_codes_left: 10,
    });
    expect((await disable({ password: "nor this", code: wrong! })).status).toBe(401);
    const right = await disable({ password: PASSWORD, recovery_code: recovery! });
    expect(right.status).toBe(429);
    expect((await api("/api/auth/mfa", { headers: person.headers })).body.data.enabled).toBe(true);
  });

  it("is one budget across factors and endpoints, and right answers do not use it up", async () => {
    const person = await enrolled();
    const [a, b] = wrongCodes(person.secret, 2);
    // right answers in between leave the count where it was
    expect(
      (await post("/api/auth/step-up", { code: codeAt(person.secret, 0) }, person.headers)).status,
    ).toBe(200);
    expect(
      (
        await post(
          "/api/auth/change-password",
          { current_password: "wrong one", new_password: "a brand new passphrase" },
          person.headers,
        )
      ).status,
    ).toBe(401);
    expect(
      (await post("/api/auth/mfa/disable", { password: PASSWORD, code: a! }, person.headers))
        .status,
    ).toBe(401);
    expect((await post("/api/auth/mfa/recovery-codes", { code: b! }, person.headers)).status).toBe(
      401,
    );
    expect(
      (await post("/api/auth/step-up", { recovery_code: "aaaaa-bbbbb" }, person.headers)).status,
    ).toBe(401);
    const { mfa_token } = (
      await api("/api/auth/login", postJson({ email: person.email, password: PASSWORD }))
    ).body.data;
    expect((await api("/api/auth/mfa/verify", postJson({ mfa_token, code: a! }))).status).toBe(401);
    const spent = await post(
      "/api/auth/step-up",
      { code: codeAt(person.secret, 1) },
      person.headers,
    );
    expect(spent.status).toBe(429);
    expect(spent.body.error.code).toBe("rate_limited");
    const passkey = await post(
      "/api/auth/passkeys/step-up/verify",
      {
        challenge_id: crypto.randomUUID(),
        response: {
          id: "AAAA",
          rawId: "AAAA",
          type: "public-key",
          clientExtensionResults: {},
          response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
        },
      },
      person.headers,
    );
    expect(passkey.status).toBe(429);
  });
});
