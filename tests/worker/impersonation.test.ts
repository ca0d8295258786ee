import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { IMPERSONATION_COOKIE } from "../../api/lib/impersonation-cookie";
import { ADMIN_CONSOLE_HEADER } from "../../core/impersonation/rules";
import { postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, countRows, servedAt } from "./helpers";

const HOUR = 60 * 60 * 1000;

/** Starts an impersonation of `userId` as `staff`; returns the answer and the cookie it set. */
async function impersonate(
  staff: { headers: Record<string, string> },
  userId: string,
  at = Date.now(),
  reason = "Customer reports the editor shows an empty resume",
) {
  const started = await api(
    `/api/admin/users/${userId}/impersonation`,
    postJson({ reason }, { ...staff.headers, ...servedAt(at) }),
  );
  const setCookie = started.response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${IMPERSONATION_COOKIE}=`));
  const cookie = setCookie?.split(";")[0] ?? "";
  return { ...started, cookie, setCookie: setCookie ?? "" };
}

/** A request as the impersonating browser sends it: only the impersonation cookie. */
const asViewer = (cookie: string, init: RequestInit & { at?: number } = {}) => {
  const { at, ...rest } = init;
  return {
    ...rest,
    headers: {
      "Content-Type": "application/json",
      Cookie: cookie,
      ...(at === undefined ? {} : servedAt(at)),
      ...(rest.headers as Record<string, string> | undefined),
    },
  };
};

/**
 * A real staff account (the impersonation is checked against the staff member's account on
 * every request) and a token for it, signed with a second factor.
 */
async function staffMember(role: "support" | "admin" = "support") {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET role = ? WHERE id = ?").bind(role, person.userId).run();
  return bearerFor(role, person.userId);
}

const auditRows = (action: string, userId: string) =>
  env.DB.prepare(
    "SELECT actor_id, actor_role, details_json FROM audit_log WHERE action = ? AND resource_id = ? ORDER BY at",
  )
    .bind(action, userId)
    .all<{ actor_id: string; actor_role: string; details_json: string }>();

describe("read-only impersonation", () => {
  it("shows the user app as the user sees it, in a cookie of its own", async () => {
    const person = await signedInPerson();
    const support = await staffMember();
    const started = await impersonate(support, person.userId);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.data).toMatchObject({
      user_id: person.userId,
      user_email: person.email,
      staff_id: `user:${support.id}`,
      ended_at: null,
    });
    expect(
      Date.parse(started.body.data.expires_at) - Date.parse(started.body.data.started_at),
    ).toBe(HOUR);
    // httpOnly, host-only and never sent by another site's request
    expect(started.setCookie).toMatch(/HttpOnly/i);
    expect(started.setCookie).toMatch(/SameSite=Strict/i);
    expect(started.setCookie).toMatch(/Secure/i);
    // the staff member's own session cookies are left alone
    const others = started.response.headers
      .getSetCookie()
      .filter((cookie) => !cookie.startsWith(`${IMPERSONATION_COOKIE}=`));
    expect(others).toEqual([]);

    const me = await api("/api/auth/me", asViewer(started.cookie));
    expect(me.status).toBe(200);
    expect(me.body.data.user).toMatchObject({ id: person.userId, email: person.email });
    const current = await api("/api/impersonation/current", asViewer(started.cookie));
    expect(current.body.data).toEqual({
      active: true,
      id: started.body.data.id,
      user_email: person.email,
      expires_at: started.body.data.expires_at,
    });
    const resumes = await api("/api/resumes", asViewer(started.cookie));
    expect(resumes.status).toBe(200);
  });

  it("refuses every state-changing method, on every route, with impersonation_read_only", async () => {
    const person = await signedInPerson();
    const { cookie } = await impersonate(await staffMember(), person.userId);
    const attempts: [string, string][] = [
      ["POST", "/api/resumes"],
      ["PUT", "/api/resumes/00000000-0000-4000-8000-000000000000"],
      ["PATCH", "/api/profile"],
      ["DELETE", "/api/auth/sessions/00000000-0000-4000-8000-000000000000"],
      ["POST", "/api/auth/logout"],
      ["POST", "/api/auth/refresh"],
      ["POST", "/api/auth/mfa/totp/setup"],
      ["POST", "/api/auth/change-password"],
      ["PATCH", "/api/no-such-route"],
    ];
    for (const [method, path] of attempts) {
      const refused = await api(path, asViewer(cookie, { method, body: "{}" }));
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error.code, `${method} ${path}`).toBe("impersonation_read_only");
    }
    // nothing changed: the person's own session still works and owns no new resume
    const mine = await api("/api/auth/me", { headers: person.headers });
    expect(mine.status).toBe(200);
    expect(
      await countRows("SELECT count(*) AS n FROM resumes WHERE user_id = ?", person.userId),
    ).toBe(0);
    // reads still work
    for (const method of ["GET", "HEAD"]) {
      const read = await api("/api/auth/me", asViewer(cookie, { method }));
      expect(read.status, method).toBe(200);
    }
  });

  it("never grants the admin API, and the admin app keeps speaking as the staff member", async () => {
    const person = await signedInPerson();
    const { cookie } = await impersonate(await staffMember(), person.userId);
    // alone, the impersonation cookie is no credential for an admin route
    const admin = await api(`/api/admin/users/${person.userId}/sanctions`, asViewer(cookie));
    expect(admin.status).toBe(401);
    // the admin app's requests carry X-Admin-Console: the cookie does not speak for them
    const console = await api(
      "/api/auth/me",
      asViewer(cookie, { headers: { [ADMIN_CONSOLE_HEADER]: "1" } }),
    );
    expect(console.status).toBe(401);
    expect(console.body.error.code).toBe("unauthorized");
    // and a bearer token always decides on its own
    const own = await api("/api/auth/me", asViewer(cookie, { headers: person.headers }));
    expect(own.body.data.user.id).toBe(person.userId);
  });

  it("ends hard one hour after it started", async () => {
    const person = await signedInPerson();
    const start = Date.now();
    const { cookie, body } = await impersonate(await staffMember(), person.userId, start);
    const before = await api("/api/auth/me", asViewer(cookie, { at: start + HOUR - 1000 }));
    expect(before.status).toBe(200);
    const after = await api("/api/auth/me", asViewer(cookie, { at: start + HOUR }));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("impersonation_ended");
    // the browser is told to forget the cookie
    expect(
      after.response.headers
        .getSetCookie()
        .some((set) => set.startsWith(`${IMPERSONATION_COOKIE}=;`) && /Max-Age=0/i.test(set)),
    ).toBe(true);
    const current = await api(
      "/api/impersonation/current",
      asViewer(cookie, { at: start + HOUR + 5000 }),
    );
    expect(current.body.data.active).toBe(false);
    // the owner's activity shows it over at the hour
    const history = await api("/api/impersonation/history", {
      headers: { ...person.headers, ...servedAt(start + 2 * HOUR) },
    });
    expect(history.body.data[0]).toMatchObject({
      id: body.data.id,
      active: false,
      ended_at: body.data.expires_at,
    });
  });

  it("is refused for staff accounts, for yourself, and without the permission", async () => {
    const staffTarget = await signedInPerson();
    await env.DB.prepare("UPDATE users SET role = 'moderator' WHERE id = ?")
      .bind(staffTarget.userId)
      .run();
    const support = await staffMember();
    const staff = await impersonate(support, staffTarget.userId);
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe("impersonation_not_allowed");
    expect(staff.cookie).toBe("");

    const self = await impersonate(
      await bearerFor("support", staffTarget.userId),
      staffTarget.userId,
    );
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("impersonation_not_allowed");

    const customer = await signedInPerson();
    for (const role of ["moderator", "billing_admin", "user"] as const) {
      const refused = await impersonate(await bearerFor(role), customer.userId);
      expect(refused.status, role).toBe(403);
      expect(refused.body.error.code, role).toBe("forbidden");
    }
    // a second factor is needed, as for other sensitive staff actions
    const noMfa = await impersonate(await bearerFor("support", undefined, false), customer.userId);
    expect(noMfa.status).toBe(403);
    expect(noMfa.body.error.code).toBe("mfa_required");
    const missing = await impersonate(support, "no-such-user");
    expect(missing.status).toBe(404);
    const bad = await api(
      `/api/admin/users/${customer.userId}/impersonation`,
      postJson({ reason: "" }, support.headers),
    );
    expect(bad.status).toBe(400);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM impersonations WHERE user_id IN (?, ?)",
        staffTarget.userId,
        customer.userId,
      ),
    ).toBe(0);
  });

  it("audits start and stop, shows them to the user, and the Stop button ends it", async () => {
    const person = await signedInPerson();
    const support = await staffMember();
    const started = await impersonate(support, person.userId);
    // a retried start resumes the same impersonation: no second row, no second audit entry
    const retried = await impersonate(support, person.userId);
    expect(retried.body.data.id).toBe(started.body.data.id);

    const history = await api("/api/impersonation/history", { headers: person.headers });
    expect(history.status).toBe(200);
    expect(history.body.data).toEqual([
      expect.objectContaining({ id: started.body.data.id, active: true, read_only: true }),
    ]);
    // the reason and the staff member stay internal
    expect(JSON.stringify(history.body.data)).not.toContain(support.id);

    const stopped = await api(
      "/api/impersonation/stop",
      asViewer(started.cookie, { method: "POST" }),
    );
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body.data).toEqual({ stopped: true });
    const after = await api("/api/auth/me", asViewer(started.cookie));
    expect(after.body.error.code).toBe("impersonation_ended");
    const again = await api(
      "/api/impersonation/stop",
      asViewer(started.cookie, { method: "POST" }),
    );
    expect(again.body.data).toEqual({ stopped: false });

    const { results: starts } = await auditRows("user.impersonation_started", person.userId);
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ actor_id: `user:${support.id}`, actor_role: "support" });
    expect(JSON.parse(starts[0]!.details_json)).toMatchObject({
      impersonation_id: started.body.data.id,
      reason: "Customer reports the editor shows an empty resume",
      before: null,
      after: { read_only: true },
    });
    const { results: ends } = await auditRows("user.impersonation_ended", person.userId);
    // recorded as the staff member's action, not the customer's
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ actor_id: `user:${support.id}`, actor_role: "support" });
    expect(JSON.parse(ends[0]!.details_json)).toMatchObject({
      how: "stopped_from_banner",
      before: { ended_at: null },
    });
    const ended = await api("/api/impersonation/history", { headers: person.headers });
    expect(ended.body.data[0]).toMatchObject({ active: false });
  });

  it("can be ended from the admin API by its staff member, not by another", async () => {
    const person = await signedInPerson();
    const support = await staffMember();
    const started = await impersonate(support, person.userId);
    const id = started.body.data.id as string;
    const other = await api(`/api/admin/impersonation/${id}/end`, {
      method: "POST",
      headers: (await staffMember()).headers,
    });
    expect(other.status).toBe(403);
    const mine = await api(`/api/admin/impersonation/${id}/end`, {
      method: "POST",
      headers: support.headers,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.data.ended_at).not.toBeNull();
    const viewing = await api("/api/auth/me", asViewer(started.cookie));
    expect(viewing.body.error.code).toBe("impersonation_ended");
    const { results } = await auditRows("user.impersonation_ended", person.userId);
    expect(JSON.parse(results[0]!.details_json)).toMatchObject({ how: "ended_by_staff" });
    // starting another view (of anyone) ends the one before: one at a time per staff member
    const first = await impersonate(support, person.userId);
    const second = await impersonate(support, (await signedInPerson()).userId);
    expect(second.status).toBe(201);
    const old = await api("/api/auth/me", asViewer(first.cookie));
    expect(old.body.error.code).toBe("impersonation_ended");
  });

  it("ends when the staff member may no longer impersonate", async () => {
    const person = await signedInPerson();
    const support = await staffMember();
    const { cookie } = await impersonate(support, person.userId);
    expect((await api("/api/auth/me", asViewer(cookie))).status).toBe(200);
    await env.DB.prepare("UPDATE users SET role = 'moderator' WHERE id = ?").bind(support.id).run();
    const me = await api("/api/auth/me", asViewer(cookie));
    expect(me.body.error.code).toBe("impersonation_ended");
  });

  it("ignores a forged or tampered cookie", async () => {
    const person = await signedInPerson();
    const { cookie } = await impersonate(await staffMember(), person.userId);
    const tampered = `${cookie.slice(0, -1)}${cookie.endsWith("A") ? "B" : "A"}`;
    const me = await api("/api/auth/me", asViewer(tampered));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("impersonation_ended");
  });
});
