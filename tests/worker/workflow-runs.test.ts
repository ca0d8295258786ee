import { env, introspectWorkflowInstance } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { startWorkflowRun } from "../../server/ops/workflow-runs";
import { api, countRows, opsHeaders, servedAt, uniqueId, waitForJob } from "./helpers";

const runStatus = (instanceId: string) =>
  env.DB.prepare("SELECT status FROM workflow_runs WHERE instance_id = ?")
    .bind(instanceId)
    .first<string>("status");

async function waitForRun(instanceId: string, status: string) {
  await vi.waitFor(async () => expect(await runStatus(instanceId)).toBe(status), {
    timeout: 15_000,
    interval: 100,
  });
}

/**
 * Backup ids are the request's second: each call gives the requests it is sent with a second
 * no other backup request of this file used (counted on from when the file started).
 */
let lastSecond = Math.floor(Date.now() / 1_000) * 1_000;
const nextBackupSecond = () => {
  lastSecond += 1_000;
  return servedAt(lastSecond);
};

/** POST /api/admin/backups, then waits until the job and its run are both done. */
async function backupThroughApi(body?: unknown) {
  const headers = { ...opsHeaders, ...nextBackupSecond() };
  const init: RequestInit = { method: "POST", headers };
  if (body !== undefined) {
    init.headers = { ...headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  const { status, body: response } = await api("/api/admin/backups", init);
  expect(status).toBe(202);
  const jobId: string = response.data.job_id;
  await waitForJob(jobId, "succeeded");
  await waitForRun(jobId, "complete");
  return jobId;
}

const listRuns = (query = "") => api(`/api/admin/workflows${query}`, { headers: opsHeaders });

describe("admin workflow runs", () => {
  it("lists a finished backup run, with working filters and pagination", async () => {
    const jobId = await backupThroughApi();
    const backupId = jobId.replace(/^backup-/, "");
    const total = await countRows("SELECT count(*) AS n FROM workflow_runs");

    const all = await listRuns();
    expect(all.status).toBe(200);
    expect(all.body.pagination).toEqual({ page: 1, per_page: 20, total, total_pages: 1 });
    expect(all.body.data.find((run: { instance_id: string }) => run.instance_id === jobId)).toEqual(
      {
        instance_id: jobId,
        workflow: "backup",
        subject: `backup:${backupId}`,
        subject_label: expect.stringMatching(/^Backup of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
        subject_href: "/backups",
        job_id: jobId,
        created_by: "operator",
        status: "complete",
        error: null,
        params: { jobId, backupId, requestedBy: "operator" },
        restarts: 0,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    );

    const filtered = await listRuns(`?workflow=backup&status=complete&subject=${backupId}`);
    expect(filtered.body.data.map((run: { instance_id: string }) => run.instance_id)).toEqual([
      jobId,
    ]);
    expect(filtered.body.pagination.total).toBe(1);
    expect((await listRuns("?workflow=signup")).body.data).toEqual([]);
    expect((await listRuns("?status=errored")).body.data).toEqual([]);
    expect((await listRuns("?subject=nothing-like-this")).body.pagination).toMatchObject({
      total: 0,
      total_pages: 1,
    });
    // LIKE wildcards in the filter are matched literally.
    expect((await listRuns("?subject=%25")).body.data).toEqual([]);
    expect((await listRuns("?subject=_")).body.data).toEqual([]);
    expect((await listRuns(`?subject=${backupId.replace("-", "_")}`)).body.data).toEqual([]);
  });

  it("pages through runs newest first", async () => {
    const ids = [uniqueId("page-a"), uniqueId("page-b"), uniqueId("page-c")];
    // Created a millisecond apart, in this order: newest first is the reverse.
    const createdAt = Date.now();
    for (const [position, id] of ids.entries()) {
      await using instance = await introspectWorkflowInstance(env.BAN_ESCALATION_WORKFLOW, id);
      await startWorkflowRun(env, {
        workflow: "ban-escalation",
        instanceId: id,
        // an account with nothing to escalate: one evaluation, then complete
        params: { userId: uniqueId("nobody") },
        subject: `pager:${id}`,
        jobId: null,
        createdBy: "test",
        now: createdAt + position,
      });
      await instance.waitForStatus("complete");
    }
    const pages = [1, 2, 3].map((page) => listRuns(`?subject=pager:&per_page=2&page=${page}`));
    const [first, second, third] = await Promise.all(pages);
    expect(first!.body.pagination).toEqual({ page: 1, per_page: 2, total: 3, total_pages: 2 });
    const seen = [...first!.body.data, ...second!.body.data].map(
      (run: { instance_id: string }) => run.instance_id,
    );
    expect(seen).toEqual([...ids].reverse());
    expect(second!.body.pagination).toEqual({ page: 2, per_page: 2, total: 3, total_pages: 2 });
    expect(third!.body.data).toEqual([]);
  });

  it("rejects bad filters and missing credentials", async () => {
    for (const query of ["?workflow=nope", "?status=exploded", "?per_page=0", "?page=x"]) {
      const { status, body } = await listRuns(query);
      expect(status).toBe(400);
      expect(body.error.code).toBe("validation_failed");
    }
    expect((await api("/api/admin/workflows")).status).toBe(401);
    expect((await api("/api/admin/workflows/x", { method: "GET" })).status).toBe(401);
  });

  it("shows one run's live status, output and step history in order", async () => {
    const jobId = await backupThroughApi({ reason: "before the migration" });
    const { status, body } = await api(`/api/admin/workflows/${jobId}`, { headers: opsHeaders });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ instance_id: jobId, status: "complete", error: null });
    expect(body.data.output).toMatchObject({
      backup_id: jobId.replace(/^backup-/, ""),
      tables: expect.any(Number),
    });
    const steps: {
      status: string;
      step: string | null;
      percent: number;
      message: string | null;
      at: string;
    }[] = body.data.steps;
    expect(steps[0]).toMatchObject({
      status: "queued",
      message: "requested by operator: before the migration",
    });
    expect(steps.at(-1)).toMatchObject({ status: "succeeded", percent: 100 });
    expect(steps.map((step) => step.step)).toEqual(
      expect.arrayContaining(["read schema", "dump jobs", "write manifest"]),
    );
    const times = steps.map((step) => Date.parse(step.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const percents = steps.map((step) => step.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it("answers 404 for an unknown run and 400 for a malformed id or action", async () => {
    const unknown = await api(`/api/admin/workflows/${uniqueId("nope")}`, { headers: opsHeaders });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const control = await api(`/api/admin/workflows/${uniqueId("nope")}/pause`, {
      method: "POST",
      headers: opsHeaders,
    });
    expect(control.status).toBe(404);
    const badId = await api("/api/admin/workflows/bad.id", { headers: opsHeaders });
    expect(badId.status).toBe(400);
    const badAction = await api("/api/admin/workflows/some-run/explode", {
      method: "POST",
      headers: opsHeaders,
    });
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.code).toBe("validation_failed");
  });

  it("refuses to pause a finished run, and restarts it so its job runs again", async () => {
    const jobId = await backupThroughApi();
    const pause = await api(`/api/admin/workflows/${jobId}/pause`, {
      method: "POST",
      headers: opsHeaders,
    });
    expect(pause.status).toBe(409);
    expect(pause.body.error).toMatchObject({ code: "conflict", details: { status: "complete" } });

    const restart = await api(`/api/admin/workflows/${jobId}/restart`, {
      method: "POST",
      headers: opsHeaders,
    });
    expect(restart.status).toBe(200);
    expect(restart.body.data).toMatchObject({ instance_id: jobId, restarts: 1 });
    await waitForJob(jobId, "succeeded");
    await waitForRun(jobId, "complete");

    const { results } = await env.DB.prepare(
      "SELECT status, step, message FROM job_events WHERE job_id = ? ORDER BY id",
    )
      .bind(jobId)
      .all<{ status: string; step: string | null; message: string | null }>();
    const requeue = results.findIndex((event) => event.message === "restarted by an operator");
    expect(requeue).toBeGreaterThan(0);
    expect(results[requeue - 1]!.status).toBe("succeeded");
    expect(results[requeue]!.status).toBe("queued");
    // The second run reports like the first: running, its steps, then succeeded once more.
    const rerun = results.slice(requeue + 1);
    expect(rerun[0]!.status).toBe("running");
    expect(rerun.map((event) => event.step)).toEqual(expect.arrayContaining(["write manifest"]));
    expect(rerun.at(-1)!.status).toBe("succeeded");
    expect(results.filter((event) => event.status === "succeeded")).toHaveLength(2);
    const detail = await api(`/api/admin/workflows/${jobId}`, { headers: opsHeaders });
    expect(detail.body.data).toMatchObject({ status: "complete", restarts: 1 });
  });

  it("gives the same job to two backup requests in the same second", async () => {
    // Both requests are served in one second: the same second gives the same backup id.
    const headers = { ...opsHeaders, ...nextBackupSecond() };
    const post = () => api("/api/admin/backups", { method: "POST", headers });
    const [a, b] = [await post(), await post()];
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.data.job_id).toBe(a.body.data.job_id);
    const jobId = a.body.data.job_id;
    await waitForJob(jobId, "succeeded");
    await waitForRun(jobId, "complete");
    expect(await countRows("SELECT count(*) AS n FROM jobs WHERE id = ?", jobId)).toBe(1);
    expect(await countRows("SELECT count(*) AS n FROM workflow_runs WHERE job_id = ?", jobId)).toBe(
      1,
    );
    expect(
      await countRows(
        "SELECT count(*) AS n FROM job_events WHERE job_id = ? AND status = 'queued'",
        jobId,
      ),
    ).toBe(1);
  });
});
