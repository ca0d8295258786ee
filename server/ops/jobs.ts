import { and, eq, sql } from "drizzle-orm";
import {
  applyJobChange,
  initialJobState,
  isTerminal,
  type JobChange,
  type JobState,
  type JobStatus,
} from "../../core/jobs/status";
import { createDb } from "../../db/client";
import { type JobRow, jobEvents, jobs } from "../../db/schema";
import type { Env } from "../env";

/** What `GET /api/jobs/:id` returns and what KV `job:{id}` holds. */
export interface JobView {
  id: string;
  kind: string;
  owner_id: string;
  status: JobStatus;
  step: string | null;
  percent: number;
  result: unknown;
  error: { code: string; message: string } | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

type JobEnv = Pick<Env, "DB" | "JOBS">;

const KV_TTL_SECONDS = 30 * 86_400;
/** A non-terminal KV mirror older than this is checked against D1 (KV writes can be lost). */
const MIRROR_STALE_MS = 15_000;

export const jobKey = (id: string) => `job:${id}`;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    owner_id: row.ownerId,
    status: row.status,
    step: row.step,
    percent: row.percent,
    result: row.resultJson === null ? null : JSON.parse(row.resultJson),
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : null,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: new Date(row.updatedAt).toISOString(),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
  };
}

function stateOf(row: JobRow): JobState {
  return {
    status: row.status,
    step: row.step,
    percent: row.percent,
    result: row.resultJson === null ? null : JSON.parse(row.resultJson),
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : null,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

async function mirror(env: JobEnv, view: JobView): Promise<void> {
  await env.JOBS.put(jobKey(view.id), JSON.stringify(view), { expirationTtl: KV_TTL_SECONDS });
}

async function readRow(env: JobEnv, id: string): Promise<JobRow | undefined> {
  return createDb(env.DB).query.jobs.findFirst({ where: eq(jobs.id, id) });
}

/** Creates a queued job; creating the same id again returns the existing job unchanged. */
export async function createJob(
  env: JobEnv,
  input: { id: string; kind: string; ownerId: string; note?: string; now: number },
): Promise<JobView> {
  const { now } = input;
  const state = initialJobState();
  const db = createDb(env.DB);
  const inserted = await db
    .insert(jobs)
    .values({
      id: input.id,
      kind: input.kind,
      ownerId: input.ownerId,
      status: state.status,
      percent: 0,
      revision: crypto.randomUUID(),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0] ?? (await readRow(env, input.id));
  if (!row) throw new Error(`job ${input.id} vanished after insert`);
  if (inserted[0]) {
    await db.insert(jobEvents).values({
      jobId: row.id,
      status: row.status,
      percent: 0,
      message: input.note ?? null,
      at: now,
    });
  }
  const view = toView(row);
  await mirror(env, view);
  return view;
}

/**
 * Applies a change with compare-and-set on the row's revision, so two deliveries racing on
 * the same job cannot overwrite each other; a change that is a replay is skipped. The
 * history row is written in the same batch only if this write won.
 */
export async function changeJob(
  env: JobEnv,
  id: string,
  change: JobChange,
  message?: string,
): Promise<JobView> {
  const db = createDb(env.DB);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await readRow(env, id);
    if (!row) throw new Error(`job ${id} does not exist`);
    const next = applyJobChange(stateOf(row), change);
    if (!next) return toView(row);
    const revision = crypto.randomUUID();
    const updatedAt = Math.max(change.at, row.updatedAt);
    const note = message ?? next.error?.message ?? null;
    const [updated] = await db.batch([
      db
        .update(jobs)
        .set({
          status: next.status,
          step: next.step,
          percent: next.percent,
          resultJson: next.result == null ? null : JSON.stringify(next.result),
          errorCode: next.error?.code ?? null,
          errorMessage: next.error?.message ?? null,
          startedAt: next.startedAt,
          finishedAt: next.finishedAt,
          revision,
          updatedAt,
        })
        .where(and(eq(jobs.id, id), eq(jobs.revision, row.revision)))
        .returning(),
      // Selected from the row we just wrote, so the history row exists only if the write won.
      db.insert(jobEvents).select(
        db
          .select({
            id: sql<null>`NULL`.as("id"),
            jobId: jobs.id,
            status: jobs.status,
            step: jobs.step,
            percent: jobs.percent,
            message: sql<string | null>`${note}`.as("message"),
            at: jobs.updatedAt,
          })
          .from(jobs)
          .where(and(eq(jobs.id, id), eq(jobs.revision, revision))),
      ),
    ]);
    const fresh = updated[0];
    if (fresh) {
      const view = toView(fresh);
      await mirror(env, view);
      return view;
    }
  }
  throw new Error(`job ${id} kept changing under concurrent updates`);
}

/** Reads the KV mirror, falling back to D1 when it is missing or possibly stale. */
export async function getJob(env: JobEnv, id: string, now: number): Promise<JobView | null> {
  const cached = await env.JOBS.get<JobView>(jobKey(id), "json");
  if (cached) {
    const fresh =
      isTerminal(cached.status) || now - Date.parse(cached.updated_at) < MIRROR_STALE_MS;
    if (fresh) return cached;
  }
  const row = await readRow(env, id);
  if (!row) return null;
  const view = toView(row);
  if (JSON.stringify(cached) !== JSON.stringify(view)) await mirror(env, view);
  return view;
}

export async function listJobEvents(env: JobEnv, id: string) {
  return createDb(env.DB)
    .select()
    .from(jobEvents)
    .where(eq(jobEvents.jobId, id))
    .orderBy(jobEvents.id);
}
