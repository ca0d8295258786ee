import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../server/ops/rate-limits";
import {
  codeAt,
  freshIp,
  PASSWORD,
  personWithTotp,
  postJson,
  signedInPerson,
} from "./auth-support";
import { api, bearerFor, countRows, opsHeaders, servedAt, uniqueId } from "./helpers";

// README "The admin's own security": staff sign-ins and refusals in the audit log, the staff
// inactivity timeout, 100 admin requests a minute per admin, the super admins' IP allowlist.

const MINUTE = 60_000;

async function setRole(userId: string, role: string) {
  await env.DB.prepare("UPDATE users SET role = ? WHERE id = ?").bind(role, userId).run();
}

async function auditOf(actor: string, action: string) {
  const log = await api(
    `/api/admin/audit-logs?actor=${encodeURIComponent(actor)}&action=${action}`,
    { headers: opsHeaders },
  );
  expect(log.status).toBe(200);
  return log.body.data as Array<Record<string, unknown>>;
}

/** A person with `role` who signs in with a password (no second factor) at `now`. */
async function staffSignedInAt(role: string, now: number) {
  const person = await signedInPerson();
  await setRole(person.userId, role);
  // the customer session signedInPerson opened ends, so the staff session is the only one
  await env.DB.prepare("UPDATE refresh_tokens SET revoked_at = 0 WHERE user_id = ?")
    .bind(person.userId)
    .run();
  const ip = freshIp();
  const login = await api(
    "/api/auth/login",
    postJson(
      { email: person.email, password: PASSWORD },
      { ...servedAt(now), "CF-Connecting-IP": ip },
    ),
  );
  expect(login.status).toBe(200);
  const tokens = login.body.data as { access_token: string; refresh_token: string };
  return { ...person, ip, tokens, headers: { Authorization: `Bearer ${tokens.access_token}` } };
}

const lastActiveOf = (userId: string) =>
  env.DB.prepare(
    "SELECT last_active_at AS at FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL AND rotated_at IS NULL",
  )
    .bind(userId)
    .first<number>("at");

describe("audit log of staff sign-ins", () => {
  it("records a staff password sign-in with its address and user agent, and no customer's", async () => {
    const person = await signedInPerson();
    await setRole(person.userId, "moderator");
    const login = await api(
      "/api/auth/login",
      postJson(
        { email: person.email, password: PASSWORD },
        { "CF-Connecting-IP": "198.51.100.41", "User-Agent": "staff-browser/1.0" },
      ),
    );
    expect(login.status).toBe(200);
    const entries = await auditOf(`user:${person.userId}`, "staff.sign_in");
    // signedInPerson signed in once as a customer first: only the staff sign-in is recorded
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_role: "moderator",
      resource_type: "session",
      details: { method: "password", mfa: false },
      ip: "198.51.100.41",
      user_agent: "staff-browser/1.0",
      request_id: login.response.headers.get("x-request-id"),
    });
  });

  it("records the second-factor step of an MFA sign-in as a sign-in with MFA", async () => {
    const person = await personWithTotp();
    await setRole(person.userId, "support");
    const challenge = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(challenge.body.data.mfa_required).toBe(true);
    // the password alone opened no session: nothing to record yet
    expect(await auditOf(`user:${person.userId}`, "staff.sign_in")).toHaveLength(0);
    const verified = await api(
      "/api/auth/mfa/verify",
      postJson({ mfa_token: challenge.body.data.mfa_token, code: codeAt(person.secret) }),
    );
    expect(verified.status).toBe(200);
    const [entry] = await auditOf(`user:${person.userId}`, "staff.sign_in");
    expect(entry).toMatchObject({ details: { method: "password+mfa", mfa: true } });
  });
});

describe("audit log of refused sensitive actions", () => {
  it("records a 403 forbidden and a 403 mfa_required on admin endpoints, not a 401", async () => {
    const admin = await bearerFor("admin");
    const refused = await api("/api/admin/backups", {
      method: "POST",
      headers: {
        ...admin.headers,
        "Content-Type": "application/json",
        "CF-Connecting-IP": "198.51.100.42",
        "User-Agent": "curl/8",
      },
      body: JSON.stringify({ reason: "trying" }),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const [entry] = await auditOf(`user:${admin.id}`, "admin.request_refused");
    expect(entry).toMatchObject({
      actor_role: "admin",
      resource_type: "endpoint",
      resource_id: "POST /api/admin/backups",
      details: { code: "forbidden" },
      ip: "198.51.100.42",
      user_agent: "curl/8",
    });

    const noMfa = await bearerFor("super_admin", uniqueId("user"), false);
    const needsMfa = await api("/api/admin/security/ip-allowlist", { headers: noMfa.headers });
    expect(needsMfa.body.error.code).toBe("mfa_required");
    const [mfaEntry] = await auditOf(`user:${noMfa.id}`, "admin.request_refused");
    expect(mfaEntry).toMatchObject({
      resource_id: "GET /api/admin/security/ip-allowlist",
      details: { code: "mfa_required" },
    });

    const before = await countRows(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'admin.request_refused'",
    );
    expect((await api("/api/admin/backups", { method: "POST" })).status).toBe(401);
    expect(
      await countRows("SELECT count(*) AS n FROM audit_log WHERE action = 'admin.request_refused'"),
    ).toBe(before);
  });
});

describe("staff inactivity timeout", () => {
  it("keeps an active staff session, then ends it after 30 idle minutes; the refresh is refused too", async () => {
    const t0 = Date.now();
    const staff = await staffSignedInAt("moderator", t0);
    expect(await lastActiveOf(staff.userId)).toBe(t0);
    const at = (offset: number) => ({ ...staff.headers, ...servedAt(t0 + offset) });

    expect((await api("/api/admin/moderation/cases", { headers: at(29 * MINUTE) })).status).toBe(
      200,
    );
    expect(await lastActiveOf(staff.userId)).toBe(t0 + 29 * MINUTE);
    // written at most once a minute
    expect(
      (await api("/api/admin/moderation/cases", { headers: at(29 * MINUTE + 30_000) })).status,
    ).toBe(200);
    expect(await lastActiveOf(staff.userId)).toBe(t0 + 29 * MINUTE);

    const idle = await api("/api/admin/moderation/cases", { headers: at(59 * MINUTE + 1_000) });
    expect(idle.status).toBe(401);
    expect(idle.body.error).toMatchObject({
      code: "session_expired",
      details: { reason: "inactivity", idle_timeout_seconds: 1800 },
    });
    expect(idle.body.error.message).toMatch(/30 minutes without activity/);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM refresh_tokens WHERE user_id = ? AND revoked_reason = 'inactivity'",
        staff.userId,
      ),
    ).toBe(1);
    const refresh = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: staff.tokens.refresh_token }, servedAt(t0 + 60 * MINUTE)),
    );
    expect(refresh.status).toBe(401);
    expect(refresh.body.error.code).toBe("session_expired");
  });

  it("refuses the refresh of a staff session idle for 31 minutes, while a refresh at 10 minutes works", async () => {
    const t0 = Date.now();
    const early = await staffSignedInAt("support", t0);
    const refreshed = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: early.tokens.refresh_token }, servedAt(t0 + 10 * MINUTE)),
    );
    expect(refreshed.status).toBe(200);
    // a refresh is not activity: the clock still runs from the sign-in
    expect(await lastActiveOf(early.userId)).toBe(t0);

    const late = await staffSignedInAt("billing_admin", t0);
    const refused = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: late.tokens.refresh_token }, servedAt(t0 + 31 * MINUTE)),
    );
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: "session_expired",
      details: { reason: "inactivity" },
    });
    const after = await api("/api/admin/audit-logs", {
      headers: { ...late.headers, ...servedAt(t0 + 32 * MINUTE) },
    });
    expect(after.status).toBe(401);
  });

  it("leaves a customer's session alone however long it is idle", async () => {
    const t0 = Date.now();
    const person = await signedInPerson();
    const later = await api("/api/profile", {
      headers: { ...person.headers, ...servedAt(t0 + 3 * 60 * MINUTE) },
    });
    expect(later.status).toBe(200);
    const refresh = await api(
      "/api/auth/refresh",
      postJson({ refresh_token: person.tokens.refresh_token }, servedAt(t0 + 5 * 60 * MINUTE)),
    );
    expect(refresh.status).toBe(200);
  });
});

describe("100 admin requests a minute per admin", () => {
  it("refuses the 101st request of one admin in a minute with Retry-After, not another admin's or the operator's", async () => {
    const { limit, windowSeconds } = REQUEST_LIMITS.adminRequests;
    expect(limit).toBe(100);
    // the start of a window plus a second, so Retry-After is predictable
    const now = Math.floor(Date.now() / (windowSeconds * 1000)) * windowSeconds * 1000 + 1_000;
    const support = await bearerFor("support");
    const path = "/api/admin/audit-logs?per_page=1";
    const headers = { ...support.headers, ...servedAt(now) };
    // one after another: KV counters are approximate under concurrency (rate-limits.ts)
    for (let request = 0; request < limit; request++)
      expect((await api(path, { headers })).status).toBe(200);
    const over = await api(path, { headers });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe("rate_limited");
    expect(over.response.headers.get("retry-after")).toBe(String(windowSeconds - 1));

    const other = await bearerFor("support");
    expect((await api(path, { headers: { ...other.headers, ...servedAt(now) } })).status).toBe(200);
    // the next window opens again
    expect(
      (
        await api(path, {
          headers: { ...support.headers, ...servedAt(now + windowSeconds * 1000) },
        })
      ).status,
    ).toBe(200);
    // the operator token is a machine credential, exempt like it is from the second factor
    const operator = { ...opsHeaders, ...servedAt(now) };
    for (let request = 0; request <= limit; request++)
      expect((await api(path, { headers: operator })).status).toBe(200);
  });
});

describe("IP allowlist for super admins", () => {
  const inside = "198.51.100.7";
  const outside = "192.0.2.9";

  it("is edited with system.config and a second factor, and then refuses super admins from elsewhere", async () => {
    const superAdmin = await bearerFor("super_admin");
    const from = (address: string) => ({ ...superAdmin.headers, "CF-Connecting-IP": address });
    const put = (ranges: string[], headers: Record<string, string>, key = uniqueId("key")) =>
      api("/api/admin/security/ip-allowlist", {
        method: "PUT",
        headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify({ ranges }),
      });

    const support = await bearerFor("support");
    expect((await put([`${inside}/24`], support.headers)).status).toBe(403);
    const invalid = await put([`${inside}/24`, "not-an-address"], from(inside));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("invalid_range");
    const tooLong = await put(Array(51).fill(inside), from(inside));
    expect(tooLong.status).toBe(400);
    const lockout = await put(["203.0.113.0/24"], from(inside));
    expect(lockout.status).toBe(409);
    expect(lockout.body.error.code).toBe("own_address_excluded");

    const saved = await put([`${inside}/24`, "2001:db8::1/48"], from(inside));
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      ranges: ["198.51.100.0/24", "2001:db8::/48"],
      your_address: inside,
      your_address_allowed: true,
      updated_by: `user:${superAdmin.id}`,
    });
    const [change] = await auditOf(`user:${superAdmin.id}`, "system_config.update");
    expect(change).toMatchObject({
      resource_id: "admin.super_admin_ip_allowlist",
      details: { before: [], after: ["198.51.100.0/24", "2001:db8::/48"] },
    });

    try {
      expect((await api("/api/admin/audit-logs", { headers: from("198.51.100.200") })).status).toBe(
        200,
      );
      const refused = await api("/api/admin/audit-logs", { headers: from(outside) });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("address_not_allowed");
      const [entry] = await auditOf(`user:${superAdmin.id}`, "admin.request_refused");
      expect(entry).toMatchObject({
        details: { code: "address_not_allowed" },
        ip: outside,
        resource_id: "GET /api/admin/audit-logs",
      });
      // other roles, and the operator token (the break-glass path), are not bound by it
      const admin = await bearerFor("admin");
      expect(
        (
          await api("/api/admin/audit-logs", {
            headers: { ...admin.headers, "CF-Connecting-IP": outside },
          })
        ).status,
      ).toBe(200);
      const viaOperator = await api("/api/admin/security/ip-allowlist", {
        headers: { ...opsHeaders, "CF-Connecting-IP": outside },
      });
      expect(viaOperator.status).toBe(200);
      expect(viaOperator.body.data.your_address_allowed).toBe(false);

      // a super admin's sign-in from outside is refused and audited; from inside it works
      const person = await signedInPerson();
      await setRole(person.userId, "super_admin");
      const signIn = (address: string) =>
        api(
          "/api/auth/login",
          postJson({ email: person.email, password: PASSWORD }, { "CF-Connecting-IP": address }),
        );
      const refusedSignIn = await signIn(outside);
      expect(refusedSignIn.status).toBe(403);
      expect(refusedSignIn.body.error.code).toBe("address_not_allowed");
      const [refusal] = await auditOf(`user:${person.userId}`, "staff.sign_in_refused");
      expect(refusal).toMatchObject({
        details: { code: "address_not_allowed", method: "password" },
        ip: outside,
      });
      expect(await auditOf(`user:${person.userId}`, "staff.sign_in")).toHaveLength(0);
      const allowed = await signIn("198.51.100.8");
      expect(allowed.status).toBe(200);
      // the session's refresh from outside is refused as well
      const refresh = await api(
        "/api/auth/refresh",
        postJson(
          { refresh_token: allowed.body.data.refresh_token },
          { "CF-Connecting-IP": outside },
        ),
      );
      expect(refresh.status).toBe(403);
      expect(refresh.body.error.code).toBe("address_not_allowed");
    } finally {
      // the break-glass path: the operator token clears the list from anywhere
      const cleared = await put([], { ...opsHeaders, "CF-Connecting-IP": outside });
      expect(cleared.status).toBe(200);
      expect(cleared.body.data.ranges).toEqual([]);
    }
    expect((await api("/api/admin/audit-logs", { headers: from(outside) })).status).toBe(200);
  });
});
