import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { PASSWORD, postJson } from "./auth-support";
import { api, countRows, uniqueId } from "./helpers";

const register = (email: string, name = "Dorothy Vaughan", password = PASSWORD) =>
  api("/api/auth/register", postJson({ email, password, name }));

async function outbox(to: string) {
  const { results } = await env.DB.prepare(
    "SELECT template, subject, text_body, html_body FROM email_outbox WHERE to_address = ? ORDER BY created_at",
  )
    .bind(to)
    .all<{ template: string; subject: string; text_body: string; html_body: string }>();
  return results;
}

const waitForMail = (to: string, template: string, count: number) =>
  vi.waitFor(
    async () => {
      const mails = (await outbox(to)).filter((mail) => mail.template === template);
      expect(mails.length).toBeGreaterThanOrEqual(count);
      return mails;
    },
    { timeout: 10_000, interval: 100 },
  );

describe("registration reveals nothing about which addresses have accounts", () => {
  it("answers a taken address exactly like a new one, and tells the owner by email", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const email = `${uniqueId("owner")}@example.test`;
    const fresh = await register(email);
    const taken = await register(
      email.toUpperCase(),
      "Click http://evil.example",
      "another long passphrase",
    );

    for (const answer of [fresh, taken]) {
      expect(answer.status).toBe(202);
      expect(answer.body.data).toEqual({ status: "verification_sent", email });
      expect(answer.response.headers.getSetCookie()).toEqual([]);
    }
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    expect(await countRows("SELECT count(*) AS n FROM users WHERE email = ?", email)).toBe(1);

    const [notice] = await waitForMail(email, "account_exists", 1);
    expect(notice!.subject).toBe("You already have a Resume Builder account");
    expect(notice!.text_body).toContain("/login");
    // nothing typed into the form reaches the owner's inbox
    expect(`${notice!.text_body}${notice!.html_body}`).not.toMatch(/evil|Click http/);

    // the attempt changed nothing: the owner's password still signs in, the other does not
    const owner = await api("/api/auth/login", postJson({ email, password: PASSWORD }));
    expect(owner.status).toBe(200);
    const intruder = await api(
      "/api/auth/login",
      postJson({ email, password: "another long passphrase" }),
    );
    expect(intruder.status).toBe(401);
  });

  it("sends the owner one notice per window however many attempts arrive at once", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const email = `${uniqueId("flooded")}@example.test`;
    expect((await register(email)).status).toBe(202);
    const attempts = await Promise.all(Array.from({ length: 6 }, () => register(email)));
    expect(attempts.map((attempt) => attempt.status)).toEqual(Array(6).fill(202));
    await waitForMail(email, "account_exists", 1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'account_exists'",
        email,
      ),
    ).toBe(1);
  });

  it("tells a suspended or deleted account's address nothing", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const email = `${uniqueId("banned")}@example.test`;
    await register(email);
    await env.DB.prepare("UPDATE users SET status = 'banned' WHERE email = ?").bind(email).run();
    const again = await register(email);
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual({ status: "verification_sent", email });
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'account_exists'",
        email,
      ),
    ).toBe(0);
  });
});

describe("mail to an unconfirmed address carries nothing the signup form was given", () => {
  it("keeps the name out of the verification email and its reminder", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait for verification" });
    });
    const email = `${uniqueId("phished")}@example.test`;
    expect((await register(email, "Click http://evil.example to claim your prize")).status).toBe(
      202,
    );
    const mails = await waitForMail(email, "verify_email", 2);
    expect(mails.map((mail) => mail.subject)).toEqual([
      "Confirm your email address",
      "Reminder: confirm your email address",
    ]);
    for (const mail of mails) {
      const everything = `${mail.subject}${mail.text_body}${mail.html_body}`;
      expect(everything).not.toMatch(/evil|Click http|prize/);
      expect(mail.text_body).toMatch(/verify-email\?token=/);
    }
  });

  it("greets an unconfirmed address by no name in reset and password-changed emails", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const email = `${uniqueId("unconfirmed")}@example.test`;
    await register(email, "Click http://evil.example now");
    await api("/api/auth/forgot-password", postJson({ email }));
    const login = await api("/api/auth/login", postJson({ email, password: PASSWORD }));
    const changed = await api(
      "/api/auth/change-password",
      postJson(
        { current_password: PASSWORD, new_password: "a brand new long passphrase" },
        { Authorization: `Bearer ${login.body.data.access_token}` },
      ),
    );
    expect(changed.status).toBe(200);
    const [reset] = await waitForMail(email, "reset_password", 1);
    const [notice] = await waitForMail(email, "password_changed", 1);
    for (const mail of [reset!, notice!]) {
      expect(`${mail.subject}${mail.text_body}${mail.html_body}`).not.toMatch(/evil|Click http/);
    }
    expect(reset!.text_body).toContain("Someone asked to reset the password");
  });
});
