import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { userIdOf } from "./auth-support";
import { api, bearerFor, countRows, opsHeaders, servedAt, uniqueId } from "./helpers";

const PASSWORD = "a long and unusual passphrase";
let ipCounter = 0;

async function register(plan = "standard") {
  const email = `${uniqueId("signup")}@example.test`;
  const { status, body } = await api("/api/auth/register", {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": `192.0.2.${++ipCounter}` },
    body: JSON.stringify({ email, password: PASSWORD, name: "Grace Hopper", plan }),
  });
  expect(status).toBe(202);
  expect(body.data).toEqual({ status: "verification_sent", email });
  return { email, userId: await userIdOf(email) };
}

async function outbox(to: string) {
  const { results } = await env.DB.prepare(
    "SELECT template, subject, text_body, dedupe_key FROM email_outbox WHERE to_address = ? ORDER BY created_at",
  )
    .bind(to)
    .all<{ template: string; subject: string; text_body: string; dedupe_key: string }>();
  return results;
}

const tokenFrom = (text: string) =>
  new URL(text.match(/https?:\/\/\S+verify-email\?token=\S+/)![0]).searchParams.get("token")!;

const verify = (token: string) =>
  api("/api/auth/verify-email", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });

async function waitForMail(to: string, count: number) {
  await vi.waitFor(async () => expect((await outbox(to)).length).toBeGreaterThanOrEqual(count), {
    timeout: 10_000,
    interval: 100,
  });
  return outbox(to);
}

describe("SignupWorkflow", () => {
  it("profile, verification email, confirmation by link, plan and welcome", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { email, userId } = await register("standard");
    const [verification] = await waitForMail(email, 1);
    expect(verification).toMatchObject({
      template: "verify_email",
      subject: "Confirm your email address",
    });
    expect(await countRows("SELECT count(*) AS n FROM profiles WHERE user_id = ?", userId)).toBe(1);

    const confirmed = await verify(tokenFrom(verification!.text_body));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.user).toMatchObject({ email_verified: true, status: "active" });

    const [instance] = workflows.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ outcome: "verified", plan: "standard" });
    const mail = await outbox(email);
    expect(mail.map((m) => m.template)).toEqual(["verify_email", "welcome"]);
    const run = await env.DB.prepare("SELECT status FROM workflow_runs WHERE instance_id = ?")
      .bind(`signup-${userId}`)
      .first("status");
    expect(run).toBe("complete");
  });

  it("leaves the plan to billing: a checkout paid before the address was confirmed stays", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { email, userId } = await register("premium");
    const [verification] = await waitForMail(email, 1);
    // what the billing consumer does once Premium is paid for at checkout
    await env.DB.prepare("UPDATE users SET plan = 'premium' WHERE id = ?").bind(userId).run();
    await verify(tokenFrom(verification!.text_body));
    const [instance] = workflows.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ outcome: "verified", plan: "premium" });
    const plan = await env.DB.prepare("SELECT plan FROM users WHERE id = ?")
      .bind(userId)
      .first<string>("plan");
    expect(plan).toBe("premium");
  });

  it("is followed through its job: the person polls it, operators see every step of the run", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { email, userId } = await register("premium");
    const [verification] = await waitForMail(email, 1);
    await verify(tokenFrom(verification!.text_body));
    await workflows.get()[0]!.waitForStatus("complete");

    const person = await api("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.200" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const mine = { Authorization: `Bearer ${person.body.data.access_token}` };
    const job = await api(`/api/jobs/signup-${userId}`, { headers: mine });
    expect(job.status).toBe(200);
    expect(job.body.data).toMatchObject({ kind: "signup", status: "succeeded", percent: 100 });
    // Premium starts at checkout: until it is paid for, the account is Free
    expect(job.body.data.result).toEqual({ outcome: "verified", plan: "free" });
    const stranger = await bearerFor("user");
    expect((await api(`/api/jobs/signup-${userId}`, { headers: stranger.headers })).status).toBe(
      404,
    );

    const detail = await api(`/api/admin/workflows/signup-${userId}`, { headers: opsHeaders });
    expect(detail.body.data).toMatchObject({ workflow: "signup", job_id: `signup-${userId}` });
    const steps = detail.body.data.steps.map((s: { step: string | null }) => s.step);
    expect(steps).toEqual(
      expect.arrayContaining([
        "create user",
        "create profile",
        "wait for verification",
        "start plan",
        "send welcome email",
      ]),
    );
    expect(detail.body.data.steps.at(-1)).toMatchObject({ status: "succeeded", percent: 100 });
  });

  it("sends a reminder after 24 hours and still completes when confirmed after it", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait for verification" });
    });
    const { email } = await register();
    const mails = await waitForMail(email, 2);
    expect(mails.map((m) => m.subject)).toEqual([
      "Confirm your email address",
      "Reminder: confirm your email address",
    ]);
    expect((await verify(tokenFrom(mails[1]!.text_body))).status).toBe(200);
    await workflows.get()[0]!.waitForStatus("complete");
    expect((await outbox(email)).map((m) => m.template)).toEqual([
      "verify_email",
      "verify_email",
      "welcome",
    ]);
  });

  it("removes an account that stays unconfirmed for 7 days, with its profile and tokens", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait for verification" });
      await m.forceEventTimeout({ name: "wait for verification after reminder" });
    });
    const { userId } = await register();
    const [instance] = await vi.waitFor(() => {
      expect(workflows.get()).toHaveLength(1);
      return workflows.get();
    });
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ outcome: "removed_unverified" });
    expect(await countRows("SELECT count(*) AS n FROM users WHERE id = ?", userId)).toBe(0);
    expect(await countRows("SELECT count(*) AS n FROM profiles WHERE user_id = ?", userId)).toBe(0);
    expect(
      await countRows("SELECT count(*) AS n FROM email_tokens WHERE user_id = ?", userId),
    ).toBe(0);
  });

  it("keeps an account confirmed while the event was lost instead of removing it", async () => {
    await using workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait for verification" });
      await m.forceEventTimeout({ name: "wait for verification after reminder" });
    });
    const { email, userId } = await register();
    // Confirmed in D1 without the workflow hearing about it.
    await env.DB.prepare("UPDATE users SET email_verified_at = ?, status = 'active' WHERE id = ?")
      .bind(Date.now(), userId)
      .run();
    await vi.waitFor(() => expect(workflows.get()).toHaveLength(1));
    await workflows.get()[0]!.waitForStatus("complete");
    expect(await workflows.get()[0]!.getOutput()).toEqual({
      outcome: "verified",
      plan: "standard",
    });
    expect((await outbox(email)).at(-1)!.template).toBe("welcome");
  });

  it("never sends a second verification email when the whole run is replayed", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { email, userId } = await register();
    const [initialMail] = await waitForMail(email, 1);
    const instance = await env.SIGNUP_WORKFLOW.get(`signup-${userId}`);
    await instance.restart(); // every step runs again from the start, as after a lost state
    // The replayed send step has run once it made its own link (a second token row) ...
    await vi.waitFor(
      async () =>
        expect(
          await countRows(
            "SELECT count(*) AS n FROM email_tokens WHERE user_id = ? AND purpose = 'verify_email'",
            userId,
          ),
        ).toBe(2),
      { timeout: 10_000 },
    );
    // ... and the run is over, every step of it replayed, once the first link confirms it.
    expect((await verify(tokenFrom(initialMail!.text_body))).status).toBe(200);
    await vi.waitFor(async () => expect((await instance.status()).status).toBe("complete"), {
      timeout: 10_000,
    });
    const mails = await outbox(email);
    expect(mails.filter((m) => m.dedupe_key === `verify:${userId}:initial`)).toHaveLength(1);
    expect(mails.map((m) => m.template)).toEqual(["verify_email", "welcome"]);
  });
});

describe("verify-email and resend-verification", () => {
  it("rejects unknown and already used tokens", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    expect((await verify("x".repeat(43))).body.error.code).toBe("token_invalid");
    const { email } = await register();
    const [mail] = await waitForMail(email, 1);
    const token = tokenFrom(mail!.text_body);
    expect((await verify(token)).status).toBe(200);
    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("token_invalid");
  });

  it("resends on request, at most 3 times an hour, and not once verified", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { email } = await register();
    await waitForMail(email, 1);
    const login = await api("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": `192.0.2.${++ipCounter}` },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    // Every request served at one time, so all count in the same hourly window.
    const headers = {
      Authorization: `Bearer ${login.body.data.access_token}`,
      ...servedAt(Date.now()),
    };
    for (let i = 0; i < 3; i++) {
      const sent = await api("/api/auth/resend-verification", { method: "POST", headers });
      expect(sent.status).toBe(202);
      expect(sent.body.data).toEqual({ sent: true, already_verified: false });
    }
    const limited = await api("/api/auth/resend-verification", { method: "POST", headers });
    expect(limited.status).toBe(429);
    const mails = await outbox(email);
    expect(mails.filter((m) => m.template === "verify_email")).toHaveLength(4);
    expect((await verify(tokenFrom(mails.at(-1)!.text_body))).status).toBe(200);
    const after = await api("/api/auth/resend-verification", { method: "POST", headers });
    expect(after.body.data).toEqual({ sent: false, already_verified: true });
  });
});
