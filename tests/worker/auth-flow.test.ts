import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { cookieJar } from "./auth-support";
import { api, countRows, uniqueId } from "./helpers";

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
/** Each test signs in from its own address so per-address limits never couple tests. */
const freshIp = () => `198.51.100.${++ipCounter}`;

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

async function register(overrides: Record<string, unknown> = {}, ip = freshIp()) {
  const email = `${uniqueId("person")}@example.test`;
  const response = await api(
    "/api/auth/register",
    json(
      { email, password: PASSWORD, name: "Ada Lovelace", ...overrides },
      { "CF-Connecting-IP": ip },
    ),
  );
  return { ...response, email: (overrides.email as string) ?? email };
}

const login = (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  api("/api/auth/login", json({ email, password }, { "CF-Connecting-IP": freshIp(), ...headers }));

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("register", () => {
  it("creates a pending account and starts its signup workflow; the answer names no account", async () => {
    const { status, body, email, response } = await register({ plan: "standard" });
    expect(status).toBe(202);
    expect(body.data).toEqual({ status: "verification_sent", email });
    expect(response.headers.getSetCookie()).toEqual([]);
    const user = await env.DB.prepare("SELECT id, status, password_hash FROM users WHERE email = ?")
      .bind(email)
      .first<{ id: string; status: string; password_hash: string }>();
    expect(user?.status).toBe("pending_verification");
    expect(user?.password_hash).toMatch(/^pbkdf2/);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM workflow_runs WHERE instance_id = ?",
        `signup-${user!.id}`,
      ),
    ).toBe(1);
  });

  it("rejects weak passwords and bad input with 400 and writes nothing", async () => {
    const before = await countRows("SELECT count(*) AS n FROM users");
    for (const [overrides, path] of [
      [{ password: "short" }, "password"],
      [{ password: "passwordpassword" }, "password"],
      [{ email: "not-an-email" }, "email"],
      [{ name: "" }, "name"],
      [{ plan: "platinum" }, "plan"],
    ] as const) {
      const { status, body } = await register(overrides);
      expect(status, JSON.stringify(overrides)).toBe(400);
      expect(body.error.code).toBe("validation_failed");
      expect(
        body.error.details.some((issue: { path: string[] }) => issue.path.includes(path)),
      ).toBe(true);
    }
    expect(await countRows("SELECT count(*) AS n FROM users")).toBe(before);
  });
});

describe("login", () => {
  it("returns a token pair that works, and the account behind it", async () => {
    const { email } = await register();
    const { status, body } = await login(email);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ token_type: "Bearer", expires_in: 900, user: { email } });
    const me = await api("/api/auth/me", { headers: bearer(body.data.access_token) });
    expect(me.body.data.user.email).toBe(email);
    const validate = await api("/api/auth/validate", { headers: bearer(body.data.access_token) });
    expect(validate.body.data).toMatchObject({ valid: true, role: "user", permissions: [] });
  });

  it("gives one generic answer for a wrong password and for an unknown email", async () => {
    const { email } = await register();
    const wrong = await login(email, "not the password at all");
    const unknown = await login(`${uniqueId("nobody")}@example.test`);
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({
        code: "invalid_credentials",
        message: "The email or password is incorrect",
        details: null,
      });
    }
  });

  it("locks the account after more than 5 failures in 10 minutes, with Retry-After", async () => {
    const { email } = await register();
    for (let i = 0; i < 5; i++) expect((await login(email, "wrong password!")).status).toBe(401);
    const sixth = await login(email, "wrong password!");
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe("account_locked");
    expect(Number(sixth.response.headers.get("retry-after"))).toBeGreaterThan(0);
    const evenRight = await login(email);
    expect(evenRight.status).toBe(429);
  });

  it("refuses a suspended account only after the password matched", async () => {
    const { email } = await register();
    await env.DB.prepare("UPDATE users SET status = 'suspended' WHERE email = ?").bind(email).run();
    expect((await login(email, "wrong password!")).body.error.code).toBe("invalid_credentials");
    const right = await login(email);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe("account_suspended");
  });
});

describe("refresh, rotation and reuse", () => {
  it("rotates the refresh token; reusing the old one revokes the whole session", async () => {
    const { email } = await register();
    const first = (await login(email)).body.data;
    const second = await api("/api/auth/refresh", json({ refresh_token: first.refresh_token }));
    expect(second.status).toBe(200);
    expect(second.body.data.refresh_token).not.toBe(first.refresh_token);

    const reuse = await api("/api/auth/refresh", json({ refresh_token: first.refresh_token }));
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe("session_expired");
    const successor = await api(
      "/api/auth/refresh",
      json({ refresh_token: second.body.data.refresh_token }),
    );
    expect(successor.status).toBe(401);
  });

  it("rejects unknown and missing refresh tokens", async () => {
    expect((await api("/api/auth/refresh", json({ refresh_token: "made-up" }))).status).toBe(401);
    expect((await api("/api/auth/refresh", { method: "POST" })).status).toBe(401);
  });
});

describe("logout and sessions", () => {
  it("logout kills this access token and this session only", async () => {
    const { email } = await register();
    const here = (await login(email)).body.data;
    const there = (await login(email)).body.data;
    const out = await api(
      "/api/auth/logout",
      json({ refresh_token: here.refresh_token }, bearer(here.access_token)),
    );
    expect(out.status).toBe(200);
    expect((await api("/api/auth/me", { headers: bearer(here.access_token) })).status).toBe(401);
    expect(
      (await api("/api/auth/refresh", json({ refresh_token: here.refresh_token }))).status,
    ).toBe(401);
    expect((await api("/api/auth/me", { headers: bearer(there.access_token) })).status).toBe(200);
  });

  it("logout-all kills every session and every access token of the account", async () => {
    const { email } = await register();
    const a = (await login(email)).body.data;
    const b = (await login(email)).body.data;
    expect(
      (await api("/api/auth/logout-all", { method: "POST", headers: bearer(a.access_token) }))
        .status,
    ).toBe(200);
    expect((await api("/api/auth/me", { headers: bearer(b.access_token) })).status).toBe(401);
    expect((await api("/api/auth/refresh", json({ refresh_token: b.refresh_token }))).status).toBe(
      401,
    );
    const again = (await login(email)).body.data;
    expect((await api("/api/auth/me", { headers: bearer(again.access_token) })).status).toBe(200);
  });

  it("lists sessions with the current one marked, and revokes one; others' sessions are 404", async () => {
    const { email } = await register();
    const a = (await login(email, PASSWORD, { "User-Agent": "Laptop" })).body.data;
    const b = (await login(email, PASSWORD, { "User-Agent": "Phone" })).body.data;
    const list = await api("/api/auth/sessions", { headers: bearer(a.access_token) });
    expect(list.body.data).toHaveLength(2);
    const current = list.body.data.find((s: { current: boolean }) => s.current);
    expect(current.user_agent).toBe("Laptop");
    const phone = list.body.data.find((s: { user_agent: string }) => s.user_agent === "Phone");

    const stranger = (await login((await register()).email)).body.data;
    expect(
      (
        await api(`/api/auth/sessions/${phone.id}`, {
          method: "DELETE",
          headers: bearer(stranger.access_token),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(`/api/auth/sessions/${phone.id}`, {
          method: "DELETE",
          headers: bearer(a.access_token),
        })
      ).status,
    ).toBe(200);
    expect((await api("/api/auth/refresh", json({ refresh_token: b.refresh_token }))).status).toBe(
      401,
    );
  });
});

describe("browser sessions: cookies and CSRF", () => {
  it("sets httpOnly cookies for web clients and requires the CSRF token on cookie requests", async () => {
    const { email } = await register();
    const signedIn = await login(email, PASSWORD, { "X-Requested-With": "resume-builder-web" });
    const cookies = signedIn.response.headers.getSetCookie();
    const { jar, header: cookieHeader } = cookieJar(signedIn.response);
    expect(cookies.find((c) => c.startsWith("__Host-rb_access="))).toMatch(
      /HttpOnly.*Secure|Secure.*HttpOnly/,
    );
    expect(cookies.find((c) => c.startsWith("__Secure-rb_refresh="))).toMatch(/Path=\/api\/auth/);
    expect(signedIn.body.data.csrf_token).toBe(jar["__Host-rb_csrf"]);

    expect((await api("/api/auth/me", { headers: { Cookie: cookieHeader } })).status).toBe(200);
    const forged = await api("/api/auth/logout", {
      method: "POST",
      headers: { Cookie: cookieHeader },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("csrf_failed");
    const refreshed = await api("/api/auth/refresh", {
      method: "POST",
      headers: { Cookie: cookieHeader, "X-CSRF-Token": jar["__Host-rb_csrf"]! },
    });
    expect(refreshed.status).toBe(200);
    expect(
      refreshed.response.headers.getSetCookie().some((c) => c.startsWith("__Secure-rb_refresh=")),
    ).toBe(true);
  });

  it("treats an expired session cookie as signed out rather than failing public routes", async () => {
    const expired = { Cookie: "__Host-rb_access=aaa.bbb.ccc" };
    expect((await api("/api/health", { headers: expired })).status).toBe(200);
    expect((await api("/api/auth/me", { headers: expired })).status).toBe(401);
  });
});

describe("credential stuffing", () => {
  it("refuses an address that failed for 10 different accounts, even with right credentials", async () => {
    const { email } = await register();
    const ip = "198.18.0.77";
    for (let i = 0; i < 10; i++) {
      const tried = await login(`${uniqueId("victim")}@example.test`, "guessed password 1", {
        "CF-Connecting-IP": ip,
      });
      expect(tried.status).toBe(401);
    }
    const refused = await login(email, PASSWORD, { "CF-Connecting-IP": ip });
    expect(refused.status).toBe(429);
    expect(refused.response.headers.get("retry-after")).toBe("600");
    expect((await login(email)).status).toBe(200);
  });
});
