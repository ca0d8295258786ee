import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, uniqueId } from "./helpers";
import { admin, register } from "./workflow-steps-support";

describe("searching runs and failure rates", () => {
  async function insertRun(run: {
    instanceId: string;
    workflow: string;
    subject: string;
    params: Record<string, unknown>;
    status?: string;
    createdAt: number;
  }) {
    await env.DB.prepare(
      `INSERT INTO workflow_runs (instance_id, workflow, subject, job_id, created_by, status,
         params_json, created_at, updated_at) VALUES (?, ?, ?, NULL, 'test', ?, ?, ?, ?)`,
    )
      .bind(
        run.instanceId,
        run.workflow,
        run.subject,
        run.status ?? "complete",
        JSON.stringify(run.params),
        run.createdAt,
        run.createdAt,
      )
      .run();
  }

  const ids = (body: { data: { instance_id: string }[] }) =>
    body.data.map((run) => run.instance_id).sort();

  it("finds runs by a user's email, by params and by date, with readable subjects", async () => {
    await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
    const { email, userId } = await register("search");
    const signup = (await env.DB.prepare("SELECT instance_id FROM workflow_runs WHERE subject = ?")
      .bind(`user:${userId}`)
      .first<string>("instance_id"))!;
    const resumeRun = uniqueId("export-run");
    await insertRun({
      instanceId: resumeRun,
      workflow: "export",
      subject: "resume:r-gone",
      params: { userId, resumeId: "r-gone", jobId: resumeRun },
      createdAt: Date.UTC(2026, 0, 15, 12),
    });
    const other = uniqueId("other-run");
    await insertRun({
      instanceId: other,
      workflow: "export",
      subject: "resume:r-other",
      params: { userId: "someone-else", resumeId: "r-other" },
      createdAt: Date.UTC(2026, 0, 16, 12),
    });

    const byEmail = await admin(
      `/api/admin/workflows?q=${encodeURIComponent(email.toUpperCase())}`,
    );
    expect(byEmail.status).toBe(200);
    expect(ids(byEmail.body)).toEqual([signup, resumeRun].sort());
    const signupView = byEmail.body.data.find(
      (run: { instance_id: string }) => run.instance_id === signup,
    );
    expect(signupView).toMatchObject({
      subject: `user:${userId}`,
      subject_label: email,
      subject_href: `/users/${userId}`,
    });
    const resumeView = byEmail.body.data.find(
      (run: { instance_id: string }) => run.instance_id === resumeRun,
    );
    expect(resumeView).toMatchObject({
      subject_label: "Deleted resume r-gone",
      subject_href: null,
    });

    // the params' text, and the subject's
    expect(ids((await admin("/api/admin/workflows?q=r-other")).body)).toEqual([other]);
    expect(ids((await admin("/api/admin/workflows?q=someone-else")).body)).toEqual([other]);
    // an email nobody has matches nothing, and LIKE wildcards are literal
    expect((await admin("/api/admin/workflows?q=nobody%40example.test")).body.data).toEqual([]);
    expect((await admin("/api/admin/workflows?q=r-%25")).body.data).toEqual([]);

    // days are whole days, both included
    const day15 = await admin("/api/admin/workflows?q=resume:r-&from=2026-01-15&to=2026-01-15");
    expect(ids(day15.body)).toEqual([resumeRun]);
    const from16 = await admin("/api/admin/workflows?q=resume:r-&from=2026-01-16");
    expect(ids(from16.body)).toEqual([other]);
    const until15 = await admin("/api/admin/workflows?q=resume:r-&to=2026-01-15");
    expect(ids(until15.body)).toEqual([resumeRun]);

    for (const query of [
      "from=2026-01-16&to=2026-01-15",
      "from=yesterday",
      `q=${"x".repeat(201)}`,
    ]) {
      const { status, body } = await admin(`/api/admin/workflows?${query}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe("validation_failed");
    }
  });

  it("reports runs, attempts and failure rates per workflow and per step", async () => {
    const now = Date.now();
    const runs = [uniqueId("dun-a"), uniqueId("dun-b")];
    await insertRun({
      instanceId: runs[0]!,
      workflow: "dunning",
      subject: "invoice:in_a",
      params: {},
      status: "errored",
      createdAt: now - 3_600_000,
    });
    await insertRun({
      instanceId: runs[1]!,
      workflow: "dunning",
      subject: "invoice:in_b",
      params: {},
      createdAt: now - 3_600_000,
    });
    const step = (instanceId: string, name: string, attempt: number, status: string, at: number) =>
      env.DB.prepare(
        `INSERT INTO workflow_run_steps (id, instance_id, workflow, step, kind, attempt, status, started_at, ended_at)
         VALUES (?, ?, 'dunning', ?, ?, ?, ?, ?, ?)`,
      ).bind(
        `${instanceId}:${name}:${attempt}`,
        instanceId,
        name,
        name.startsWith("wait") ? "wait" : "do",
        attempt,
        status,
        at,
        at + 10,
      );
    const recent = now - 60_000;
    await env.DB.batch([
      step(runs[0]!, "retry payment", 1, "failed", recent),
      step(runs[0]!, "retry payment", 2, "failed", recent),
      step(runs[0]!, "retry payment", 3, "failed", recent),
      step(runs[1]!, "retry payment", 1, "succeeded", recent),
      step(runs[1]!, "notify payment failed", 1, "succeeded", recent),
      step(runs[1]!, "wait for payment", 1, "succeeded", recent),
      // before the window: not counted
      step(runs[1]!, "notify payment failed", 2, "failed", now - 40 * 86_400_000),
    ]);

    const { status, body } = await admin("/api/admin/workflows/stats");
    expect(status).toBe(200);
    expect(
      body.data.workflows.find((row: { workflow: string }) => row.workflow === "dunning"),
    ).toEqual({
      workflow: "dunning",
      runs: 2,
      failed_runs: 1,
      run_failure_rate: 0.5,
      attempts: 5,
      failed_attempts: 3,
      attempt_failure_rate: 0.6,
    });
    const dunningSteps = body.data.steps.filter(
      (row: { workflow: string }) => row.workflow === "dunning",
    );
    expect(dunningSteps).toEqual([
      {
        workflow: "dunning",
        step: "retry payment",
        kind: "do",
        runs: 2,
        attempts: 4,
        failures: 3,
        failure_rate: 0.75,
      },
      {
        workflow: "dunning",
        step: "notify payment failed",
        kind: "do",
        runs: 1,
        attempts: 1,
        failures: 0,
        failure_rate: 0,
      },
      {
        workflow: "dunning",
        step: "wait for payment",
        kind: "wait",
        runs: 1,
        attempts: 1,
        failures: 0,
        failure_rate: 0,
      },
    ]);

    // a window starting tomorrow has none of it; a bad day is refused
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const later = await admin(`/api/admin/workflows/stats?since=${tomorrow}`);
    expect(later.status).toBe(200);
    const dunningOf = (rows: { workflow: string }[]) =>
      rows.filter((row) => row.workflow === "dunning");
    expect(dunningOf(later.body.data.workflows)).toEqual([]);
    expect(dunningOf(later.body.data.steps)).toEqual([]);
    // never further back than the year the rows are kept
    const ancient = await admin("/api/admin/workflows/stats?since=2000-01-01");
    expect(Date.parse(ancient.body.data.since)).toBeGreaterThan(now - 366 * 86_400_000);
    const bad = await admin("/api/admin/workflows/stats?since=31-12-2026");
    expect(bad.status).toBe(400);
    expect((await api("/api/admin/workflows/stats")).status).toBe(401);
  });
});
