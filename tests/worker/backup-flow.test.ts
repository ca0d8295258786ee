import {
  createScheduledController,
  env,
  introspectWorkflow,
  introspectWorkflowInstance,
} from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { backupManifestSchema, manifestKey } from "../../core/backup/manifest";
import { sha256Hex } from "../../core/security/crypto";
import worker from "../../worker";
import { api, opsHeaders } from "./helpers";

const HOUR = Date.UTC(2026, 10, 25, 14, 0, 0);

async function runCron(scheduledTime: number) {
  const controller = createScheduledController({ scheduledTime, cron: "0 * * * *" });
  await worker.scheduled(controller, env);
}

async function jobEvents(jobId: string) {
  const { results } = await env.DB.prepare(
    "SELECT status, step, percent FROM job_events WHERE job_id = ? ORDER BY id",
  )
    .bind(jobId)
    .all<{ status: string; step: string | null; percent: number }>();
  return results;
}

describe("hourly backup: cron → queue → BackupWorkflow", () => {
  it("moves the job queued → running → succeeded and writes a verifiable backup", async () => {
    await using workflows = await introspectWorkflow(env.BACKUP_WORKFLOW);
    await env.DB.prepare(
      "INSERT INTO system_config (key, value_json, description, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)",
    )
      .bind("flags.demo", '{"on":true}', "a flag", 1, "test")
      .run();

    await runCron(HOUR + 12 * 60_000);
    const jobId = "backup-2026-11-25T14-00-00Z";
    const queued = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
    expect(queued.status).toBe(200);
    expect(queued.body.data).toMatchObject({ id: jobId, kind: "backup" });

    await vi.waitFor(() => expect(workflows.get()).toHaveLength(1), { timeout: 10_000 });
    const [instance] = workflows.get();
    await instance!.waitForStatus("complete");

    const done = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
    expect(done.body.data).toMatchObject({ status: "succeeded", percent: 100, error: null });
    expect(done.body.data.result).toMatchObject({
      backup_id: "2026-11-25T14-00-00Z",
      tables: expect.any(Number),
    });

    const statuses = (await jobEvents(jobId)).map((event) => event.status);
    expect(statuses[0]).toBe("queued");
    expect(statuses).toContain("running");
    expect(statuses.at(-1)).toBe("succeeded");
    const percents = (await jobEvents(jobId)).map((event) => event.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const manifestObject = await env.FILES.get(manifestKey("2026-11-25T14-00-00Z"));
    const manifest = backupManifestSchema.parse(await manifestObject!.json());
    const names = manifest.tables.map((table) => table.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "jobs",
        "job_events",
        "workflow_runs",
        "backups",
        "system_config",
        "d1_migrations",
      ]),
    );
    const config = manifest.tables.find((table) => table.name === "system_config")!;
    expect(config.rows).toBe(1);
    for (const table of manifest.tables) {
      for (const part of table.parts) {
        const body = await (await env.FILES.get(part.key))!.text();
        expect(await sha256Hex(body)).toBe(part.sha256);
      }
    }

    const run = await env.DB.prepare(
      "SELECT workflow, subject, status, created_by FROM workflow_runs WHERE instance_id = ?",
    )
      .bind(jobId)
      .first();
    expect(run).toEqual({
      workflow: "backup",
      subject: "backup:2026-11-25T14-00-00Z",
      status: "complete",
      created_by: "cron",
    });
  });

  it("runs the same scheduled hour once even when cron fires twice", async () => {
    await using _workflows = await introspectWorkflow(env.BACKUP_WORKFLOW);
    const count = (sql: string) => env.DB.prepare(sql).first<number>("n");
    const jobsBefore = await count("SELECT count(*) AS n FROM jobs");
    const runsBefore = await count("SELECT count(*) AS n FROM workflow_runs");
    await runCron(HOUR - 3_600_000 + 60_000);
    await runCron(HOUR - 3_600_000 + 120_000);
    const jobId = "backup-2026-11-25T13-00-00Z";
    await vi.waitFor(
      async () => {
        const { body } = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
        expect(body.data.status).toBe("succeeded");
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(await count("SELECT count(*) AS n FROM jobs")).toBe(jobsBefore! + 1);
    expect(await count("SELECT count(*) AS n FROM workflow_runs")).toBe(runsBefore! + 1);
    const succeeded = await env.DB.prepare(
      "SELECT count(*) AS n FROM job_events WHERE job_id = ? AND status = 'succeeded'",
    )
      .bind(jobId)
      .first("n");
    expect(succeeded).toBe(1);
  });

  it("retries a failing step and succeeds when it recovers", async () => {
    const jobId = "backup-2026-11-25T15-00-00Z";
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "write manifest" }, new Error("R2 briefly unavailable"), 2);
    });
    await runCron(HOUR + 3_600_000);
    await instance.waitForStatus("complete");
    const { body } = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
    expect(body.data.status).toBe("succeeded");
  });

  it("marks the job failed with a readable reason once a step exhausts its retries", async () => {
    const jobId = "backup-2026-11-25T16-00-00Z";
    await using instance = await introspectWorkflowInstance(env.BACKUP_WORKFLOW, jobId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "write manifest" }, new Error("R2 is down"), 4);
    });
    await runCron(HOUR + 7_200_000);
    await instance.waitForStatus("errored");
    const { body } = await api(`/api/jobs/${jobId}`, { headers: opsHeaders });
    expect(body.data.status).toBe("failed");
    expect(body.data.error).toEqual({
      code: "step_failed",
      message: 'Step "write manifest" failed: R2 is down',
    });
    const run = await env.DB.prepare(
      "SELECT status, error FROM workflow_runs WHERE instance_id = ?",
    )
      .bind(jobId)
      .first();
    expect(run).toMatchObject({ status: "errored", error: expect.stringContaining("R2 is down") });
  });
});
