import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { mailTo, signedInPerson } from "./auth-support";
import { api, bearerFor, uniqueId } from "./helpers";

/** A real staff account and an MFA token for it. */
async function staffMember(role: "admin" | "super_admin" | "support") {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET role = ? WHERE id = ?").bind(role, person.userId).run();
  return bearerFor(role, person.userId);
}

const send = (
  staff: { headers: Record<string, string> },
  method: string,
  path: string,
  body?: unknown,
) =>
  api(path, {
    method,
    headers: { ...staff.headers, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const audited = async (action: string, userId: string) => {
  const row = await env.DB.prepare(
    "SELECT actor_id, details_json FROM audit_log WHERE action = ? AND resource_id = ? ORDER BY at DESC",
  )
    .bind(action, userId)
    .first<{ actor_id: string; details_json: string }>();
  return row ? { actor_id: row.actor_id, details: JSON.parse(row.details_json) } : null;
};

describe("per-account admin actions", () => {
  it("edits name and email: the new address is re-verified and taken ones refused", async () => {
    const person = await signedInPerson();
    const admin = await staffMember("admin");
    const email = `${uniqueId("renamed")}@example.test`;
    const edited = await send(admin, "PATCH", `/api/admin/users/${person.userId}/profile`, {
      name: "Dorothy Vaughan",
      email,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data).toMatchObject({
      email,
      name: "Dorothy Vaughan",
      email_verified: false,
      outcome: "verification_sent",
    });
    await mailTo(email, "verify_email");
    // the old address hears of it, without learning the new one in full
    const [notice] = await mailTo(person.email, "email_changed");
    expect(notice?.text_body).toContain(`${email[0]}***@example.test`);
    expect(notice?.text_body).not.toContain(email);
    // the old address's sessions end with the change
    expect((await api("/api/auth/me", { headers: person.headers })).status).toBe(401);
    expect(await audited("user.profile_edited", person.userId)).toMatchObject({
      actor_id: `user:${admin.id}`,
      details: { before: { email: person.email }, after: { email, name: "Dorothy Vaughan" } },
    });

    const other = await signedInPerson();
    const taken = await send(admin, "PATCH", `/api/admin/users/${other.userId}/profile`, { email });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("email_taken");
    const empty = await send(admin, "PATCH", `/api/admin/users/${other.userId}/profile`, {});
    expect(empty.status).toBe(400);
    const support = await staffMember("support");
    const refused = await send(support, "PATCH", `/api/admin/users/${other.userId}/profile`, {
      name: "X",
    });
    expect(refused.status).toBe(403);
  });

  it("changes roles for super admins only, never one's own, and signs the account out", async () => {
    const person = await signedInPerson();
    const admin = await staffMember("admin");
    const denied = await send(admin, "PUT", `/api/admin/users/${person.userId}/role`, {
      role: "support",
    });
    expect(denied.status).toBe(403);
    const superAdmin = await staffMember("super_admin");
    const changed = await send(superAdmin, "PUT", `/api/admin/users/${person.userId}/role`, {
      role: "support",
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.data).toMatchObject({ role: "support", outcome: "role_changed" });
    expect((await api("/api/auth/me", { headers: person.headers })).status).toBe(401);
    expect(await audited("user.role_changed", person.userId)).toMatchObject({
      details: { before: { role: "user" }, after: { role: "support" } },
    });
    const self = await send(superAdmin, "PUT", `/api/admin/users/${superAdmin.id}/role`, {
      role: "user",
    });
    expect(self.status).toBe(403);
    const noMfa = await bearerFor("super_admin", superAdmin.id, false);
    const stepUp = await send(noMfa, "PUT", `/api/admin/users/${person.userId}/role`, {
      role: "user",
    });
    expect(stepUp.body.error.code).toBe("mfa_required");
  });

  it("forces a password reset (second factor), clears sessions, and protects staff accounts", async () => {
    const person = await signedInPerson();
    const admin = await staffMember("admin");
    const noMfa = await bearerFor("admin", admin.id, false);
    const refused = await send(noMfa, "POST", `/api/admin/users/${person.userId}/password-reset`);
    expect(refused.body.error.code).toBe("mfa_required");
    const reset = await send(admin, "POST", `/api/admin/users/${person.userId}/password-reset`);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body.data).toMatchObject({ outcome: "reset_link_sent", sessions_ended: 1 });
    await mailTo(person.email, "reset_password");
    expect((await api("/api/auth/me", { headers: person.headers })).status).toBe(401);
    expect(await audited("user.password_reset_forced", person.userId)).not.toBeNull();

    const second = await signedInPerson();
    const cleared = await send(admin, "POST", `/api/admin/users/${second.userId}/sessions/revoke`);
    expect(cleared.body.data).toMatchObject({ outcome: "sessions_ended", sessions_ended: 1 });
    expect((await api("/api/auth/me", { headers: second.headers })).status).toBe(401);
    // again: nothing left to end, still fine
    const again = await send(admin, "POST", `/api/admin/users/${second.userId}/sessions/revoke`);
    expect(again.body.data.sessions_ended).toBe(0);

    // an admin cannot take over a staff account by resetting it
    const superAdmin = await staffMember("super_admin");
    const staffReset = await send(
      admin,
      "POST",
      `/api/admin/users/${superAdmin.id}/password-reset`,
    );
    expect(staffReset.status).toBe(403);
  });

  it("resends verification, verifies by hand, and refuses deletion for now", async () => {
    const person = await signedInPerson();
    const admin = await staffMember("admin");
    const resent = await send(
      admin,
      "POST",
      `/api/admin/users/${person.userId}/verification-email`,
    );
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body.data.outcome).toBe("verification_sent");
    // the admin's link, told apart by its dedupe key: whether the sign-up workflow's own link
    // went out before this test ends depends on that workflow, not on the resend
    await vi.waitFor(
      async () => {
        const sent = await env.DB.prepare(
          "SELECT COUNT(*) AS n FROM email_outbox WHERE to_address = ?2 AND template = 'verify_email' AND substr(dedupe_key, 1, length(?1)) = ?1",
        )
          .bind(`verify:${person.userId}:admin-resend:`, person.email)
          .first<number>("n");
        expect(sent).toBe(1);
      },
      { timeout: 10_000, interval: 100 },
    );
    const verified = await send(admin, "POST", `/api/admin/users/${person.userId}/verify`);
    expect(verified.body.data).toMatchObject({ email_verified: true, outcome: "verified" });
    expect(await audited("user.email_verified_manually", person.userId)).toMatchObject({
      details: { before: { email_verified: false }, after: { email_verified: true } },
    });
    const twice = await send(admin, "POST", `/api/admin/users/${person.userId}/verify`);
    expect(twice.body.data.outcome).toBe("already_verified");
    const noMore = await send(
      admin,
      "POST",
      `/api/admin/users/${person.userId}/verification-email`,
    );
    expect(noMore.body.data.outcome).toBe("already_verified");

    const deletion = await send(admin, "DELETE", `/api/admin/users/${person.userId}`);
    expect(deletion.status).toBe(409);
    expect(deletion.body.error.code).toBe("deletion_not_available");
    expect((await send(admin, "POST", `/api/admin/users/nobody/verify`)).status).toBe(404);
  });
});
