import { env, introspectWorkflow, introspectWorkflowInstance } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { ENTITLEMENTS } from "../../core/plans/entitlements";
import { currentPeriod, refundUsage } from "../../server/billing/usage";
import { requestExport as requestExportService } from "../../server/exports/exports";
import { createJob } from "../../server/ops/jobs";
import { fetchDownload, personWithResume, requestExport } from "./export-support";
import { api, countRows, deliver, opsHeaders, waitForJob } from "./helpers";

const resume = { basics: { name: "Dorothy Vaughan", label: "Mathematician" } };

const mails = (jobId: string) =>
  countRows("SELECT count(*) AS n FROM email_outbox WHERE dedupe_key = ?", `export-ready:${jobId}`);
const files = async (format: string, jobId: string) =>
  (await env.FILES.list({ prefix: `exports/${format}/${jobId}` })).objects.length;
/** This month's counted exports, straight from the meter. */
const exportsUsed = (userId: string) =>
  countRows(
    "SELECT coalesce(sum(count), 0) AS n FROM usage_counters WHERE user_id = ? AND metric = 'exports' AND period = ?",
    userId,
    currentPeriod(Date.now()),
  );

/** Waits until the only instance of the introspected workflow has ended in `status`. */
async function lastRunEnds(
  workflows: { get(): { waitForStatus(s: string): Promise<void> }[] },
  status: string,
) {
  await vi.waitFor(() => expect(workflows.get()).toHaveLength(1), { timeout: 10_000 });
  await workflows.get()[0]!.waitForStatus(status);
}

const runs = (jobId: string) =>
  countRows("SELECT count(*) AS n FROM workflow_runs WHERE instance_id = ?", jobId);

/** The queue message the export request put on the PDF queue, rebuilt from its run record. */
async function messageOf(jobId: string) {
  const row = await env.DB.prepare("SELECT params_json FROM workflow_runs WHERE instance_id = ?")
    .bind(jobId)
    .first<{ params_json: string }>();
  return { type: "export.run", job_id: jobId, params: JSON.parse(row!.params_json) };
}

describe("export failures and repeats", () => {
  it("counts exports against the plan before any job exists (403 plan_limit)", async () => {
    const person = await personWithResume(resume, "free");
    await env.DB.prepare(
      "INSERT INTO usage_counters (user_id, metric, period, count) VALUES (?, 'exports', ?, 5)",
    )
      .bind(person.userId, currentPeriod(Date.now()))
      .run();
    const jobsBefore = await countRows("SELECT count(*) AS n FROM jobs WHERE kind = 'export'");
    const refused = await requestExport(person.headers, person.resumeId, { format: "pdf" });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "plan_limit",
      details: { limit: 5, resource: "exports" },
    });
    expect(await countRows("SELECT count(*) AS n FROM jobs WHERE kind = 'export'")).toBe(
      jobsBefore,
    );
  });

  it("validates the request: format, options and a template the plan includes", async () => {
    const person = await personWithResume(resume);
    for (const body of [
      { format: "rtf" },
      { format: "pdf", options: { page_size: "A5" } },
      { format: "pdf", options: { template: "nope" } },
      { format: "pdf", extra: true },
    ]) {
      const answer = await requestExport(person.headers, person.resumeId, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe("validation_failed");
    }
    const free = await personWithResume(resume, "free");
    const premium = await requestExport(free.headers, free.resumeId, {
      format: "pdf",
      options: { template: "portrait" },
    });
    expect(premium.status).toBe(403);
    expect(premium.body.error).toMatchObject({
      code: "plan_limit",
      details: { feature: "premiumTemplates", template: "portrait" },
    });
  });

  it("fails the job with a readable reason when moderation blocks the resume", async () => {
    // a phishing link (a lookalike of PayPal's login) in the resume: the real layers decide
    const person = await personWithResume({
      basics: {
        ...resume.basics,
        summary: "Verify your account at https://paypa1-secure-login.com/verify before it closes.",
      },
    });
    await using workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    const requested = await requestExport(person.headers, person.resumeId, { format: "pdf" });
    const jobId = requested.body.data.job_id as string;
    await waitForJob(jobId, "failed");
    const job = await api(`/api/jobs/${jobId}`, { headers: person.headers });
    expect(job.body.data.error.code).toBe("moderation_blocked");
    expect(job.body.data.error.message).toMatch(
      /^This resume was held back by content moderation: .*harmful or deceptive link/,
    );
    expect(await files("pdf", jobId)).toBe(0);
    expect(await mails(jobId)).toBe(0);
    // held back by moderation: it stays counted
    await lastRunEnds(workflows, "errored");
    expect(await exportsUsed(person.userId)).toBe(1);
  });

  it("retries a failing render and still writes one file and one email", async () => {
    const person = await personWithResume(resume);
    await using workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError(
        { name: "render and store file" },
        new Error("Browser Rendering briefly unavailable"),
        2,
      );
    });
    const requested = await requestExport(person.headers, person.resumeId, { format: "txt" });
    const jobId = requested.body.data.job_id as string;
    await waitForJob(jobId, "succeeded", 30_000);
    expect(await files("txt", jobId)).toBe(1);
    await expect.poll(() => mails(jobId)).toBe(1);
  });

  it("marks the job failed with a readable reason, never the error's internals, once the render exhausts its attempts", async () => {
    const person = await personWithResume(resume);
    await using workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError(
        { name: "render and store file" },
        new RangeError("Maximum call stack size exceeded"),
        3,
      );
    });
    const requested = await requestExport(person.headers, person.resumeId, { format: "pdf" });
    const jobId = requested.body.data.job_id as string;
    await waitForJob(jobId, "failed", 30_000);
    const job = await api(`/api/jobs/${jobId}`, { headers: person.headers });
    expect(job.body.data.error).toEqual({
      code: "step_failed",
      message: "We could not create your export. Please try again.",
    });
    // The detail is for operators: the run in the console keeps it.
    await lastRunEnds(workflows, "errored");
    const run = await env.DB.prepare("SELECT error FROM workflow_runs WHERE instance_id = ?")
      .bind(jobId)
      .first<string>("error");
    expect(run).toBe('Step "render and store file" failed: Maximum call stack size exceeded');
    const list = await api("/api/exports", { headers: person.headers });
    expect(list.body.data[0]).toMatchObject({
      job_id: jobId,
      status: "failed",
      download_path: null,
    });
    const early = await fetchDownload(`/api/exports/${jobId}/download`, person.headers);
    expect(early.status).toBe(409);
  });

  it("gives a failed export back to the month's allowance, once", async () => {
    const person = await personWithResume(resume, "free");
    await using workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "render and store file" }, new Error("Chromium crashed"), 3);
    });
    const requested = await requestExport(person.headers, person.resumeId, { format: "pdf" });
    expect(requested.body.data.usage).toEqual({ used: 1, limit: 5 });
    const jobId = requested.body.data.job_id as string;
    await lastRunEnds(workflows, "errored");
    expect(await exportsUsed(person.userId)).toBe(0);

    // the step that gives it back may run again (a replay): it changes nothing the second time
    await env.DB.prepare(
      "UPDATE usage_counters SET count = 3 WHERE user_id = ? AND metric = 'exports' AND period = ?",
    )
      .bind(person.userId, currentPeriod(Date.now()))
      .run();
    await refundUsage(
      env,
      {
        userId: person.userId,
        metric: "exports",
        period: currentPeriod(Date.now()),
        reference: jobId,
      },
      Date.now(),
    );
    expect(await exportsUsed(person.userId)).toBe(3);
    const refunds = await countRows(
      "SELECT count(*) AS n FROM usage_refunds WHERE reference = ?",
      jobId,
    );
    expect(refunds).toBe(1);
  });

  it("gives the use back when the export cannot be queued, and reports the failure", async () => {
    const person = await personWithResume(resume, "free");
    const broken = {
      ...env,
      PDF_QUEUE: {
        send: async () => {
          throw new Error("queue unavailable");
        },
      },
    } as unknown as typeof env;
    await expect(
      requestExportService(
        broken,
        { id: person.userId, plan: "free", plans: ENTITLEMENTS },
        person.resumeId,
        {
          format: "pdf",
          now: Date.now(),
        },
      ),
    ).rejects.toThrow("queue unavailable");
    expect(await exportsUsed(person.userId)).toBe(0);
  });

  it("starts one run, writes one file and sends one email when the message arrives again", async () => {
    const person = await personWithResume(resume);
    await using _workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    const requested = await requestExport(person.headers, person.resumeId, { format: "json" });
    const jobId = requested.body.data.job_id as string;
    const message = await messageOf(jobId);
    const first = await deliver("pdf_generation", [{ id: "again-1", body: message }]);
    const second = await deliver("pdf_generation", [{ id: "again-1", body: message, attempts: 2 }]);
    expect(first.explicitAcks).toEqual(["again-1"]);
    expect(second.explicitAcks).toEqual(["again-1"]);
    await waitForJob(jobId, "succeeded", 30_000);
    expect(await runs(jobId)).toBe(1);
    expect(await files("json", jobId)).toBe(1);
    await expect.poll(() => mails(jobId)).toBe(1);
    const succeeded = await countRows(
      "SELECT count(*) AS n FROM job_events WHERE job_id = ? AND status = 'succeeded'",
      jobId,
    );
    expect(succeeded).toBe(1);
  });

  it("sends no second email when an operator restarts a finished export", async () => {
    const person = await personWithResume(resume);
    await using _workflows = await introspectWorkflow(env.EXPORT_WORKFLOW);
    const requested = await requestExport(person.headers, person.resumeId, { format: "txt" });
    const jobId = requested.body.data.job_id as string;
    await waitForJob(jobId, "succeeded", 30_000);
    await expect.poll(() => mails(jobId)).toBe(1);
    await using instance = await introspectWorkflowInstance(env.EXPORT_WORKFLOW, jobId);
    await instance.waitForStatus("complete");
    const restarted = await api(`/api/admin/workflows/${jobId}/restart`, {
      method: "POST",
      headers: opsHeaders,
    });
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    await waitForJob(jobId, "succeeded", 30_000);
    await instance.waitForStatus("complete");
    expect(await files("txt", jobId)).toBe(1);
    expect(await mails(jobId)).toBe(1);
  });

  it("fails the job of a dead-lettered message with a reason the person can read", async () => {
    const person = await personWithResume(resume);
    // A job whose message used up its attempts: it never started.
    const jobId = `export-${crypto.randomUUID()}`;
    await createJob(env, {
      id: jobId,
      kind: "export",
      ownerId: `user:${person.userId}`,
      now: Date.now(),
    });
    const dead = await deliver("pdf_generation_dlq", [
      { id: "dead", body: { type: "export.run", job_id: jobId } },
    ]);
    expect(dead.explicitAcks).toEqual(["dead"]);
    const job = await api(`/api/jobs/${jobId}`, { headers: person.headers });
    expect(job.body.data).toMatchObject({
      status: "failed",
      error: {
        code: "dead_lettered",
        message: "We could not run your export after several attempts. Please try again later.",
      },
    });
    const list = await api("/api/exports", { headers: person.headers });
    expect(list.body.data[0]).toMatchObject({ job_id: jobId, status: "failed" });
  });

  it("retries a malformed PDF-queue message, or one for another queue, instead of acking it", async () => {
    const result = await deliver("pdf_generation", [
      { id: "no-params", body: { type: "export.run", job_id: "export-x" } },
      {
        id: "backup",
        body: { type: "backup.run", job_id: "x", backup_id: "b", requested_by: "t" },
      },
    ]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((retry) => retry.msgId).sort()).toEqual([
      "backup",
      "no-params",
    ]);
  });
});
