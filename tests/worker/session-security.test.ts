import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { cookieJar, PASSWORD, postJson } from "./auth-support";
import { api, uniqueId } from "./helpers";

const ACCESS = "__Host-rb_access";
const REFRESH = "__Secure-rb_refresh";
const CSRF = "__Host-rb_csrf";

/** A registered account; each call of `session()` signs it in on one more device. */
async function account() {
  await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
  const email = `${uniqueId("device")}@example.test`;
  await api("/api/auth/register", postJson({ email, password: PASSWORD, name: "Mae Jemison" }));
  return {
    email,
    /** A browser session: cookies and the CSRF token it was given. */
    async browser() {
      const login = await api(
        "/api/auth/login",
        postJson({ email, password: PASSWORD }, { "X-Requested-With": "resume-builder-web" }),
      );
      expect(login.status).toBe(200);
      const { jar, header } = cookieJar(login.response);
      return {
        jar,
        cookie: header,
        csrf: jar[CSRF]!,
        setCookies: login.response.headers.getSetCookie(),
      };
    },
    /** An API client's session: a bearer token pair. */
    async client() {
      const login = await api("/api/auth/login", postJson({ email, password: PASSWORD }));
      expect(login.status).toBe(200);
      const tokens = login.body.data as { access_token: string; refresh_token: string };
      return { ...tokens, headers: { Authorization: `Bearer ${tokens.access_token}` } };
    },
  };
}

const me = (headers: Record<string, string>) => api("/api/auth/me", { headers });

describe("CSRF: only a real Bearer credential is exempt", () => {
  it("refuses a cookie request that adds a non-Bearer Authorization header (no cookie fallback)", async () => {
    const browser = await (await account()).browser();
    for (const authorization of [
      "Basic eDp4",
      "Bearer not-a-real-token",
      "Bearer a.b.c",
      "Bearer",
    ]) {
      const forged = await api("/api/auth/logout-all", {
        method: "POST",
        headers: { Cookie: browser.cookie, Authorization: authorization },
      });
      expect(forged.status, authorization).toBe(401);
    }
    // nothing happened: the session is still signed in
    expect((await me({ Cookie: browser.cookie })).status).toBe(200);
  });

  it("refuses a CSRF token minted for another session, or one the attacker chose", async () => {
    const person = await account();
    const victim = await person.browser();
    const attacker = await person.browser();
    const withToken = (token: string) => ({
      Cookie: `${ACCESS}=${victim.jar[ACCESS]}; ${CSRF}=${token}`,
      "X-CSRF-Token": token,
    });
    // a token of the same account's other session, planted as cookie and header alike
    const crossSession = await api("/api/auth/logout-all", {
      method: "POST",
      headers: withToken(attacker.csrf),
    });
    expect(crossSession.status).toBe(403);
    expect(crossSession.body.error.code).toBe("csrf_failed");
    const chosen = await api("/api/auth/logout-all", {
      method: "POST",
      headers: withToken("planted-by-a-sibling-subdomain"),
    });
    expect(chosen.status).toBe(403);
    expect((await me({ Cookie: victim.cookie })).status).toBe(200);

    // the session's own token works
    const own = await api("/api/auth/logout", {
      method: "POST",
      headers: { Cookie: victim.cookie, "X-CSRF-Token": victim.csrf },
    });
    expect(own.status).toBe(200);
  });

  it("binds the refresh request, which has only the refresh cookie, to its session too", async () => {
    const person = await account();
    const browser = await person.browser();
    const other = await person.browser();
    const refreshOnly = `${REFRESH}=${browser.jar[REFRESH]}; ${CSRF}=${other.csrf}`;
    const forged = await api("/api/auth/refresh", {
      method: "POST",
      headers: { Cookie: refreshOnly, "X-CSRF-Token": other.csrf },
    });
    expect(forged.status).toBe(403);
    const refreshed = await api("/api/auth/refresh", {
      method: "POST",
      headers: { Cookie: `${REFRESH}=${browser.jar[REFRESH]}`, "X-CSRF-Token": browser.csrf },
    });
    expect(refreshed.status).toBe(200);
    const next = cookieJar(refreshed.response).jar[CSRF]!;
    expect(next).not.toBe(browser.csrf);
    // a new token for the same session: it works with the new access cookie
    const after = await api("/api/auth/logout", {
      method: "POST",
      headers: { Cookie: cookieJar(refreshed.response).header, "X-CSRF-Token": next },
    });
    expect(after.status).toBe(200);
  });

  it("asks a sign-in for the token while the browser's session is live, not once it ended elsewhere", async () => {
    const person = await account();
    const browser = await person.browser();
    const signIn = () =>
      api(
        "/api/auth/login",
        postJson(
          { email: person.email, password: PASSWORD },
          { Cookie: browser.cookie, "X-Requested-With": "resume-builder-web" },
        ),
      );
    const live = await signIn();
    expect(live.status).toBe(403);
    expect(live.body.error.code).toBe("csrf_failed");
    // signed out everywhere from another device: this browser keeps its httpOnly cookies,
    // and its app dropped the CSRF cookie when told the session ended
    const elsewhere = await person.client();
    expect(
      (await api("/api/auth/logout-all", { method: "POST", headers: elsewhere.headers })).status,
    ).toBe(200);
    expect((await signIn()).status).toBe(200);
  });

  it("lets a bearer client through without a CSRF token", async () => {
    const client = await (await account()).client();
    const out = await api("/api/auth/logout-all", { method: "POST", headers: client.headers });
    expect(out.status).toBe(200);
  });
});

describe("session cookies", () => {
  it("carry the __Host- prefix (__Secure- for the refresh cookie on /api/auth)", async () => {
    const { setCookies } = await (await account()).browser();
    const cookie = (name: string) => setCookies.find((line) => line.startsWith(`${name}=`))!;
    for (const name of [ACCESS, CSRF]) {
      expect(cookie(name)).toMatch(/; Path=\/(;|$)/);
      expect(cookie(name)).toMatch(/; Secure/);
    }
    expect(cookie(REFRESH)).toMatch(/; Path=\/api\/auth/);
    expect(cookie(REFRESH)).toMatch(/; Secure/);
    expect(cookie(ACCESS)).toMatch(/; HttpOnly/);
    expect(cookie(REFRESH)).toMatch(/; HttpOnly/);
    expect(setCookies.join("\n")).not.toMatch(/Domain=/i);
  });

  it("ignores the old unprefixed cookie names", async () => {
    const { jar } = await (await account()).browser();
    expect((await me({ Cookie: `rb_access=${jar[ACCESS]}` })).status).toBe(401);
  });
});

describe("a revoked session's access tokens are refused at once", () => {
  it("when a rotated refresh token is reused", async () => {
    const client = await (await account()).client();
    const rotated = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: client.refresh_token }),
    );
    expect(rotated.status).toBe(200);
    const fresh = { Authorization: `Bearer ${rotated.body.data.access_token}` };
    expect((await me(fresh)).status).toBe(200);

    const reuse = await api("/api/auth/refresh", postJson({ refresh_token: client.refresh_token }));
    expect(reuse.status).toBe(401);
    expect((await me(fresh)).status).toBe(401);
    expect((await me(client.headers)).status).toBe(401);
  });

  it("when the device is signed out from another one", async () => {
    const person = await account();
    const laptop = await person.client();
    const phone = await person.client();
    const sessions = (await api("/api/auth/sessions", { headers: laptop.headers })).body.data as {
      id: string;
      current: boolean;
    }[];
    const phoneSession = sessions.find((session) => !session.current)!;
    const revoked = await api(`/api/auth/sessions/${phoneSession.id}`, {
      method: "DELETE",
      headers: laptop.headers,
    });
    expect(revoked.status).toBe(200);
    expect((await me(phone.headers)).status).toBe(401);
    expect((await me(laptop.headers)).status).toBe(200);
  });

  it("when the session's browser cookie is used after it was signed out elsewhere", async () => {
    const person = await account();
    const browser = await person.browser();
    const other = await person.client();
    await api("/api/auth/logout-all", { method: "POST", headers: other.headers });
    expect((await me({ Cookie: browser.cookie })).status).toBe(401);
  });

  it("after logout everywhere", async () => {
    const person = await account();
    const a = await person.client();
    const b = await person.client();
    expect((await api("/api/auth/logout-all", { method: "POST", headers: a.headers })).status).toBe(
      200,
    );
    expect((await me(a.headers)).status).toBe(401);
    expect((await me(b.headers)).status).toBe(401);
  });

  it("after a password change, for every other session", async () => {
    const person = await account();
    const here = await person.client();
    const there = await person.client();
    const changed = await api(
      "/api/auth/change-password",
      postJson(
        { current_password: PASSWORD, new_password: "a brand new long passphrase" },
        here.headers,
      ),
    );
    expect(changed.status).toBe(200);
    expect((await me(there.headers)).status).toBe(401);
    expect((await me({ Authorization: `Bearer ${changed.body.data.access_token}` })).status).toBe(
      200,
    );
  });
});
