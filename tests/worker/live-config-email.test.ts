import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { sendEmail } from "../../server/email";
import { signedInPerson } from "./auth-support";
import { personWithResume } from "./export-support";
import { api, bearerFor, countRows, opsHeaders, servedAt, uniqueId } from "./helpers";

// README "Live configuration", email templates: overrides of an email's words validated against
// its placeholders, used by the next email sent, previewed and test-sent by the sender's code.

type Headers = Record<string, string>;

function send(method: "PUT" | "POST", path: string, body: unknown, headers: Headers, key = true) {
  return api(path, {
    method,
    headers: {
      ...headers,
      "Content-Type": "application/json",
      ...(key ? { "Idempotency-Key": uniqueId("idem") } : {}),
    },
    body: JSON.stringify(body),
  });
}

const WELCOME = {
  subject: "Welcome aboard, {{name}}",
  heading: "Hello {{name}}",
  paragraphs: ["Your <b>{{plan}}</b> plan is ready."],
  closing: ["See you soon."],
};

const writeTemplates = (value: Record<string, unknown>, headers: Headers) =>
  send("PUT", "/api/admin/config/email_templates", { value, reason: "Test wording" }, headers);

async function welcomeTo(to: string) {
  const { email } = await sendEmail(env, {
    to,
    template: "welcome",
    data: { name: "Grace <Hopper>", plan: "Premium", dashboardUrl: "https://app.example/resumes" },
    dedupeKey: uniqueId("welcome"),
    now: Date.now(),
  });
  return email;
}

// Back to the code's words, so no other test sends an override.
afterEach(async () => {
  const admin = await bearerFor("super_admin");
  const catalog = await api("/api/admin/config/email", { headers: admin.headers });
  const overridden = (catalog.body.data.templates as Array<{ override: unknown }>).some(
    (entry) => entry.override !== null,
  );
  if (overridden) expect((await writeTemplates({}, admin.headers)).status).toBe(200);
});

describe("live configuration: email templates", () => {
  it("lists every editable email with its placeholders and the code's words", async () => {
    const admin = await bearerFor("super_admin");
    const catalog = await api("/api/admin/config/email", { headers: admin.headers });
    expect(catalog.status).toBe(200);
    const welcome = catalog.body.data.templates.find(
      (entry: { key: string }) => entry.key === "welcome",
    );
    expect(welcome).toMatchObject({
      template: "welcome",
      placeholders: ["name", "plan"],
      defaults: {
        subject: "Your Resume Builder account is ready",
        heading: "You're all set, {{name}}",
      },
      override: null,
    });
    const keys = catalog.body.data.templates.map((entry: { key: string }) => entry.key);
    expect(keys).toEqual(expect.arrayContaining(["verify_email", "verify_email_reminder"]));
    expect(keys).not.toContain("staff_notice");
  });

  it("refuses an unknown placeholder with the zod issue at the part that uses it", async () => {
    const admin = await bearerFor("super_admin");
    const refused = await writeTemplates(
      { welcome: { ...WELCOME, paragraphs: ["Your {{plan_name}} plan"] } },
      admin.headers,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        path: ["value", "welcome", "paragraphs", 0],
        message: expect.stringContaining("Unknown placeholder {{plan_name}}"),
      }),
    ]);
    const unknownKey = await writeTemplates({ made_up: WELCOME }, admin.headers);
    expect(unknownKey.status).toBe(400);

    const preview = await send(
      "POST",
      "/api/admin/config/email/welcome/preview",
      { text: { ...WELCOME, subject: "Hi {{nmae}}" } },
      admin.headers,
      false,
    );
    expect(preview.status).toBe(400);
    expect(preview.body.error.details[0].path).toEqual(["text", "subject"]);
    expect(
      (await send("POST", "/api/admin/config/email/nope/preview", { text: null }, admin.headers))
        .status,
    ).toBe(404);
  });

  it("the next email uses the override, escaped; back to the code's words, and rolled back", async () => {
    const admin = await bearerFor("super_admin");
    const before = await welcomeTo(`${uniqueId("w")}@example.test`);
    expect(before.subject).toBe("Your Resume Builder account is ready");

    const written = await writeTemplates({ welcome: WELCOME }, admin.headers);
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const overridden = await welcomeTo(`${uniqueId("w")}@example.test`);
    expect(overridden.subject).toBe("Welcome aboard, Grace <Hopper>");
    expect(overridden.textBody).toContain("Your <b>Premium</b> plan is ready.");
    expect(overridden.htmlBody).toContain("Hello Grace &lt;Hopper&gt;");
    expect(overridden.htmlBody).toContain("Your &lt;b&gt;Premium&lt;/b&gt; plan is ready.");
    expect(overridden.htmlBody).not.toContain("<b>");
    // what stays the code's: the facts and the action
    expect(overridden.textBody).toContain("https://app.example/resumes");

    const cleared = await writeTemplates({}, admin.headers);
    expect(cleared.status).toBe(200);
    expect((await welcomeTo(`${uniqueId("w")}@example.test`)).subject).toBe(
      "Your Resume Builder account is ready",
    );

    const rolledBack = await send(
      "POST",
      "/api/admin/config/email_templates/rollback",
      { version: written.body.data.version, reason: "Wording back" },
      admin.headers,
    );
    expect(rolledBack.status).toBe(200);
    expect((await welcomeTo(`${uniqueId("w")}@example.test`)).subject).toBe(
      "Welcome aboard, Grace <Hopper>",
    );
    const catalog = await api("/api/admin/config/email", { headers: admin.headers });
    const welcome = catalog.body.data.templates.find(
      (entry: { key: string }) => entry.key === "welcome",
    );
    expect(welcome.override).toEqual(WELCOME);
  });

  it("previews both parts of a draft, or of the words in force, by the sender's code", async () => {
    const admin = await bearerFor("super_admin");
    const draft = await send(
      "POST",
      "/api/admin/config/email/welcome/preview",
      { text: WELCOME },
      admin.headers,
      false,
    );
    expect(draft.status).toBe(200);
    expect(draft.body.data.subject).toBe("Welcome aboard, Ada Lovelace");
    expect(draft.body.data.text).toContain("Your <b>Standard</b> plan is ready.");
    expect(draft.body.data.html).toContain("Your &lt;b&gt;Standard&lt;/b&gt; plan is ready.");

    const inForce = await send(
      "POST",
      "/api/admin/config/email/welcome/preview",
      { text: null },
      admin.headers,
      false,
    );
    expect(inForce.body.data.subject).toBe("Your Resume Builder account is ready");
    // nothing was stored or sent
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE subject = ?",
        draft.body.data.subject,
      ),
    ).toBe(0);
  });

  it("sends a test to the admin's own address, limited and audited", async () => {
    const person = await signedInPerson();
    await env.DB.prepare("UPDATE users SET role = 'super_admin' WHERE id = ?")
      .bind(person.userId)
      .run();
    const admin = await bearerFor("super_admin", person.userId);
    const at = { ...admin.headers, ...servedAt(Date.UTC(2026, 5, 1, 12, 0, 0)) };
    const draft = { ...WELCOME, subject: "Test {{plan}} wording" };

    const sent = await send("POST", "/api/admin/config/email/welcome/test", { text: draft }, at);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.data).toMatchObject({ to: person.email, subject: "Test Standard wording" });
    const row = await env.DB.prepare("SELECT to_address, template FROM email_outbox WHERE id = ?")
      .bind(sent.body.data.email_id)
      .first();
    expect(row).toEqual({ to_address: person.email, template: "welcome" });
    const audit = await api(
      `/api/admin/audit-logs?actor=${encodeURIComponent(`user:${person.userId}`)}&action=config.email_test_sent`,
      { headers: opsHeaders },
    );
    expect(audit.body.data[0].details).toMatchObject({ key: "welcome", draft: true });
    // the draft was not saved: the words in force are still the code's
    expect((await welcomeTo(`${uniqueId("w")}@example.test`)).subject).toBe(
      "Your Resume Builder account is ready",
    );

    for (let sends = 1; sends < 5; sends++) {
      const again = await send("POST", "/api/admin/config/email/welcome/test", { text: null }, at);
      expect(again.status).toBe(200);
    }
    const over = await send("POST", "/api/admin/config/email/welcome/test", { text: null }, at);
    expect(over.status).toBe(429);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'welcome'",
        person.email,
      ),
    ).toBe(5);

    // the operator token has no inbox of its own
    const operator = await send(
      "POST",
      "/api/admin/config/email/welcome/test",
      { text: null },
      opsHeaders,
    );
    expect(operator.status).toBe(409);
  });
});

// README "Live configuration", feature flags: `writing_help` gates writing help end to end.
describe("live configuration: feature flags", () => {
  const writeFlags = (value: Record<string, unknown>, headers: Headers) =>
    send("PUT", "/api/admin/config/feature_flags", { value, reason: "Test rollout" }, headers);
  const improve = (headers: Headers) =>
    api("/api/ai/enhance", {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ text: "Worked on the billing system", kind: "bullet" }),
    });
  const flagsOf = async (headers: Headers) => {
    const answer = await api("/api/features", { headers });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data.flags as Record<string, boolean>;
  };

  afterEach(async () => {
    const admin = await bearerFor("super_admin");
    const reset = await writeFlags(
      { writing_help: { enabled: true, plans: [], percent: 100 } },
      admin.headers,
    );
    expect(reset.status).toBe(200);
  });

  it("refuses an unknown flag or a percent over 100 with the zod issue", async () => {
    const admin = await bearerFor("super_admin");
    const unknown = await writeFlags(
      { writing_help: { enabled: true, plans: [], percent: 100 }, dark_mode: {} },
      admin.headers,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(unknown.body.error.details)).toContain("dark_mode");
    const over = await writeFlags(
      { writing_help: { enabled: true, plans: ["gold"], percent: 101 } },
      admin.headers,
    );
    expect(over.status).toBe(400);
    const paths = (over.body.error.details as Array<{ path: unknown[] }>).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ["value", "writing_help", "percent"],
        ["value", "writing_help", "plans", 0],
      ]),
    );
  });

  it("is on for everyone by default; switched off, the next request is refused", async () => {
    const admin = await bearerFor("super_admin");
    const person = await personWithResume({}, "free");
    expect(await flagsOf(person.headers)).toEqual({ writing_help: true });
    expect((await improve(person.headers)).status).toBe(200);

    const off = await writeFlags(
      { writing_help: { enabled: false, plans: [], percent: 100 } },
      admin.headers,
    );
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await flagsOf(person.headers)).toEqual({ writing_help: false });
    const refused = await improve(person.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("feature_disabled");
    // Refused before metering: the month still counts the one call that was answered.
    const counted = await countRows(
      "SELECT count AS n FROM usage_counters WHERE user_id = ? AND metric = 'ai_calls'",
      person.userId,
    );
    expect(counted).toBe(1);
  });

  it("gates by plan and by rollout percent", async () => {
    const admin = await bearerFor("super_admin");
    const free = await personWithResume({}, "free");
    const premium = await personWithResume({}, "premium");
    const premiumOnly = await writeFlags(
      { writing_help: { enabled: true, plans: ["premium", "enterprise"], percent: 100 } },
      admin.headers,
    );
    expect(premiumOnly.status).toBe(200);
    expect((await improve(free.headers)).body.error.code).toBe("feature_disabled");
    expect((await improve(premium.headers)).status).toBe(200);
    expect(await flagsOf(free.headers)).toEqual({ writing_help: false });

    const none = await writeFlags(
      { writing_help: { enabled: true, plans: [], percent: 0 } },
      admin.headers,
    );
    expect(none.status).toBe(200);
    expect((await improve(premium.headers)).status).toBe(403);
    expect(await flagsOf(free.headers)).toEqual({ writing_help: false });
  });
});
