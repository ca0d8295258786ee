import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Role } from "../../core/auth/permissions";
import { createJob, getJob } from "../../server/ops/jobs";
import { api, bearerFor, countRows, deliver, opsHeaders, uniqueId, waitForJob } from "./helpers";

/**
 * Staff bulk email (README "Admin: users", bulk email) on real bindings: the route stores the
 * message and starts a BulkEmailWorkflow, which queues one copy per account on the `email`
 * queue; the queue's real consumer sends each copy once into the outbox.
 */

interface Seed {
  name?: string;
  email?: string;
  status?: string;
  verified?: boolean;
}

function seedStatement(seed: Seed = {}) {
  const id = uniqueId("bulk-acct");
  const now = Date.now();
  const statement = env.DB.prepare(
    "INSERT INTO users (id, email, name, status, created_at, updated_at, email_verified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).bind(
    id,
    seed.email ?? `${id}@example.test`,
    seed.name ?? "Someone",
    seed.status ?? "active",
    now,
    now,
    seed.verified === false ? null : now,
  );
  return { id, statement };
}

async function seedUsers(seeds: Seed[]): Promise<string[]> {
  const rows = seeds.map(seedStatement);
  await env.DB.batch(rows.map((row) => row.statement));
  return rows.map((row) => row.id);
}

let sequence = 0;
/** A word no other account has, so a filter names only this test's accounts. */
const freshTag = () => `bulktag${Date.now().toString(36)}x${++sequence}`;
const freshKey = () => `bulk-email-${uniqueId("key")}`;

async function sendBulkEmail(body: unknown, key: string | null = freshKey(), role: Role = "admin") {
  const admin = await bearerFor(role);
  const headers: Record<string, string> = {
    ...admin.headers,
    "Content-Type": "application/json",
  };
  if (key) headers["Idempotency-Key"] = key;
  const result = await api("/api/admin/users/bulk/email", {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  return { ...result, admin };
}

const message = (selection: unknown, changes: Record<string, unknown> = {}) => ({
  selection,
  template: "policy_update",
  subject: "New terms from March",
  message: "We changed <b>two</b> things.\n\nFirst & foremost: nothing for you to do.",
  ...changes,
});

interface OutboxRow {
  to_address: string;
  template: string;
  subject: string;
  text_body: string;
  html_body: string;
}

const outboxOf = async (jobId: string) =>
  (
    await env.DB.prepare(
      "SELECT to_address, template, subject, text_body, html_body FROM email_outbox WHERE dedupe_key LIKE ? ORDER BY to_address",
    )
      .bind(`bulk:${jobId}:%`)
      .all<OutboxRow>()
  ).results;

const recipientsOf = async (jobId: string) =>
  (
    await env.DB.prepare(
      "SELECT user_id, status, error FROM bulk_email_recipients WHERE bulk_email_id = ? ORDER BY user_id",
    )
      .bind(jobId)
      .all<{ user_id: string; status: string; error: string | null }>()
  ).results;

const finished = async (jobId: string) => {
  await waitForJob(jobId, "succeeded", 45_000);
  return getJob(env, jobId, Date.now());
};

describe("POST /api/admin/users/bulk/email", () => {
  it("emails the ticked accounts once each; deleted and unknown ones are skipped; a replay or a re-run sends nothing twice", async () => {
    const [ada, stranger, gone] = await seedUsers([
      { name: "Ada" },
      { name: "Typed At Signup", verified: false, status: "pending_verification" },
      { name: "Gone", status: "deleted" },
    ]);
    const ids = [ada!, stranger!, gone!, "no-such-account"];
    const sent = await sendBulkEmail(message({ ids }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const jobId: string = sent.body.data.job_id;
    expect(jobId).toMatch(/^bulk-email-[0-9a-f]{32}$/);

    const job = await finished(jobId);
    expect(job).toMatchObject({
      kind: "bulk_email",
      owner_id: `user:${sent.admin.id}`,
      status: "succeeded",
      percent: 100,
      result: { sent: 2, failed: 0, skipped: 2 },
    });
    const steps = (
      await env.DB.prepare("SELECT step FROM job_events WHERE job_id = ? ORDER BY id")
        .bind(jobId)
        .all<{ step: string | null }>()
    ).results.map((row) => row.step);
    // The unknown id is settled (skipped) as soon as the selection is counted.
    expect(steps).toContain("sending 1 of 4");
    expect(steps).toContain("sending 4 of 4");

    const emails = await outboxOf(jobId);
    expect(emails.map((email) => email.to_address).sort()).toEqual(
      [`${ada}@example.test`, `${stranger}@example.test`].sort(),
    );
    const toAda = emails.find((email) => email.to_address.startsWith(ada!))!;
    expect(toAda).toMatchObject({ template: "staff_notice", subject: "New terms from March" });
    expect(toAda.text_body).toContain("Policy update: New terms from March");
    expect(toAda.text_body).toContain("Hi Ada,");
    expect(toAda.text_body).toContain("We changed <b>two</b> things.");
    // Staff wrote plain text: escaped in the HTML, one paragraph per blank-line block.
    expect(toAda.html_body).toContain("We changed &lt;b&gt;two&lt;/b&gt; things.</p>");
    expect(toAda.html_body).toContain(">First &amp; foremost: nothing for you to do.</p>");
    expect(toAda.html_body).not.toContain("<b>two</b>");
    // An unconfirmed address is not greeted with the name typed at sign-up.
    const toStranger = emails.find((email) => email.to_address.startsWith(stranger!))!;
    expect(toStranger.text_body).toContain("Hi there,");
    expect(toStranger.text_body).not.toContain("Typed At Signup");

    expect(await recipientsOf(jobId)).toEqual(
      [
        { user_id: ada, status: "sent", error: null },
        { user_id: stranger, status: "sent", error: null },
        { user_id: gone, status: "skipped", error: null },
      ].sort((a, b) => a.user_id!.localeCompare(b.user_id!)),
    );
    const run = await env.DB.prepare(
      "SELECT workflow, subject, job_id, created_by, status FROM workflow_runs WHERE instance_id = ?",
    )
      .bind(jobId)
      .first();
    expect(run).toEqual({
      workflow: "bulk-email",
      subject: `bulk_email:${jobId}`,
      job_id: jobId,
      created_by: `user:${sent.admin.id}`,
      status: "complete",
    });
    const audit = await env.DB.prepare(
      "SELECT actor_id, resource_type, resource_id, details_json FROM audit_log WHERE action = 'users.bulk_email_requested' AND resource_id = ?",
    )
      .bind(jobId)
      .first<{ actor_id: string; details_json: string }>();
    expect(audit?.actor_id).toBe(`user:${sent.admin.id}`);
    expect(JSON.parse(audit!.details_json)).toEqual({
      template: "policy_update",
      subject: "New terms from March",
      selection: { ids_count: 4 },
      job_id: jobId,
    });

    // The queue delivers a copy again: acknowledged, nothing sent.
    const replay = await deliver("email", [
      { id: "replayed", body: { type: "bulk_email.send", job_id: jobId, user_id: ada } },
    ]);
    expect(replay.explicitAcks).toEqual(["replayed"]);
    expect(await outboxOf(jobId)).toHaveLength(2);

    // An operator restarts the finished run: it runs again and ends with the same counts.
    const restart = await api(`/api/admin/workflows/${jobId}/restart`, {
      method: "POST",
      headers: opsHeaders,
    });
    expect(restart.status).toBe(200);
    const rerun = await finished(jobId);
    expect(rerun?.result).toEqual({ sent: 2, failed: 0, skipped: 2 });
    expect(await outboxOf(jobId)).toHaveLength(2);
  }, 120_000);

  it("emails every account a filter matches, page by page; a refused address counts as failed", async () => {
    const tag = freshTag();
    const matching = await seedUsers([
      ...Array.from({ length: 102 }, (_, i) => ({ name: `Reader ${i} ${tag}` })),
      { name: `Deleted ${tag}`, status: "deleted" },
    ]);
    // Stored before addresses were checked: the sender refuses it, so no retry can help.
    const [broken] = await seedUsers([{ name: `Broken ${tag}`, email: `broken-${tag}` }]);
    const [outsider] = await seedUsers([{ name: "Not tagged" }]);

    const sent = await sendBulkEmail(
      message({ filter: { q: tag } }, { template: "service_notice", subject: "Maintenance" }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const jobId: string = sent.body.data.job_id;
    const job = await finished(jobId);
    expect(job?.result).toEqual({ sent: 102, failed: 1, skipped: 1 });

    const emails = await outboxOf(jobId);
    expect(emails).toHaveLength(102);
    expect(new Set(emails.map((email) => email.to_address)).size).toBe(102);
    expect(emails.every((email) => email.text_body.includes("Service notice: Maintenance"))).toBe(
      true,
    );
    const recipients = await recipientsOf(jobId);
    expect(recipients).toHaveLength(104);
    expect(recipients.some((row) => row.user_id === outsider)).toBe(false);
    expect(recipients.find((row) => row.user_id === broken)).toMatchObject({ status: "failed" });
    expect(recipients.find((row) => row.user_id === matching.at(-1))).toMatchObject({
      status: "skipped",
    });
    const audit = await env.DB.prepare(
      "SELECT details_json FROM audit_log WHERE action = 'users.bulk_email_requested' AND resource_id = ?",
    )
      .bind(jobId)
      .first<string>("details_json");
    expect(JSON.parse(audit!).selection).toEqual({ filter: { q: tag } });
  }, 120_000);

  it("counts a dead-lettered copy as failed without failing the job, and sends it no more", async () => {
    const [person] = await seedUsers([{ name: "Unlucky" }]);
    const jobId = uniqueId("bulk-email-dlq");
    const now = Date.now();
    await createJob(env, { id: jobId, kind: "bulk_email", ownerId: "operator", now });
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO bulk_emails (id, created_by, template, subject, message, selection_json, total, created_at) VALUES (?, 'operator', 'service_notice', 'S', 'M', ?, 1, ?)",
      ).bind(jobId, JSON.stringify({ ids: [person] }), now),
      env.DB.prepare(
        "INSERT INTO bulk_email_recipients (bulk_email_id, user_id, status, updated_at) VALUES (?, ?, 'queued', ?)",
      ).bind(jobId, person, now),
    ]);
    const body = { type: "bulk_email.send", job_id: jobId, user_id: person };

    const dead = await deliver("email_dlq", [{ id: "dead", body }]);
    expect(dead.explicitAcks).toEqual(["dead"]);
    expect(await recipientsOf(jobId)).toEqual([
      { user_id: person, status: "failed", error: "Not delivered after 5 attempts" },
    ]);
    expect((await getJob(env, jobId, Date.now()))?.status).toBe("queued");

    const late = await deliver("email", [{ id: "late", body }]);
    expect(late.explicitAcks).toEqual(["late"]);
    expect(await outboxOf(jobId)).toEqual([]);
  });

  it("retries other messages on the email queue rather than dropping them", async () => {
    const result = await deliver("email", [
      { id: "stray", body: { type: "backup.run", job_id: "x", backup_id: "b", requested_by: "t" } },
    ]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: "stray" }]);
  });

  it("answers 400 for bad input and writes nothing", async () => {
    const [person] = await seedUsers([{}]);
    const jobsBefore = await countRows("SELECT count(*) AS n FROM jobs WHERE kind = 'bulk_email'");
    const tooMany = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    const bad: unknown[] = [
      message({ ids: tooMany }),
      message({ ids: [] }),
      message({ ids: [person, person] }),
      message({ ids: [person] }, { subject: "   " }),
      message({ ids: [person] }, { subject: "x".repeat(121) }),
      message({ ids: [person] }, { message: "" }),
      message({ ids: [person] }, { message: "x".repeat(5001) }),
      message({ ids: [person] }, { template: "newsletter" }),
      message({ ids: [person], filter: {} }),
      message({ filter: { status: "nope" } }),
      message({ filter: { page: 2 } }),
      { ...message({ ids: [person] }), extra: true },
    ];
    for (const body of bad) {
      const result = await sendBulkEmail(body);
      expect(result.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(result.body.error.code).toBe("validation_failed");
    }
    const missingKey = await sendBulkEmail(message({ ids: [person] }), null);
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.error.code).toBe("validation_failed");
    expect(await countRows("SELECT count(*) AS n FROM jobs WHERE kind = 'bulk_email'")).toBe(
      jobsBefore,
    );
  });

  it("answers 403 without users.write or without a fresh second factor", async () => {
    const [person] = await seedUsers([{}]);
    const body = message({ ids: [person] });
    for (const role of ["support", "moderator", "billing_admin", "user"] as const) {
      const result = await sendBulkEmail(body, freshKey(), role);
      expect(result.status, role).toBe(403);
      expect(result.body.error.code).toBe("forbidden");
    }
    const noSecondFactor = await bearerFor("admin", undefined, false);
    const result = await api("/api/admin/users/bulk/email", {
      method: "POST",
      headers: {
        ...noSecondFactor.headers,
        "Content-Type": "application/json",
        "Idempotency-Key": freshKey(),
      },
      body: JSON.stringify(body),
    });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("mfa_required");
  });

  it("replays the answer for a repeated Idempotency-Key: one job, one email each", async () => {
    const [person] = await seedUsers([{ name: "Once" }]);
    const admin = await bearerFor("admin");
    const key = freshKey();
    const post = (body: unknown) =>
      api("/api/admin/users/bulk/email", {
        method: "POST",
        headers: { ...admin.headers, "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify(body),
      });
    const body = message({ ids: [person] });
    const first = await post(body);
    const second = await post(body);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(second.body.data.job_id).toBe(first.body.data.job_id);
    const jobId: string = first.body.data.job_id;
    const other = await post(message({ ids: [person] }, { subject: "Something else" }));
    expect(other.status).toBe(409);

    expect((await finished(jobId))?.result).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(await countRows("SELECT count(*) AS n FROM jobs WHERE id = ?", jobId)).toBe(1);
    expect(
      await countRows("SELECT count(*) AS n FROM workflow_runs WHERE instance_id = ?", jobId),
    ).toBe(1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'users.bulk_email_requested' AND resource_id = ?",
        jobId,
      ),
    ).toBe(1);
    expect(await outboxOf(jobId)).toHaveLength(1);
  }, 90_000);
});
