import { asc, desc, eq, sql } from "drizzle-orm";
import type { StepKind } from "../../core/workflows/runs";
import { createDb } from "../../db/client";
import { type WorkflowRunStepRow, workflowRunSteps } from "../../db/schema";
import type { Env } from "../env";

/** A run's mirrored step history (workflows/lib/record-steps.ts), in the order it happened. */
export async function listRunSteps(
  env: Pick<Env, "DB">,
  instanceId: string,
): Promise<WorkflowRunStepRow[]> {
  return (
    createDb(env.DB)
      .select()
      .from(workflowRunSteps)
      .where(eq(workflowRunSteps.instanceId, instanceId))
      .orderBy(asc(workflowRunSteps.startedAt), asc(workflowRunSteps.attempt))
      // Bounded: a run has at most Cloudflare's step limit of steps, and few attempts each.
      .limit(2_000)
  );
}

export interface WorkflowStats {
  workflow: string;
  runs: number;
  failedRuns: number;
  attempts: number;
  failedAttempts: number;
}

export interface StepStats {
  workflow: string;
  step: string;
  kind: StepKind;
  runs: number;
  attempts: number;
  failures: number;
}

/** Enough for every step of every workflow; the noisiest (most failures) come first. */
const MAX_STEP_ROWS = 500;

/**
 * Failure counts since a time: per workflow (its runs, and every attempt of its steps) and per
 * step. A step's failures are failed attempts, so a step that failed twice then passed counts
 * three attempts and two failures.
 */
export async function workflowStepStats(env: Pick<Env, "DB">, since: number) {
  const runs = await env.DB.prepare(
    `SELECT workflow, count(*) AS runs, sum(status = 'errored') AS failed_runs
     FROM workflow_runs WHERE created_at >= ? GROUP BY workflow`,
  )
    .bind(since)
    .all<{ workflow: string; runs: number; failed_runs: number }>();
  const steps = await createDb(env.DB)
    .select({
      workflow: workflowRunSteps.workflow,
      step: workflowRunSteps.step,
      kind: workflowRunSteps.kind,
      runs: sql<number>`count(DISTINCT ${workflowRunSteps.instanceId})`,
      attempts: sql<number>`count(*)`,
      failures: sql<number>`sum(${workflowRunSteps.status} = 'failed')`,
    })
    .from(workflowRunSteps)
    .where(sql`${workflowRunSteps.startedAt} >= ${since}`)
    .groupBy(workflowRunSteps.workflow, workflowRunSteps.step, workflowRunSteps.kind)
    .orderBy(
      desc(sql`sum(${workflowRunSteps.status} = 'failed')`),
      asc(workflowRunSteps.workflow),
      asc(workflowRunSteps.step),
    )
    .limit(MAX_STEP_ROWS);

  const byWorkflow = new Map<string, WorkflowStats>();
  const entry = (workflow: string) => {
    let stats = byWorkflow.get(workflow);
    if (!stats) {
      stats = { workflow, runs: 0, failedRuns: 0, attempts: 0, failedAttempts: 0 };
      byWorkflow.set(workflow, stats);
    }
    return stats;
  };
  for (const row of runs.results) {
    const stats = entry(row.workflow);
    stats.runs = row.runs;
    stats.failedRuns = row.failed_runs ?? 0;
  }
  // Only `step.do` attempts count toward a workflow's attempts: a sleep is not an attempt.
  const stepStats: StepStats[] = steps.map((row) => ({ ...row, failures: row.failures ?? 0 }));
  for (const row of stepStats) {
    if (row.kind !== "do") continue;
    const stats = entry(row.workflow);
    stats.attempts += row.attempts;
    stats.failedAttempts += row.failures;
  }
  const workflows = [...byWorkflow.values()].sort((a, b) => a.workflow.localeCompare(b.workflow));
  return { workflows, steps: stepStats };
}

/** Rows are kept a year (README "Workflow runs"), well past Cloudflare's 30 days. */
export const STEP_HISTORY_RETENTION_MS = 365 * 86_400_000;
const PRUNE_BATCH = 500;
/** One daily run removes at most this many batches; a backlog drains over the next days. */
const PRUNE_MAX_BATCHES = 40;

/**
 * Deletes step rows started before `olderThan`, a bounded batch at a time so no statement
 * runs long on D1. Idempotent: a retried cron deletes whatever is still old.
 */
export async function pruneWorkflowRunSteps(
  env: Pick<Env, "DB">,
  olderThan: number,
): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < PRUNE_MAX_BATCHES; batch++) {
    const result = await env.DB.prepare(
      `DELETE FROM workflow_run_steps WHERE id IN
         (SELECT id FROM workflow_run_steps WHERE started_at < ? LIMIT ?)`,
    )
      .bind(olderThan, PRUNE_BATCH)
      .run();
    const changes = result.meta.changes ?? 0;
    deleted += changes;
    if (changes < PRUNE_BATCH) break;
  }
  return deleted;
}
