import { env, introspectWorkflow, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE } from "../../api/lib/auth-cookies";
import { addressBanned } from "../../server/moderation/ip-bans";
import { PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, countRows, uniqueId } from "./helpers";
import { fakeProviders, identity, startFlow } from "./oauth-fake-provider";
import { SoftwareAuthenticator } from "./support/authenticator";

const DAY = 86_400_000;
const ORIGIN = new URL(env.JWT_ISSUER).origin;

let keys = 0;
const key = () => `ip-ban-${Date.now().toString(36)}-${++keys}`;

/** The admin's own address is never in the ranges these tests ban. */
const ADMIN_IP = "192.0.2.250";

async function admin() {
  const { headers } = await bearerFor("admin");
  return { ...headers, "CF-Connecting-IP": ADMIN_IP };
}

const ban = async (body: Record<string, unknown>, headers?: Record<string, string>) =>
  api("/api/admin/ip-bans", {
    method: "POST",
    headers: {
      ...(headers ?? (await admin())),
      "Content-Type": "application/json",
      "Idempotency-Key": key(),
    },
    body: JSON.stringify({ reason: "spam_scam", ...body }),
  });

const lift = async (id: string) =>
  api(`/api/admin/ip-bans/${id}/lift`, {
    method: "POST",
    headers: { ...(await admin()), "Idempotency-Key": key() },
  });

const from = (ip: string) => ({ "CF-Connecting-IP": ip });

async function register(email: string, ip: string) {
  await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
  return api(
    "/api/auth/register",
    postJson({ email, password: PASSWORD, name: "Grace Hopper" }, from(ip)),
  );
}

const signIn = (email: string, ip: string) =>
  api("/api/auth/login", postJson({ email, password: PASSWORD }, from(ip)));

const usersWith = (email: string) =>
  countRows("SELECT count(*) AS n FROM users WHERE email = ?", email);

describe("the IP bans admin API", () => {
  it("bans a range in canonical form with a second factor and an idempotency key, audited; refuses bad, too wide and own ranges", async () => {
    const headers = await admin();
    const moderator = await ban(
      { range: "198.51.100.0/24" },
      { ...(await bearerFor("moderator")).headers, "CF-Connecting-IP": ADMIN_IP },
    );
    expect(moderator.status).toBe(403);
    const noMfa = await ban(
      { range: "198.51.100.0/24" },
      { ...(await bearerFor("admin", undefined, false)).headers, "CF-Connecting-IP": ADMIN_IP },
    );
    expect(noMfa.status).toBe(403);
    const noKey = await api("/api/admin/ip-bans", {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ range: "198.51.100.0/24", reason: "spam_scam" }),
    });
    expect(noKey.status).toBe(400);

    const invalid = await ban({ range: "300.1.2.3" }, headers);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("invalid_range");
    const wide = await ban({ range: "10.0.0.0/8" }, headers);
    expect(wide.body.error.code).toBe("range_too_wide");
    const wide6 = await ban({ range: "2001:db8::/16" }, headers);
    expect(wide6.body.error.code).toBe("range_too_wide");
    const own = await ban({ range: "192.0.2.0/24" }, headers);
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe("own_address");

    const body = JSON.stringify({ range: "198.51.100.77/24", reason: "payment_fraud", days: 30 });
    const sameKey = key();
    const send = () =>
      api("/api/admin/ip-bans", {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": sameKey },
        body,
      });
    const added = await send();
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.data).toMatchObject({
      range: "198.51.100.0/24",
      reason: "payment_fraud",
      active: true,
      lifted_at: null,
    });
    const expires = Date.parse(added.body.data.expires_at) - Date.parse(added.body.data.created_at);
    expect(expires).toBe(30 * DAY);
    const replay = await send();
    expect(replay.body.data.id).toBe(added.body.data.id);
    expect(
      await countRows("SELECT count(*) AS n FROM ip_bans WHERE range = '198.51.100.0/24'"),
    ).toBe(1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'ip_ban.added' AND resource_id = ?",
        added.body.data.id,
      ),
    ).toBe(1);

    const lifted = await lift(added.body.data.id);
    expect(lifted.status).toBe(200);
    expect(lifted.body.data.active).toBe(false);
    const liftedAgain = await lift(added.body.data.id);
    expect(liftedAgain.body.data.lifted_at).toBe(lifted.body.data.lifted_at);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'ip_ban.lifted' AND resource_id = ?",
        added.body.data.id,
      ),
    ).toBe(1);
    expect((await lift("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("lists bans in force before lifted ones, newest first, for users.read", async () => {
    const first = await ban({ range: "198.51.101.1" });
    const second = await ban({ range: "198.51.101.2" });
    await lift(second.body.data.id);
    const third = await ban({ range: "2001:db8:aaaa::1" });
    expect(third.body.data.range).toBe("2001:db8:aaaa::1");
    const support = await bearerFor("support");
    const list = await api("/api/admin/ip-bans?per_page=100", { headers: support.headers });
    expect(list.status).toBe(200);
    const ids: string[] = list.body.data.map((row: { id: string }) => row.id);
    const actives = list.body.data.map((row: { active: boolean }) => row.active);
    expect(actives.indexOf(false)).toBeGreaterThan(actives.lastIndexOf(true));
    expect(ids.indexOf(third.body.data.id)).toBeLessThan(ids.indexOf(first.body.data.id));
    expect(ids.indexOf(first.body.data.id)).toBeLessThan(ids.indexOf(second.body.data.id));
    expect(list.body.pagination.total).toBe(ids.length);
    const user = await bearerFor("user");
    expect((await api("/api/admin/ip-bans", { headers: user.headers })).status).toBe(403);
  });
});

describe("a banned address", () => {
  it("cannot register or sign in (CIDR included), and can again once the ban is lifted", async () => {
    const email = `${uniqueId("ipban")}@example.test`;
    expect((await register(email, "198.51.102.9")).status).toBe(202);
    await env.DB.prepare(
      "UPDATE users SET email_verified_at = 1, status = 'active' WHERE email = ?",
    )
      .bind(email)
      .run();
    const added = await ban({ range: "198.51.102.0/25" });
    expect(added.status).toBe(201);

    const other = `${uniqueId("ipban")}@example.test`;
    const refusedSignup = await register(other, "198.51.102.100");
    expect(refusedSignup.status).toBe(403);
    expect(refusedSignup.body.error.code).toBe("address_banned");
    expect(refusedSignup.body.error.message).toMatch(/this network.*contact support/i);
    expect(await usersWith(other)).toBe(0);

    const refused = await signIn(email, "198.51.102.9");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("address_banned");
    // outside the /25
    const outside = await signIn(email, "198.51.102.200");
    expect(outside.status, JSON.stringify(outside.body)).toBe(200);
    // the session's refresh from inside the range is refused too
    const refresh = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: outside.body.data.refresh_token }, from("198.51.102.10")),
    );
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.code).toBe("address_banned");

    await lift(added.body.data.id);
    expect((await signIn(email, "198.51.102.9")).status).toBe(200);
    expect((await register(other, "198.51.102.100")).status).toBe(202);
    expect(await usersWith(other)).toBe(1);
  });

  it("matches IPv6 ranges and stops matching when the ban expires", async () => {
    const added = await ban({ range: "2001:db8:1234::/48", days: 1 });
    expect(added.body.data.range).toBe("2001:db8:1234::/48");
    const now = Date.now();
    expect(await addressBanned(env, "2001:db8:1234:5::9", now)).not.toBeNull();
    expect(await addressBanned(env, "2001:0db8:1234:0000::1", now)).not.toBeNull();
    expect(await addressBanned(env, "2001:db8:1235::1", now)).toBeNull();
    expect(await addressBanned(env, "2001:db8:1234:5::9", now + 2 * DAY)).toBeNull();
    expect(await addressBanned(env, null, now)).toBeNull();
    const refused = await register(`${uniqueId("ipban6")}@example.test`, "2001:db8:1234::42");
    expect(refused.body.error.code).toBe("address_banned");
  });

  it("refuses a passkey sign-in and an OAuth callback from the banned address", async () => {
    const person = await signedInPerson();
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const start = await api("/api/auth/passkeys/register/options", postJson({}, person.headers));
    const response = await authenticator.register(start.body.data.options);
    const added = await api(
      "/api/auth/passkeys/register/verify",
      postJson({ challenge_id: start.body.data.challenge_id, response }, person.headers),
    );
    expect(added.status).toBe(201);
    await ban({ range: "198.51.103.0/24" });

    const options = await api(
      "/api/auth/passkeys/login/options",
      postJson({}, from("198.51.103.5")),
    );
    const assertion = await authenticator.assert(options.body.data.options);
    const passkey = await api(
      "/api/auth/passkeys/login/verify",
      postJson(
        { challenge_id: options.body.data.challenge_id, response: assertion },
        from("198.51.103.5"),
      ),
    );
    expect(passkey.status).toBe(403);
    expect(passkey.body.error.code).toBe("address_banned");

    const fake = fakeProviders();
    try {
      await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
      const who = identity("google");
      const started = await startFlow("google");
      const callback = await SELF.fetch(
        `http://localhost/api/auth/oauth/google/callback?${new URLSearchParams({ code: fake.codeFor(who), state: started.state })}`,
        { redirect: "manual", headers: { ...from("198.51.103.6"), Cookie: started.cookie } },
      );
      expect(callback.status).toBe(302);
      expect(callback.headers.get("location")).toBe("/login?error=address_banned");
      expect(await usersWith(who.email ?? "")).toBe(0);
    } finally {
      fake.restore();
    }
  });
});

describe("linked-account signals recorded at sign-up and sign-in", () => {
  it("keeps the registration address and a device id that a browser keeps across sessions and refreshes", async () => {
    const email = `${uniqueId("signals")}@example.test`;
    await register(email, "198.51.104.3");
    const row = await env.DB.prepare("SELECT id, signup_ip FROM users WHERE email = ?")
      .bind(email)
      .first<{ id: string; signup_ip: string }>();
    expect(row?.signup_ip).toBe("198.51.104.3");
    await env.DB.prepare("UPDATE users SET email_verified_at = 1, status = 'active' WHERE id = ?")
      .bind(row?.id)
      .run();

    const web = { "X-Requested-With": "resume-builder-web" };
    const first = await api(
      "/api/auth/login",
      postJson({ email, password: PASSWORD }, { ...web, ...from("198.51.104.3") }),
    );
    expect(first.status).toBe(200);
    const deviceCookie = first.response.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith(`${DEVICE_COOKIE}=`));
    expect(deviceCookie).toMatch(/HttpOnly/i);
    expect(deviceCookie).toMatch(/Secure/i);
    const deviceId = deviceCookie?.split(";")[0]?.slice(DEVICE_COOKIE.length + 1);
    expect(deviceId).toMatch(/^[\w-]{22}$/);

    // the same browser signs in again: the cookie is sent, kept, and not replaced
    const second = await api(
      "/api/auth/login",
      postJson(
        { email, password: PASSWORD },
        { ...web, ...from("198.51.104.3"), Cookie: `${DEVICE_COOKIE}=${deviceId}` },
      ),
    );
    expect(
      second.response.headers.getSetCookie().some((c) => c.startsWith(`${DEVICE_COOKIE}=`)),
    ).toBe(false);
    const refreshed = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: second.body.data.refresh_token }, from("198.51.104.3")),
    );
    expect(refreshed.status).toBe(200);
    const devices = await env.DB.prepare(
      "SELECT DISTINCT device_id FROM refresh_tokens WHERE user_id = ?",
    )
      .bind(row?.id)
      .all<{ device_id: string | null }>();
    expect(devices.results.map((d) => d.device_id)).toEqual([deviceId]);
    expect(
      await countRows("SELECT count(*) AS n FROM refresh_tokens WHERE user_id = ?", row?.id),
    ).toBe(3);
  });
});
