import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { changeJob, createJob, getJob, type JobView, jobKey } from "../../server/ops/jobs";
import { api, opsHeaders, uniqueId } from "./helpers";

async function events(id: string) {
  const { results } = await env.DB.prepare(
    "SELECT status, step, percent, message FROM job_events WHERE job_id = ? ORDER BY id",
  )
    .bind(id)
    .all<{ status: string; step: string | null; percent: number; message: string | null }>();
  return results;
}

/** The job as D1 holds it, read with plain SQL rather than through the service. */
async function d1State(id: string) {
  const row = await env.DB.prepare(
    "SELECT status, step, percent, result_json, error_code, error_message FROM jobs WHERE id = ?",
  )
    .bind(id)
    .first<Record<string, string | number | null>>();
  if (!row) return null;
  return {
    status: row.status,
    step: row.step,
    percent: row.percent,
    result: row.result_json === null ? null : JSON.parse(String(row.result_json)),
    error: row.error_code ? { code: row.error_code, message: row.error_message } : null,
  };
}

const mirrored = (id: string) => env.JOBS.get<JobView>(jobKey(id), "json");

async function expectMirrorMatchesD1(id: string) {
  const kv = await mirrored(id);
  expect(kv).not.toBeNull();
  expect(kv).toMatchObject((await d1State(id))!);
}

describe("job service", () => {
  it("creates a job once: the same id again returns it unchanged with one queued event", async () => {
    const id = uniqueId("create");
    const first = await createJob(env, {
      id,
      kind: "export",
      ownerId: "user:1",
      note: "first",
      now: Date.now(),
    });
    await changeJob(env, id, { type: "start", at: Date.now() });
    const second = await createJob(env, {
      id,
      kind: "other",
      ownerId: "user:2",
      note: "again",
      now: Date.now(),
    });
    expect(first).toMatchObject({ id, kind: "export", owner_id: "user:1", status: "queued" });
    expect(second).toMatchObject({ id, kind: "export", owner_id: "user:1", status: "running" });
    const count = await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE id = ?")
      .bind(id)
      .first("n");
    expect(count).toBe(1);
    expect((await events(id)).filter((e) => e.status === "queued")).toEqual([
      { status: "queued", step: null, percent: 0, message: "first" },
    ]);
    await expectMirrorMatchesD1(id);
  });

  it("applies start, progress and succeed, mirroring D1 to KV after every change", async () => {
    const id = uniqueId("life");
    await createJob(env, { id, kind: "backup", ownerId: "system", now: Date.now() });
    await expectMirrorMatchesD1(id);
    const started = await changeJob(env, id, { type: "start", at: 1_000 });
    expect(started).toMatchObject({ status: "running", started_at: new Date(1_000).toISOString() });
    await expectMirrorMatchesD1(id);
    await changeJob(env, id, { type: "progress", step: "read schema", percent: 20, at: 2_000 });
    await expectMirrorMatchesD1(id);
    const back = await changeJob(env, id, {
      type: "progress",
      step: "dump",
      percent: 5,
      at: 3_000,
    });
    expect(back).toMatchObject({ step: "dump", percent: 20 });
    await expectMirrorMatchesD1(id);
    const done = await changeJob(env, id, { type: "succeed", result: { rows: 3 }, at: 4_000 });
    expect(done).toMatchObject({
      status: "succeeded",
      percent: 100,
      result: { rows: 3 },
      error: null,
      finished_at: new Date(4_000).toISOString(),
    });
    await expectMirrorMatchesD1(id);
    expect((await events(id)).map((e) => [e.status, e.step, e.percent])).toEqual([
      ["queued", null, 0],
      ["running", null, 0],
      ["running", "read schema", 20],
      ["running", "dump", 20],
      ["succeeded", "dump", 100],
    ]);
  });

  it("skips replays without writing history", async () => {
    const id = uniqueId("replay");
    await createJob(env, { id, kind: "backup", ownerId: "system", now: Date.now() });
    await changeJob(env, id, { type: "start", at: 1 });
    await changeJob(env, id, { type: "progress", step: "a", percent: 50, at: 2 });
    const before = await events(id);
    const replayedStart = await changeJob(env, id, { type: "start", at: 3 });
    await changeJob(env, id, { type: "progress", step: "a", percent: 50, at: 4 });
    await changeJob(env, id, { type: "progress", step: "a", percent: 10, at: 5 });
    expect(replayedStart).toMatchObject({ status: "running", step: "a", percent: 50 });
    expect(await events(id)).toEqual(before);
  });

  it("ignores every change to a finished job, except a requeue", async () => {
    const id = uniqueId("terminal");
    await createJob(env, { id, kind: "backup", ownerId: "system", now: Date.now() });
    await changeJob(env, id, { type: "fail", error: { code: "boom", message: "It broke" }, at: 5 });
    const before = await events(id);
    expect(before.at(-1)).toMatchObject({ status: "failed", message: "It broke" });
    for (const change of [
      { type: "start", at: 6 },
      { type: "progress", step: "x", percent: 90, at: 7 },
      { type: "succeed", result: 1, at: 8 },
      { type: "fail", error: { code: "again", message: "again" }, at: 9 },
    ] as const) {
      const view = await changeJob(env, id, change);
      expect(view).toMatchObject({
        status: "failed",
        error: { code: "boom", message: "It broke" },
      });
    }
    expect(await events(id)).toEqual(before);
    await expectMirrorMatchesD1(id);

    const requeued = await changeJob(env, id, { type: "requeue", at: 10 }, "restarted by a test");
    expect(requeued).toMatchObject({
      status: "queued",
      error: null,
      percent: 0,
      finished_at: null,
    });
    expect((await events(id)).at(-1)).toEqual({
      status: "queued",
      step: null,
      percent: 0,
      message: "restarted by a test",
    });
    await expectMirrorMatchesD1(id);
  });

  it("refuses to change a job that does not exist", async () => {
    await expect(changeJob(env, uniqueId("ghost"), { type: "start", at: 1 })).rejects.toThrow(
      /does not exist/,
    );
  });

  it("reads D1 when the KV entry is missing or stale, and refreshes it", async () => {
    const id = uniqueId("fallback");
    await createJob(env, { id, kind: "backup", ownerId: "system", now: Date.now() });
    await changeJob(env, id, { type: "start", at: Date.now() });
    await env.JOBS.delete(jobKey(id));
    expect(await getJob(env, id, Date.now())).toMatchObject({ id, status: "running" });
    expect(await mirrored(id)).toMatchObject({ id, status: "running" });

    // A lost KV write: the mirror still says queued, written a minute ago.
    const stale = {
      ...(await mirrored(id))!,
      status: "queued",
      updated_at: new Date(Date.now() - 60_000).toISOString(),
    };
    await env.JOBS.put(jobKey(id), JSON.stringify(stale));
    expect(await getJob(env, id, Date.now())).toMatchObject({ status: "running" });
    expect(await mirrored(id)).toMatchObject({ status: "running" });

    expect(await getJob(env, uniqueId("never"), Date.now())).toBeNull();
  });

  it("keeps one consistent row and one event per winning write under concurrent updates", async () => {
    const id = uniqueId("race");
    await createJob(env, { id, kind: "backup", ownerId: "system", now: Date.now() });
    await changeJob(env, id, { type: "start", at: 1 });
    const progress = async () => (await events(id)).filter((e) => e.step?.startsWith("step "));
    const burst = (percents: number[]) =>
      Promise.allSettled(
        percents.map((percent) =>
          changeJob(env, id, { type: "progress", step: `step ${percent}`, percent, at: 2 }),
        ),
      );

    // Five writers: each loses at most four times (once per other winner), within the retries.
    const five = await burst([10, 35, 20, 60, 45]);
    expect(five.map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
    expect(await progress()).toHaveLength(5);

    // More writers than retries: some may give up, but only writes that won leave history.
    const eight = await burst([11, 36, 21, 61, 46, 81, 71, 51]);
    const won = eight.filter((r) => r.status === "fulfilled");
    for (const lost of eight.filter((r) => r.status === "rejected")) {
      expect(String(lost.reason)).toContain("kept changing under concurrent updates");
    }
    expect(won.length).toBeGreaterThanOrEqual(5);
    const history = await progress();
    expect(history).toHaveLength(5 + won.length);
    expect(new Set(history.map((e) => e.step)).size).toBe(history.length);
    const recorded = history.map((e) => e.percent);
    expect(recorded).toEqual([...recorded].sort((a, b) => a - b));
    expect(await d1State(id)).toMatchObject({
      status: "running",
      percent: Math.max(...recorded),
      step: history.at(-1)!.step,
    });
  });
});

describe("GET /api/jobs/:id", () => {
  it("needs credentials", async () => {
    const { status, body } = await api("/api/jobs/anything");
    expect(status).toBe(401);
    expect(body.error.code).toBe("unauthorized");
  });

  it("rejects a malformed id with 400 validation_failed", async () => {
    for (const bad of ["bad.id", "a%20b", "x".repeat(129)]) {
      const { status, body } = await api(`/api/jobs/${bad}`, { headers: opsHeaders });
      expect(status).toBe(400);
      expect(body.error.code).toBe("validation_failed");
    }
  });

  it("answers 404 for an unknown job", async () => {
    const { status, body } = await api(`/api/jobs/${uniqueId("none")}`, { headers: opsHeaders });
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });

  it("hides another user's job behind 404, even from the operator", async () => {
    const id = uniqueId("theirs");
    await createJob(env, { id, kind: "export", ownerId: "user:42", now: Date.now() });
    const { status, body } = await api(`/api/jobs/${id}`, { headers: opsHeaders });
    expect(status).toBe(404);
    expect(JSON.stringify(body)).not.toContain("user:42");
  });

  it("shows the operator's own and system jobs, without the owner", async () => {
    for (const ownerId of ["operator", "system"]) {
      const id = uniqueId(ownerId);
      await createJob(env, { id, kind: "backup", ownerId, now: Date.now() });
      await changeJob(env, id, { type: "start", at: Date.now() });
      const { status, body, response } = await api(`/api/jobs/${id}`, { headers: opsHeaders });
      expect(status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(body.data).toMatchObject({ id, kind: "backup", status: "running", error: null });
      expect(body.data).not.toHaveProperty("owner_id");
    }
  });
});
