import { env, introspectWorkflowInstance } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { backupIdFor } from "../../core/backup/manifest";
import { changeJob, createJob, getJob } from "../../server/ops/jobs";
import { countRows, deliver, uniqueId } from "./helpers";

let hour = 0;
/** A backup id and its job, distinct for every test of this file. */
async function backupJob() {
  const backupId = backupIdFor(new Date(Date.UTC(2029, 0, 1) + ++hour * 3_600_000));
  const jobId = `backup-${backupId}`;
  await createJob(env, { id: jobId, kind: "backup", ownerId: "system", now: Date.now() });
  const message = { type: "backup.run", job_id: jobId, backup_id: backupId, requested_by: "test" };
  return { backupId, jobId, message };
}

const runsOf = (jobId: string) =>
  countRows("SELECT count(*) AS n FROM workflow_runs WHERE instance_id = ?", jobId);

describe("ops queue", () => {
  it("acks a valid backup.run and starts exactly one workflow run", async () => {
    const { jobId, message, backupId } = await backupJob();
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    const result = await deliver("ops", [{ id: "m1", body: message }]);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    expect(await runsOf(jobId)).toBe(1);
    await instance.waitForStatus("complete");
    expect(await getJob(env, jobId, Date.now())).toMatchObject({
      status: "succeeded",
      result: { backup_id: backupId },
    });
  });

  it("starts one run when the same message arrives twice, and acks both deliveries", async () => {
    const { jobId, message } = await backupJob();
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    const first = await deliver("ops", [{ id: "dup-1", body: message }]);
    const second = await deliver("ops", [{ id: "dup-1", body: message, attempts: 2 }]);
    expect(first.explicitAcks).toEqual(["dup-1"]);
    expect(second.explicitAcks).toEqual(["dup-1"]);
    expect(second.retryMessages).toEqual([]);
    await instance.waitForStatus("complete");
    expect(await runsOf(jobId)).toBe(1);
    const succeeded = await countRows(
      "SELECT count(*) AS n FROM job_events WHERE job_id = ? AND status = 'succeeded'",
      jobId,
    );
    expect(succeeded).toBe(1);
  });

  it("retries malformed messages with a backoff delay instead of acking them", async () => {
    const runsBefore = await countRows("SELECT count(*) AS n FROM workflow_runs");
    const result = await deliver("ops", [
      { id: "missing-fields", body: { type: "backup.run", job_id: "x" } },
      { id: "unknown-type", body: { type: "nope", job_id: "x" } },
      { id: "not-json-object", body: "hello", attempts: 5 },
    ]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((retry) => retry.msgId).sort()).toEqual([
      "missing-fields",
      "not-json-object",
      "unknown-type",
    ]);
    const delay = (id: string) => result.delays.get(id) ?? -1;
    expect(delay("missing-fields")).toBeGreaterThanOrEqual(3);
    expect(delay("missing-fields")).toBeLessThanOrEqual(5);
    // The fifth attempt waits longer: between 40 and 80 seconds.
    expect(delay("not-json-object")).toBeGreaterThanOrEqual(40);
    expect(delay("not-json-object")).toBeLessThanOrEqual(80);
    expect(await countRows("SELECT count(*) AS n FROM workflow_runs")).toBe(runsBefore);
  });

  it("acks the good messages of a batch and retries only the bad one", async () => {
    const { jobId, message } = await backupJob();
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    const result = await deliver("ops", [
      { id: "good", body: message },
      { id: "bad", body: { type: "backup.run" } },
    ]);
    expect(result.explicitAcks).toEqual(["good"]);
    expect(result.retryMessages.map((retry) => retry.msgId)).toEqual(["bad"]);
    await instance.waitForStatus("complete");
  });

  it("retries a message on a queue with no consumer yet rather than dropping it", async () => {
    const { jobId, message } = await backupJob();
    for (const queue of ["ai_enhancement", "pdf_generation", "data_sync_staging"]) {
      const result = await deliver(queue, [{ id: `on-${queue}`, body: message }]);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toEqual([{ msgId: `on-${queue}` }]);
      expect(result.delays.get(`on-${queue}`)).toBeGreaterThanOrEqual(1);
    }
    expect(await runsOf(jobId)).toBe(0);
    expect(await getJob(env, jobId, Date.now())).toMatchObject({ status: "queued" });
  });

  it("routes the staging queue ops_staging like ops", async () => {
    const { jobId, message } = await backupJob();
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    const result = await deliver("ops_staging", [{ id: "staging", body: message }]);
    expect(result.explicitAcks).toEqual(["staging"]);
    expect(await runsOf(jobId)).toBe(1);
    await instance.waitForStatus("complete");
  });
});

describe("dead-letter queues", () => {
  it.each(["ops_dlq", "ops_dlq_staging"])(
    "%s fails the message's job with a readable reason and acks it",
    async (queue) => {
      const jobId = uniqueId("dlq-backup");
      await createJob(env, { id: jobId, kind: "backup", ownerId: "system", now: Date.now() });
      const result = await deliver(queue, [
        {
          id: "dead",
          body: { type: "backup.run", job_id: jobId, backup_id: "b", requested_by: "t" },
        },
      ]);
      expect(result.explicitAcks).toEqual(["dead"]);
      expect(result.retryMessages).toEqual([]);
      const job = await getJob(env, jobId, Date.now());
      expect(job?.status).toBe("failed");
      expect(job?.error).toEqual({
        code: "dead_lettered",
        message:
          "We could not run the database backup after several attempts. Please try again later.",
      });
    },
  );

  it("names unknown work generically on pdf_generation_dlq", async () => {
    const jobId = uniqueId("dlq-pdf");
    await createJob(env, { id: jobId, kind: "export", ownerId: "user:7", now: Date.now() });
    await changeJob(env, jobId, { type: "start", at: Date.now() });
    const result = await deliver("pdf_generation_dlq", [
      { id: "pdf", body: { type: "export.pdf", job_id: jobId } },
    ]);
    expect(result.explicitAcks).toEqual(["pdf"]);
    expect((await getJob(env, jobId, Date.now()))?.error).toEqual({
      code: "dead_lettered",
      message: "We could not run this job after several attempts. Please try again later.",
    });
  });

  it("leaves a job that already finished as it was", async () => {
    const jobId = uniqueId("dlq-done");
    await createJob(env, { id: jobId, kind: "backup", ownerId: "system", now: Date.now() });
    await changeJob(env, jobId, { type: "succeed", result: { ok: true }, at: Date.now() });
    const result = await deliver("ops_dlq", [
      { id: "late", body: { type: "backup.run", job_id: jobId } },
    ]);
    expect(result.explicitAcks).toEqual(["late"]);
    expect(await getJob(env, jobId, Date.now())).toMatchObject({
      status: "succeeded",
      error: null,
    });
  });

  it("acks dead letters for unknown jobs and malformed bodies without throwing", async () => {
    const jobsBefore = await countRows("SELECT count(*) AS n FROM jobs");
    const ghost = uniqueId("ghost");
    const result = await deliver("ops_dlq", [
      { id: "unknown-job", body: { type: "backup.run", job_id: ghost } },
      { id: "no-job", body: { type: "backup.run" } },
      { id: "wrong-types", body: { type: 42, job_id: { nested: true } } },
      { id: "text", body: "not an object" },
      { id: "null", body: null },
    ]);
    expect(result.explicitAcks.sort()).toEqual([
      "no-job",
      "null",
      "text",
      "unknown-job",
      "wrong-types",
    ]);
    expect(result.retryMessages).toEqual([]);
    expect(await getJob(env, ghost, Date.now())).toBeNull();
    expect(await countRows("SELECT count(*) AS n FROM jobs")).toBe(jobsBefore);
  });
});
