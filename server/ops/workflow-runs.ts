import { and, type Column, count, desc, eq, gte, lt, or, type SQL, sql } from "drizzle-orm";
import {
  canApply,
  type RunAction,
  type RunStatus,
  type WorkflowName,
} from "../../core/workflows/runs";
import { createDb } from "../../db/client";
import { type WorkflowRunRow, workflowRuns } from "../../db/schema";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { changeJob } from "./jobs";
import { workflowBinding } from "./workflow-bindings";
import { userIdsByEmail } from "./workflow-run-subjects";

export interface StartRunInput {
  workflow: WorkflowName;
  instanceId: string;
  params: Record<string, unknown>;
  subject: string;
  jobId: string | null;
  createdBy: string;
  /** When the run is recorded as created (epoch ms). */
  now: number;
}

const isDuplicateInstance = (error: unknown) =>
  error instanceof Error && /already exists|duplicate/i.test(error.message);

/**
 * Records the run, then creates the instance. Both halves are idempotent, so a queue
 * message delivered twice, or retried after a crash between them, starts exactly one run.
 */
export async function startWorkflowRun(
  env: Env,
  input: StartRunInput,
): Promise<{ instanceId: string; created: boolean }> {
  const db = createDb(env.DB);
  const { now } = input;
  await db
    .insert(workflowRuns)
    .values({
      instanceId: input.instanceId,
      workflow: input.workflow,
      subject: input.subject,
      jobId: input.jobId,
      createdBy: input.createdBy,
      status: "queued",
      paramsJson: JSON.stringify(input.params),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  try {
    await workflowBinding(env, input.workflow).create({
      id: input.instanceId,
      params: input.params,
    });
    return { instanceId: input.instanceId, created: true };
  } catch (error) {
    if (isDuplicateInstance(error)) return { instanceId: input.instanceId, created: false };
    throw error;
  }
}

/** Called from inside a workflow's own steps as it moves. */
export async function setRunStatus(
  env: Pick<Env, "DB">,
  instanceId: string,
  status: RunStatus,
  error: string | null,
  now: number,
): Promise<void> {
  await createDb(env.DB)
    .update(workflowRuns)
    .set({ status, error, updatedAt: now })
    .where(eq(workflowRuns.instanceId, instanceId));
}

export interface RunFilters {
  workflow?: WorkflowName;
  status?: RunStatus;
  subject?: string;
  /** Matches the subject, the params JSON, or a user's email (README "Workflow runs"). */
  q?: string;
  /** Created at or after / before (epoch ms). */
  from?: number;
  to?: number;
  page: number;
  perPage: number;
}

/** A substring match: the filter's own `%`, `_` and `\` are matched literally. */
const contains = (column: Column, text: string) =>
  sql`${column} LIKE ${`%${text.replace(/[\\%_]/g, "\\$&")}%`} ESCAPE '\\'`;

/**
 * The free-text search: the subject or params contain the text, or, when it is a user's
 * email, the run is about that user (`user:{id}`) or its params name them.
 */
async function searchCondition(env: Env, q: string): Promise<SQL> {
  const matches: SQL[] = [contains(workflowRuns.subject, q), contains(workflowRuns.paramsJson, q)];
  if (q.includes("@")) {
    for (const userId of await userIdsByEmail(env, q)) {
      matches.push(eq(workflowRuns.subject, `user:${userId}`));
      matches.push(contains(workflowRuns.paramsJson, userId));
    }
  }
  return or(...matches) as SQL;
}

export async function listWorkflowRuns(env: Env, filters: RunFilters) {
  const db = createDb(env.DB);
  const conditions: SQL[] = [];
  if (filters.workflow) conditions.push(eq(workflowRuns.workflow, filters.workflow));
  if (filters.status) conditions.push(eq(workflowRuns.status, filters.status));
  if (filters.subject) conditions.push(contains(workflowRuns.subject, filters.subject));
  if (filters.q) conditions.push(await searchCondition(env, filters.q));
  if (filters.from !== undefined) conditions.push(gte(workflowRuns.createdAt, filters.from));
  if (filters.to !== undefined) conditions.push(lt(workflowRuns.createdAt, filters.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(workflowRuns)
      .where(where)
      .orderBy(desc(workflowRuns.createdAt))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ value: count() }).from(workflowRuns).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

async function findRun(env: Env, instanceId: string): Promise<WorkflowRunRow> {
  const row = await createDb(env.DB).query.workflowRuns.findFirst({
    where: eq(workflowRuns.instanceId, instanceId),
  });
  if (!row) throw notFound("Workflow run");
  return row;
}

/** The recorded run plus the binding's live view of it, which refreshes the record. */
export async function inspectWorkflowRun(env: Env, instanceId: string, now: number) {
  const row = await findRun(env, instanceId);
  const instance = await workflowBinding(env, row.workflow as WorkflowName).get(instanceId);
  const live = await instance.status();
  const error = live.error ? `${live.error.name}: ${live.error.message}` : null;
  if (live.status !== row.status || error !== row.error)
    await setRunStatus(env, instanceId, live.status, error, now);
  return { row: { ...row, status: live.status, error }, output: live.output ?? null };
}

/** Operator controls; a restart also puts the run's job back to queued. */
export async function controlWorkflowRun(
  env: Env,
  instanceId: string,
  action: RunAction,
  now: number,
) {
  const { row } = await inspectWorkflowRun(env, instanceId, now);
  if (!canApply(action, row.status)) {
    throw conflict(`Cannot ${action} a run that is ${row.status}`, { status: row.status });
  }
  const instance = await workflowBinding(env, row.workflow as WorkflowName).get(instanceId);
  if (action === "restart") {
    // Requeue first: the restarted run starts at once and its first step moves the job on.
    if (row.jobId) {
      await changeJob(env, row.jobId, { type: "requeue", at: now }, "restarted by an operator");
    }
    await createDb(env.DB)
      .update(workflowRuns)
      .set({ restarts: sql`${workflowRuns.restarts} + 1`, updatedAt: now })
      .where(eq(workflowRuns.instanceId, instanceId));
  }
  await instance[action]();
  return inspectWorkflowRun(env, instanceId, now);
}
