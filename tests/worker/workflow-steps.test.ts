import {
  createScheduledController,
  env,
  introspectWorkflow,
  introspectWorkflowInstance,
} from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker";
import { api, opsHeaders, uniqueId } from "./helpers";
import { admin, register, stepRows } from "./workflow-steps-support";

const HOUR = Date.UTC(2026, 2, 10, 9, 0, 0);

/** The hourly cron for `hour`: cron → ops queue → BackupWorkflow, as in production. */
async function backupAt(hour: number) {
  const controller = createScheduledController({ scheduledTime: hour + 60_000, cron: "0 * * * *" });
  await worker.scheduled(controller, env);
}

const backupJobId = (hour: number) =>
  `backup-${new Date(hour)
    .toISOString()
    .replace(/:/g, "-")
    .replace(/\.\d{3}Z$/, "Z")}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("workflow step history mirrored to D1", () => {
  it("a real backup run leaves one succeeded attempt per step, shown on the run", async () => {
    const jobId = backupJobId(HOUR);
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    await backupAt(HOUR);
    await instance.waitForStatus("complete");

    const rows = await stepRows(jobId);
    const names = rows.map((row) => row.step);
    expect(names[0]).toBe("job: mark running");
    expect(names).toEqual(
      expect.arrayContaining([
        "read schema",
        "dump users",
        "write manifest",
        "job: mark succeeded",
      ]),
    );
    // each step ran once, and its row was closed when it ended
    expect(new Set(names).size).toBe(names.length);
    for (const row of rows) {
      expect(row).toMatchObject({ kind: "do", attempt: 1, status: "succeeded", error: null });
      expect(row.ended_at).toBeGreaterThanOrEqual(row.started_at);
    }

    const { status, body } = await admin(`/api/admin/workflows/${jobId}`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      subject: `backup:${jobId.replace(/^backup-/, "")}`,
      subject_label: "Backup of 2026-03-10 09:00 UTC",
      subject_href: "/backups",
    });
    expect(body.data.step_history).toHaveLength(rows.length);
    expect(body.data.step_history[0]).toEqual({
      step: "job: mark running",
      kind: "do",
      attempt: 1,
      status: "succeeded",
      started_at: new Date(rows[0]!.started_at).toISOString(),
      ended_at: new Date(rows[0]!.ended_at!).toISOString(),
      duration_ms: rows[0]!.ended_at! - rows[0]!.started_at,
      error: null,
    });
  });

  it("a step whose callback fails records each failed attempt, then the success", async () => {
    const hour = HOUR + 3_600_000;
    const jobId = backupJobId(hour);
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
    });
    // The first table dump checksums its part with SHA-256: the first two digests fail for
    // real inside the step's callback (the run shares this isolate), the third works.
    const digest = vi
      .spyOn(crypto.subtle, "digest")
      .mockRejectedValueOnce(new Error("digest briefly unavailable"))
      .mockRejectedValueOnce(new Error("digest still unavailable"));
    await backupAt(hour);
    await instance.waitForStatus("complete");
    expect(digest.mock.calls.length).toBeGreaterThan(2);

    const rows = await stepRows(jobId);
    const failed = rows.filter((row) => row.status === "failed");
    expect(failed).toHaveLength(2);
    const step = failed[0]!.step;
    expect(step).toMatch(/^dump /);
    expect(rows.filter((row) => row.step === step)).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: "failed",
        error: "digest briefly unavailable",
      }),
      expect.objectContaining({ attempt: 2, status: "failed", error: "digest still unavailable" }),
      expect.objectContaining({ attempt: 3, status: "succeeded", error: null }),
    ]);
    expect(rows.at(-1)).toMatchObject({ step: "job: mark succeeded", status: "succeeded" });
  });

  it("a restarted run numbers its attempts on from the first run's", async () => {
    const hour = HOUR + 2 * 3_600_000;
    const jobId = backupJobId(hour);
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    await backupAt(hour);
    await instance.waitForStatus("complete");
    const first = await stepRows(jobId);

    const restart = await api(`/api/admin/workflows/${jobId}/restart`, {
      method: "POST",
      headers: opsHeaders,
    });
    expect(restart.status).toBe(200);
    await vi.waitFor(
      async () => {
        const rows = await stepRows(jobId);
        expect(rows.filter((row) => row.step === "job: mark succeeded")).toHaveLength(2);
      },
      { timeout: 15_000, interval: 100 },
    );
    const rows = await stepRows(jobId);
    expect(rows).toHaveLength(first.length * 2);
    expect(rows.filter((row) => row.step === "write manifest")).toEqual([
      expect.objectContaining({ attempt: 1, status: "succeeded" }),
      expect.objectContaining({ attempt: 2, status: "succeeded" }),
    ]);
  });

  it("an event wait is one row, waiting until the event comes", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { userId } = await register("steps");
    const instanceId = (await env.DB.prepare(
      "SELECT instance_id FROM workflow_runs WHERE subject = ?",
    )
      .bind(`user:${userId}`)
      .first<string>("instance_id"))!;
    await vi.waitFor(
      async () =>
        expect((await stepRows(instanceId)).find((row) => row.kind === "wait")).toMatchObject({
          step: "wait for verification",
          attempt: 1,
          status: "waiting",
          ended_at: null,
        }),
      { timeout: 15_000, interval: 100 },
    );
    const before = await stepRows(instanceId);
    expect(before.map((row) => row.step)).toEqual(
      expect.arrayContaining(["create user", "create profile", "send verification email"]),
    );
    // every row so far is one attempt that succeeded, apart from the open wait
    expect(
      before.filter((row) => row.kind === "do").map((row) => [row.step, row.attempt, row.status]),
    ).toEqual(before.filter((row) => row.kind === "do").map((row) => [row.step, 1, "succeeded"]));
  });
});

describe("pruning step history", () => {
  const DAY = Date.UTC(2027, 5, 1, 3, 0, 0);
  const YEAR = 365 * 86_400_000;

  async function runDailyCron() {
    const controller = createScheduledController({ scheduledTime: DAY, cron: "0 3 * * *" });
    await worker.scheduled(controller, env);
  }

  it("removes rows older than a year in batches, keeps the rest, and is idempotent", async () => {
    const instance = uniqueId("prune");
    // 1,100 rows from before the year (more than two batches), two from within it
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1100)
       INSERT INTO workflow_run_steps (id, instance_id, workflow, step, kind, attempt, status, started_at)
       SELECT ?1 || ':old:' || i, ?1, 'backup', 'old step', 'do', i, 'succeeded', ?2 - i FROM n`,
    )
      .bind(instance, DAY - YEAR)
      .run();
    await env.DB.batch(
      [DAY - YEAR, DAY - 1_000].map((startedAt, index) =>
        env.DB.prepare(
          `INSERT INTO workflow_run_steps (id, instance_id, workflow, step, kind, attempt, status, started_at)
           VALUES (?, ?, 'backup', 'recent step', 'do', ?, 'succeeded', ?)`,
        ).bind(`${instance}:recent:${index}`, instance, index + 1, startedAt),
      ),
    );

    await runDailyCron();
    const left = await stepRows(instance);
    // exactly a year old is kept: only rows started before the cutoff go
    expect(left.map((row) => row.started_at)).toEqual([DAY - YEAR, DAY - 1_000]);

    await runDailyCron();
    expect(await stepRows(instance)).toHaveLength(2);
  });
});
