import { createScheduledController, env, introspectWorkflowInstance } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../api/app";
import { renderEmail } from "../../core/email/render";
import type { BackupFailedData } from "../../core/email/templates/backup-failed";
import { sendEmail } from "../../server/email";
import { AppError } from "../../server/errors";
import worker from "../../worker";
import { api, countRows, opsHeaders, uniqueId } from "./helpers";

const data = (overrides: Partial<BackupFailedData> = {}): BackupFailedData => ({
  backupId: "2027-03-01T10-00-00Z",
  jobId: "backup-2027-03-01T10-00-00Z",
  step: "dump jobs",
  reason: "D1 timed out",
  jobUrl: "http://127.0.0.1:8787/admin/jobs/backup-2027-03-01T10-00-00Z",
  environment: "test",
  failedAt: "2027-03-01T10:00:05.000Z",
  ...overrides,
});

/** The time the emails of these tests are sent at. */
const SENT_AT = Date.UTC(2027, 2, 1, 10, 0, 6);

const outboxRow = (dedupeKey: string) =>
  env.DB.prepare("SELECT * FROM email_outbox WHERE dedupe_key = ?")
    .bind(dedupeKey)
    .first<Record<string, unknown>>();

describe("sendEmail", () => {
  it("stores the rendered email in the outbox when no EMAIL binding is bound", async () => {
    const dedupeKey = uniqueId("store");
    const { email, deduplicated } = await sendEmail(env, {
      to: "ops@example.test",
      template: "backup_failed",
      data: data(),
      dedupeKey,
      now: SENT_AT,
    });
    const expected = renderEmail("backup_failed", data());
    expect(deduplicated).toBe(false);
    expect(email).toMatchObject({
      dedupeKey,
      toAddress: "ops@example.test",
      template: "backup_failed",
      subject: expected.subject,
      textBody: expected.text,
      htmlBody: expected.html,
      transport: "outbox",
      status: "stored",
      error: null,
      sentAt: null,
    });
    expect(await outboxRow(dedupeKey)).toMatchObject({
      id: email.id,
      subject: expected.subject,
      status: "stored",
    });
  });

  it("stores one email per dedupeKey however often it is called", async () => {
    const dedupeKey = uniqueId("dedupe");
    const first = await sendEmail(env, {
      to: "ops@example.test",
      template: "backup_failed",
      data: data(),
      dedupeKey,
      now: SENT_AT,
    });
    // a retried step renders again, possibly with different data: the first email stands
    const again = await sendEmail(env, {
      to: "ops@example.test",
      template: "backup_failed",
      data: data({ reason: "something else" }),
      dedupeKey,
      now: SENT_AT,
    });
    expect(again.deduplicated).toBe(true);
    expect(again.email.id).toBe(first.email.id);
    expect(again.email.textBody).toContain("D1 timed out");
    expect(
      await countRows("SELECT count(*) AS n FROM email_outbox WHERE dedupe_key = ?", dedupeKey),
    ).toBe(1);
  });

  it("rejects an invalid address with a validation error and writes nothing", async () => {
    for (const to of [
      "not-an-email",
      "ops@",
      "a@b@example.test",
      "ops@example.test\r\nBcc: x@y.test",
    ]) {
      const dedupeKey = uniqueId("invalid");
      const attempt = sendEmail(env, {
        to,
        template: "backup_failed",
        data: data(),
        dedupeKey,
        now: SENT_AT,
      });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ status: 400, code: "validation_failed" });
      expect(await outboxRow(dedupeKey)).toBeNull();
    }
  });

  it("hands the MIME message to a bound send_email binding and marks the row sent", async () => {
    const dedupeKey = uniqueId("sent");
    // Miniflare's simulator parses the message and checks Message-ID and From
    const { email } = await sendEmail(
      { ...env, EMAIL: env.TEST_EMAIL },
      {
        to: "ops@example.test",
        template: "backup_failed",
        data: data({ backupId: "sauvegarde-été-🎉", reason: "R2 ne répond pas" }),
        dedupeKey,
        now: SENT_AT,
      },
    );
    expect(email).toMatchObject({ transport: "cloudflare", status: "sent", error: null });
    expect(email.subject).toContain("sauvegarde-été-🎉");
    expect(email).toMatchObject({ createdAt: SENT_AT, sentAt: SENT_AT });
  });

  it("records a binding failure, rethrows it, and sends on the caller's retry", async () => {
    const dedupeKey = uniqueId("retry");
    const input = {
      to: "blocked@example.test",
      template: "backup_failed" as const,
      data: data(),
      dedupeKey,
      now: SENT_AT,
    };
    await expect(sendEmail({ ...env, EMAIL: env.TEST_EMAIL_RESTRICTED }, input)).rejects.toThrow(
      /not allowed/,
    );
    expect(await outboxRow(dedupeKey)).toMatchObject({
      transport: "cloudflare",
      status: "failed",
      error: expect.stringContaining("not allowed"),
      sent_at: null,
    });

    const retried = await sendEmail({ ...env, EMAIL: env.TEST_EMAIL }, input);
    expect(retried.deduplicated).toBe(false);
    expect(retried.email).toMatchObject({ status: "sent", error: null });

    const replay = await sendEmail({ ...env, EMAIL: env.TEST_EMAIL }, input);
    expect(replay).toMatchObject({ deduplicated: true, email: { id: retried.email.id } });
    expect(
      await countRows("SELECT count(*) AS n FROM email_outbox WHERE dedupe_key = ?", dedupeKey),
    ).toBe(1);
  });
});

describe("GET /api/dev/outbox", () => {
  it("lists emails newest first, filtered by recipient (any case) and paginated", async () => {
    const to = `${uniqueId("reader")}@example.test`;
    const ids: string[] = [];
    for (const [index, reason] of ["first", "second", "third"].entries()) {
      const { email } = await sendEmail(env, {
        to,
        template: "backup_failed",
        data: data({ reason }),
        dedupeKey: uniqueId("list"),
        now: SENT_AT + index,
      });
      ids.push(email.id);
    }
    await sendEmail(env, {
      to: "someone-else@example.test",
      template: "backup_failed",
      data: data(),
      dedupeKey: uniqueId("other"),
      now: SENT_AT,
    });

    const all = await api(`/api/dev/outbox?to=${encodeURIComponent(to.toUpperCase())}`);
    expect(all.status).toBe(200);
    expect(all.response.headers.get("cache-control")).toBe("no-store");
    expect(all.body.pagination).toEqual({ page: 1, per_page: 20, total: 3, total_pages: 1 });
    expect(all.body.data.map((email: { id: string }) => email.id)).toEqual([...ids].reverse());
    expect(all.body.data[0]).toEqual({
      id: ids[2],
      to,
      subject: "[test] Backup 2027-03-01T10-00-00Z failed",
      template: "backup_failed",
      text: expect.stringContaining("third"),
      html: expect.stringContaining("third"),
      status: "stored",
      transport: "outbox",
      error: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sent_at: null,
    });

    const second = await api(`/api/dev/outbox?to=${encodeURIComponent(to)}&per_page=2&page=2`);
    expect(second.body.pagination).toEqual({ page: 2, per_page: 2, total: 3, total_pages: 2 });
    expect(second.body.data.map((email: { id: string }) => email.id)).toEqual([ids[0]]);

    const none = await api("/api/dev/outbox?to=nobody%40example.test");
    expect(none.body).toMatchObject({ success: true, data: [], pagination: { total: 0 } });

    const unfiltered = await api("/api/dev/outbox?per_page=100");
    expect(unfiltered.body.pagination.total).toBeGreaterThanOrEqual(4);
  });

  it("returns one email by id, and 404 for an unknown one", async () => {
    const { email } = await sendEmail(env, {
      to: "detail@example.test",
      template: "backup_failed",
      data: data(),
      dedupeKey: uniqueId("detail"),
      now: SENT_AT,
    });
    const found = await api(`/api/dev/outbox/${email.id}`);
    expect(found.status).toBe(200);
    expect(found.body.data).toMatchObject({ id: email.id, to: "detail@example.test" });
    expect(found.body.data.html).toContain("<!doctype html>");

    const missing = await api("/api/dev/outbox/no-such-email");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  it("rejects a bad page size with the zod issues", async () => {
    const { status, body } = await api("/api/dev/outbox?per_page=0");
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
  });

  it("does not exist outside the local and test environments", async () => {
    const { email } = await sendEmail(env, {
      to: "hidden@example.test",
      template: "backup_failed",
      data: data(),
      dedupeKey: uniqueId("hidden"),
      now: SENT_AT,
    });
    for (const environment of ["production", "staging"] as const) {
      for (const path of ["/api/dev/outbox", `/api/dev/outbox/${email.id}`]) {
        const response = await app.fetch(new Request(`http://localhost${path}`), {
          ...env,
          ENVIRONMENT: environment,
        });
        expect(response.status, `${environment} ${path}`).toBe(404);
        const body = (await response.json()) as {
          success: boolean;
          error: { code: string; message: string };
        };
        expect(body).toMatchObject({
          success: false,
          error: { code: "not_found", message: `No API route matches GET ${path}` },
        });
        expect(JSON.stringify(body)).not.toContain("hidden@example.test");
      }
    }
  });
});

describe("backup failure alert", () => {
  /** Runs the cron's backup with "write manifest" failing until its retries run out. */
  async function failBackup(
    scheduledTime: number,
    jobId: string,
    alsoFailing?: { step: string; times: number },
  ) {
    const instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "write manifest" }, new Error("R2 is down"), 4);
      if (alsoFailing) {
        await m.mockStepError(
          { name: alsoFailing.step },
          new Error("relay down"),
          alsoFailing.times,
        );
      }
    });
    await worker.scheduled(createScheduledController({ scheduledTime, cron: "0 * * * *" }), env);
    await instance.waitForStatus("errored");
    return instance;
  }

  it("emails one backup_failed alert to OPS_ALERT_EMAIL after the job is marked failed", async () => {
    const jobId = "backup-2027-03-02T08-00-00Z";
    await using _instance = await failBackup(Date.UTC(2027, 2, 2, 8, 3), jobId);

    const { body } = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
    expect(body.data).toMatchObject({ status: "failed" });
    const { results } = await env.DB.prepare(
      "SELECT * FROM email_outbox WHERE template = 'backup_failed' AND text_body LIKE ?",
    )
      .bind(`%${jobId}%`)
      .all<Record<string, string | number>>();
    expect(results).toHaveLength(1);
    const email = results[0]!;
    expect(email).toMatchObject({
      dedupe_key: `backup-failed:${jobId}`,
      to_address: env.OPS_ALERT_EMAIL,
      subject: "[test] Backup 2027-03-02T08-00-00Z failed",
      status: "stored",
      transport: "outbox",
    });
    expect(email.text_body).toMatch(/Failed step: +write manifest/);
    expect(email.text_body).toMatch(/Reason: +R2 is down/);
    expect(email.html_body).toContain(`href="http://127.0.0.1:8787/admin/jobs/${jobId}"`);
    // sent after the job was marked failed, never before
    expect(Number(email.created_at)).toBeGreaterThanOrEqual(Date.parse(body.data.finished_at));

    // and the outbox shows it to whoever reads the operators' mail locally
    const listed = await api(
      `/api/dev/outbox?to=${encodeURIComponent(env.OPS_ALERT_EMAIL)}&per_page=100`,
    );
    const alerts = listed.body.data.filter((e: { subject: string }) =>
      e.subject.includes("2027-03-02T08"),
    );
    expect(alerts).toHaveLength(1);
  });

  it("keeps the job's own failure when the alert itself cannot be sent", async () => {
    const jobId = "backup-2027-03-02T09-00-00Z";
    // the notify step fails on every attempt (1 + 5 retries)
    await using _instance = await failBackup(Date.UTC(2027, 2, 2, 9, 3), jobId, {
      step: "job: notify failure",
      times: 6,
    });
    const { body } = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
    expect(body.data.error).toEqual({
      code: "step_failed",
      message: 'Step "write manifest" failed: R2 is down',
    });
    expect(await outboxRow(`backup-failed:${jobId}`)).toBeNull();
    const run = await env.DB.prepare(
      "SELECT status, error FROM workflow_runs WHERE instance_id = ?",
    )
      .bind(jobId)
      .first();
    expect(run).toMatchObject({ status: "errored", error: expect.stringContaining("R2 is down") });
  });
});
