import { env, introspectWorkflowInstance } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { startWorkflowRun } from "../../server/ops/workflow-runs";
import { api, bearerFor, countRows, opsHeaders, uniqueId } from "./helpers";

describe("audit log of administrative actions", () => {
  it("records who ran a backup, from where, with the reason and request id", async () => {
    const { status, body, response } = await api("/api/admin/backups", {
      method: "POST",
      headers: {
        ...opsHeaders,
        "Content-Type": "application/json",
        "CF-Connecting-IP": "203.0.113.7",
        "User-Agent": "ops-cli/1.0",
      },
      body: JSON.stringify({ reason: "before the migration" }),
    });
    expect(status).toBe(202);
    const log = await api(
      `/api/admin/audit-logs?action=backup.run&resource_id=${body.data.job_id}`,
      {
        headers: opsHeaders,
      },
    );
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({
      actor_id: "operator",
      actor_role: "super_admin",
      action: "backup.run",
      resource_type: "backup",
      resource_id: body.data.job_id,
      details: { reason: "before the migration" },
      ip: "203.0.113.7",
      user_agent: "ops-cli/1.0",
      request_id: response.headers.get("x-request-id"),
    });
  });

  it("records a refused action as refused, never as done", async () => {
    const done = "SELECT count(*) AS n FROM audit_log WHERE action = 'backup.run'";
    const before = await countRows(done);
    const { headers, id } = await bearerFor("admin");
    expect((await api("/api/admin/backups", { method: "POST", headers })).status).toBe(403);
    expect(await countRows(done)).toBe(before);
    // README "The admin's own security": the refusal itself is in the log
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'admin.request_refused' AND actor_id = ?",
        `user:${id}`,
      ),
    ).toBe(1);
  });

  it("records operator controls of workflow runs with the run's status after", async () => {
    const id = uniqueId("ban-escalation");
    await using instance = await introspectWorkflowInstance(env.BAN_ESCALATION_WORKFLOW, id);
    await startWorkflowRun(env, {
      workflow: "ban-escalation",
      instanceId: id,
      // an account with nothing to escalate: the run evaluates once and completes
      params: { userId: uniqueId("nobody") },
      subject: "user:test",
      jobId: null,
      createdBy: "test",
      now: Date.now(),
    });
    await instance.waitForStatus("complete");
    const { headers, id: adminId } = await bearerFor("super_admin");
    expect(
      (await api(`/api/admin/workflows/${id}/restart`, { method: "POST", headers })).status,
    ).toBe(200);
    const log = await api(`/api/admin/audit-logs?actor=user:${adminId}`, { headers: opsHeaders });
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({
      action: "workflow.restart",
      resource_type: "workflow_run",
      resource_id: id,
      actor_role: "super_admin",
      details: { workflow: "ban-escalation" },
    });
  });

  it("filters by time and paginates, newest first; rejects a bad date", async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < 3; i++) {
      await api("/api/admin/backups", {
        method: "POST",
        headers: { ...opsHeaders, "Content-Type": "application/json" },
        body: JSON.stringify({ reason: `run ${i}` }),
      });
    }
    const page = await api(`/api/admin/audit-logs?action=backup.run&from=${from}&per_page=2`, {
      headers: opsHeaders,
    });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.pagination.total).toBeGreaterThanOrEqual(3);
    const times = page.body.data.map((entry: { at: string }) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
    const future = await api(
      `/api/admin/audit-logs?from=${new Date(Date.now() + 86_400_000).toISOString()}`,
      { headers: opsHeaders },
    );
    expect(future.body.data).toHaveLength(0);
    const bad = await api("/api/admin/audit-logs?from=not-a-date", { headers: opsHeaders });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
  });
});
