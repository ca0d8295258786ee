import { createExecutionContext, env, introspectWorkflow } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { app } from "../../api/app";
import { pkceChallenge } from "../../core/auth/oauth";
import { sha256Hex } from "../../core/security/crypto";
import { type FlowState, takeFlow } from "../../server/auth/oauth";
import type { Env } from "../../server/env";
import { PASSWORD, postJson } from "./auth-support";
import { api, countRows, uniqueId } from "./helpers";
import { fakeProviders, finishFlow, identity, signInWith, startFlow } from "./oauth-fake-provider";

let fake: ReturnType<typeof fakeProviders>;
/** Every account a test opens starts its signup run; the introspector keeps them in the test. */
let workflows: Awaited<ReturnType<typeof introspectWorkflow>>;
beforeEach(async () => {
  fake = fakeProviders();
  workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
});
afterEach(async () => {
  fake.restore();
  await workflows.dispose();
});

const userByEmail = (email: string) =>
  env.DB.prepare(
    "SELECT id, status, email_verified_at, password_hash, plan FROM users WHERE email = ?",
  )
    .bind(email)
    .first<{
      id: string;
      status: string;
      email_verified_at: number | null;
      password_hash: string | null;
      plan: string;
    }>();

const identitiesOf = (userId: string) =>
  countRows("SELECT count(*) AS n FROM oauth_accounts WHERE user_id = ?", userId);

/**
 * A registered, signed-in person whose signup run stays under this file's introspector
 * (auth-support's helper disposes its own, and later events to the run would then fail).
 */
async function signedInPerson() {
  const email = `${uniqueId("person")}@example.test`;
  await api(
    "/api/auth/register",
    postJson({ email, password: PASSWORD, name: "Katherine Johnson" }),
  );
  const login = await api("/api/auth/login", postJson({ email, password: PASSWORD }));
  return {
    email,
    userId: login.body.data.user.id as string,
    refreshToken: login.body.data.refresh_token as string,
    headers: { Authorization: `Bearer ${login.body.data.access_token}` },
  };
}

const bearer = (token: string | null) => ({ Authorization: `Bearer ${token}` });

describe("providers", () => {
  it("lists only the configured ones", async () => {
    const all = await api("/api/auth/oauth/providers");
    expect(all.body.data.providers).toEqual([
      { id: "google", name: "Google" },
      { id: "github", name: "GitHub" },
      { id: "microsoft", name: "Microsoft" },
    ]);
    const withoutGithub = { ...env, OAUTH_GITHUB_CLIENT_SECRET: "" };
    const partial = await app.request(
      "/api/auth/oauth/providers",
      {},
      withoutGithub,
      createExecutionContext(),
    );
    expect(((await partial.json()) as { data: unknown }).data).toEqual({
      providers: [
        { id: "google", name: "Google" },
        { id: "microsoft", name: "Microsoft" },
      ],
    });
    const start = await app.request(
      "/api/auth/oauth/github/start",
      { redirect: "manual" },
      withoutGithub,
      createExecutionContext(),
    );
    expect(start.status).toBe(404);
    expect((await startFlow("facebook")).status).toBe(404);
  });
});

describe("starting a flow", () => {
  it("redirects with PKCE S256 and a state bound to the browser", async () => {
    const started = await startFlow("google", "next=%2Fresumes%3Ftab%3D2");
    expect(started.status).toBe(302);
    const { location } = started;
    expect(`${location.origin}${location.pathname}`).toBe(
      "https://accounts.google.com/o/oauth2/v2/auth",
    );
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      response_type: "code",
      client_id: "test-google-client",
      redirect_uri: "http://127.0.0.1:8787/api/auth/oauth/google/callback",
      scope: "openid email profile",
      code_challenge_method: "S256",
    });
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(started.state.length).toBeGreaterThanOrEqual(43);
    expect(started.setCookie).toMatch(/HttpOnly/i);
    expect(started.setCookie).toMatch(/SameSite=Lax/i);
    expect(started.setCookie).toMatch(/Path=\/api\/auth\/oauth/);
    expect(started.cookie).toBe(`rb_oauth_flow=${await sha256Hex(started.state)}`);
    const stored = await env.SESSIONS.get<Record<string, unknown>>(
      `oauth-state:${started.state}`,
      "json",
    );
    expect(stored).toMatchObject({ provider: "google", intent: "signin", next: "/resumes?tab=2" });
    expect(await pkceChallenge(stored!.verifier as string)).toBe(params.code_challenge);
  });

  it("refuses bad input with 400, and linking without a session with 401", async () => {
    for (const query of [
      "intent=steal",
      "next=%2F%2Fevil.example",
      "next=https%3A%2F%2Fx.test",
      "next=%2F%5Cevil",
    ]) {
      const started = await api(`/api/auth/oauth/github/start?${query}`, { redirect: "manual" });
      expect(started.status, query).toBe(400);
      expect(started.body.error.code).toBe("validation_failed");
    }
    expect((await startFlow("github", "intent=link")).status).toBe(401);
    const signedIn = await signedInPerson();
    expect(
      (
        await api("/api/auth/oauth/accounts/not-a-uuid", {
          method: "DELETE",
          headers: signedIn.headers,
        })
      ).status,
    ).toBe(400);
  });
});

describe("signing in", () => {
  it("creates a verified account without a password, opens a session and starts signup", async () => {
    const who = identity("google");
    const started = await startFlow("google");
    const code = fake.codeFor(who);
    const landed = await finishFlow("google", { code, state: started.state }, started.cookie);
    expect(landed.status).toBe(302);
    expect(landed.location).toBe("/onboarding");
    for (const name of ["__Host-rb_access=", "__Secure-rb_refresh=", "__Host-rb_csrf="])
      expect(landed.cookies.some((c) => c.startsWith(name))).toBe(true);
    expect(landed.cookies.some((c) => /^rb_oauth_flow=;/.test(c))).toBe(true);

    const [exchange] = fake.tokenRequests;
    expect(Object.fromEntries(exchange!.params)).toMatchObject({
      grant_type: "authorization_code",
      code,
      client_id: "test-google-client",
      client_secret: "test-google-secret",
      redirect_uri: "http://127.0.0.1:8787/api/auth/oauth/google/callback",
    });
    expect(await pkceChallenge(exchange!.params.get("code_verifier")!)).toBe(
      started.location.searchParams.get("code_challenge"),
    );

    const user = await userByEmail(who.email!);
    expect(user).toMatchObject({ status: "active", password_hash: null, plan: "free" });
    expect(user!.email_verified_at).toEqual(expect.any(Number));
    expect(await identitiesOf(user!.id)).toBe(1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM workflow_runs WHERE instance_id = ?",
        `signup-${user!.id}`,
      ),
    ).toBe(1);
    const [instance] = workflows.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ outcome: "verified", plan: "free" });

    const me = await api("/api/auth/me", { headers: bearer(landed.accessToken) });
    expect(me.body.data.user).toMatchObject({ email: who.email, email_verified: true });
  });

  it("finds the identity again on the next sign-in and goes to `next`", async () => {
    const who = identity("github");
    await signInWith(fake, who);
    const user = await userByEmail(who.email!);
    const again = await signInWith(fake, who, "next=%2Fresumes");
    expect(again.location).toBe("/resumes");
    expect(again.accessToken).toEqual(expect.any(String));
    expect(await countRows("SELECT count(*) AS n FROM users WHERE email = ?", who.email)).toBe(1);
    const used = await env.DB.prepare("SELECT last_used_at FROM oauth_accounts WHERE user_id = ?")
      .bind(user!.id)
      .first<number>("last_used_at");
    expect(used).toBeGreaterThan(Date.now() - 60_000);
    expect(fake.tokenRequests[0]!.headers.get("accept")).toBe("application/json");
  });

  it("links a verified address to the existing password account", async () => {
    const person = await signedInPerson();
    await env.DB.prepare("UPDATE users SET email_verified_at = ?, status = 'active' WHERE id = ?")
      .bind(Date.now(), person.userId)
      .run();
    const landed = await signInWith(fake, identity("google", { email: person.email }));
    expect(landed.location).toBe("/dashboard");
    expect(await identitiesOf(person.userId)).toBe(1);
    // the password keeps working
    expect(
      (await api("/api/auth/login", postJson({ email: person.email, password: PASSWORD }))).status,
    ).toBe(200);
  });

  it("verifies a pending account by the provider and drops the credentials nobody proved", async () => {
    const person = await signedInPerson();
    const landed = await signInWith(fake, identity("microsoft", { email: person.email }));
    expect(landed.location).toBe("/dashboard");
    const user = await userByEmail(person.email);
    expect(user).toMatchObject({ status: "active", password_hash: null });
    expect(user!.email_verified_at).toEqual(expect.any(Number));
    expect(
      (await api("/api/auth/login", postJson({ email: person.email, password: PASSWORD }))).status,
    ).toBe(401);
    expect(
      (await api("/api/auth/refresh", postJson({ refresh_token: person.refreshToken }))).status,
    ).toBe(401);
  });

  it("never links an unverified address (work Microsoft account, unverified GitHub email)", async () => {
    const person = await signedInPerson();
    const work = identity("microsoft", {
      email: person.email,
      tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    });
    const refused = await signInWith(fake, work);
    expect(refused.location).toBe("/login?error=oauth_email_unverified");
    const github = await signInWith(
      fake,
      identity("github", { email: person.email, verified: false }),
    );
    expect(github.location).toBe("/login?error=oauth_email_unverified");
    expect(await identitiesOf(person.userId)).toBe(0);
    expect((await userByEmail(person.email))!.password_hash).not.toBeNull();

    // a tenant that verified the domain (`xms_edov`) does count
    const owned = await signInWith(fake, { ...work, sub: `${work.sub}-2`, edov: true });
    expect(owned.location).toBe("/dashboard");
    expect(await identitiesOf(person.userId)).toBe(1);
  });

  it("opens a new, still unverified account for an unverified address nobody has", async () => {
    const who = identity("microsoft", { tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
    const landed = await signInWith(fake, who);
    expect(landed.location).toBe("/onboarding");
    expect(await userByEmail(who.email!)).toMatchObject({
      status: "pending_verification",
      email_verified_at: null,
    });
    const none = await signInWith(fake, identity("github", { email: null }));
    expect(none.location).toBe("/login?error=oauth_email_unverified");
  });

  it("refuses suspended accounts and sends MFA accounts to the second step", async () => {
    const suspended = identity("google");
    await signInWith(fake, suspended);
    await env.DB.prepare("UPDATE users SET status = 'suspended' WHERE email = ?")
      .bind(suspended.email)
      .run();
    expect((await signInWith(fake, suspended)).location).toBe("/login?error=account_suspended");

    const withMfa = identity("google");
    await signInWith(fake, withMfa);
    await env.DB.prepare("UPDATE users SET mfa_enabled = 1 WHERE email = ?")
      .bind(withMfa.email)
      .run();
    const landed = await signInWith(fake, withMfa, "next=%2Fresumes");
    expect(landed.location).toMatch(/^\/login\?mfa_token=[\w-]{36}&next=%2Fresumes$/);
    expect(landed.accessToken).toBeNull();
    const challenge = await env.SESSIONS.get(`mfa-challenge:${landed.params.get("mfa_token")}`);
    expect(challenge).toContain((await userByEmail(withMfa.email!))!.id);
  });
});

describe("a flow's state", () => {
  it("is taken once, even by several callbacks at once", async () => {
    const state = `state-${uniqueId("race")}`;
    const flow: FlowState = {
      provider: "github",
      verifier: "v".repeat(43),
      next: null,
      intent: "signin",
      userId: null,
    };
    await env.SESSIONS.put(`oauth-state:${state}`, JSON.stringify(flow));
    const now = Date.now();
    const taken = await Promise.all(
      Array.from({ length: 4 }, () => takeFlow(env as unknown as Env, state, now)),
    );
    expect(taken.filter((f) => f !== null)).toEqual([flow]);
  });
});

describe("a flow that went wrong ends on the sign-in page", () => {
  it("state replayed, wrong, unbound to this browser or for another provider", async () => {
    const who = identity("google");
    const started = await startFlow("google");
    const first = await finishFlow(
      "google",
      { code: fake.codeFor(who), state: started.state },
      started.cookie,
    );
    expect(first.status).toBe(302);
    const replay = await finishFlow(
      "google",
      { code: fake.codeFor(who), state: started.state },
      started.cookie,
    );
    expect(replay.location).toBe("/login?error=oauth_state_invalid");

    const wrong = await finishFlow(
      "google",
      { code: fake.codeFor(who), state: "x".repeat(43) },
      started.cookie,
    );
    expect(wrong.location).toBe("/login?error=oauth_state_invalid");

    const forged = await startFlow("google");
    const noCookie = await finishFlow(
      "google",
      { code: fake.codeFor(who), state: forged.state },
      null,
    );
    expect(noCookie.location).toBe("/login?error=oauth_state_invalid");
    const other = await startFlow("google");
    const otherBrowser = await finishFlow(
      "google",
      { code: fake.codeFor(who), state: other.state },
      forged.cookie,
    );
    expect(otherBrowser.location).toBe("/login?error=oauth_state_invalid");

    const google = await startFlow("google");
    const mismatch = await finishFlow(
      "github",
      { code: fake.codeFor(who), state: google.state },
      google.cookie,
    );
    expect(mismatch.location).toBe("/login?error=oauth_state_invalid");
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it("provider failures, a refusal by the person and bad query input", async () => {
    for (const behaviour of ["http_error", "error_field", "network_error"] as const) {
      const who = identity("github");
      const started = await startFlow("github");
      const landed = await finishFlow(
        "github",
        { code: fake.codeFor(who, behaviour), state: started.state },
        started.cookie,
      );
      expect(landed.location, behaviour).toBe("/login?error=oauth_failed");
    }
    const denied = await startFlow("microsoft");
    const cancelled = await finishFlow(
      "microsoft",
      { error: "access_denied", state: denied.state },
      denied.cookie,
    );
    expect(cancelled.location).toBe("/login?error=oauth_cancelled");

    const bad = await finishFlow("google", { state: "s".repeat(500), code: "c" }, null);
    expect(bad.status).toBe(302);
    expect(bad.location).toBe("/login?error=oauth_failed");
  });
});

describe("linking and unlinking", () => {
  it("links an identity to the signed-in account, once", async () => {
    const person = await signedInPerson();
    const github = identity("github", { email: "someone-else@example.test" });
    const linked = await signInWith(
      fake,
      github,
      "intent=link&next=%2Faccount%2Fsecurity",
      person.headers,
    );
    expect(linked.location).toBe("/account/security?linked=github");
    expect(linked.accessToken).toBeNull();
    const list = await api("/api/auth/oauth/accounts", { headers: person.headers });
    expect(list.body.data).toEqual([
      {
        id: expect.any(String),
        provider: "github",
        email: "someone-else@example.test",
        created_at: expect.any(String),
        last_used_at: expect.any(String),
      },
    ]);
    // the identity now signs in to this account
    const signIn = await signInWith(fake, github);
    expect(signIn.location).toBe("/dashboard");

    // …and cannot be linked to anyone else
    const other = await signedInPerson();
    const taken = await signInWith(fake, github, "intent=link", other.headers);
    expect(taken.location).toBe("/account/security?error=oauth_already_linked");
    expect(await identitiesOf(other.userId)).toBe(0);
  });

  it("unlinks, but never another person's identity or the last way to sign in", async () => {
    const person = await signedInPerson();
    await signInWith(fake, identity("google"), "intent=link", person.headers);
    const [linked] = (await api("/api/auth/oauth/accounts", { headers: person.headers })).body.data;

    const stranger = await signedInPerson();
    const theirs = await api(`/api/auth/oauth/accounts/${linked.id}`, {
      method: "DELETE",
      headers: stranger.headers,
    });
    expect(theirs.status).toBe(404);

    const removed = await api(`/api/auth/oauth/accounts/${linked.id}`, {
      method: "DELETE",
      headers: person.headers,
    });
    expect(removed.body.data).toEqual({ unlinked: true });
    expect(await identitiesOf(person.userId)).toBe(0);

    const oauthOnly = await signInWith(fake, identity("google"));
    const headers = bearer(oauthOnly.accessToken);
    const [only] = (await api("/api/auth/oauth/accounts", { headers })).body.data;
    const last = await api(`/api/auth/oauth/accounts/${only.id}`, { method: "DELETE", headers });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_sign_in_method");
    expect((await api("/api/auth/oauth/accounts")).status).toBe(401);
  });
});
