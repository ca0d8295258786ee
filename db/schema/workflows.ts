import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { RUN_STATUSES, STEP_KINDS, STEP_STATUSES } from "../../core/workflows/runs";

/**
 * Every Workflow instance the product creates, so operators can list and control runs.
 * The binding knows an instance's live status; this table knows what it was for.
 */
export const workflowRuns = sqliteTable(
  "workflow_runs",
  {
    instanceId: text("instance_id").primaryKey(),
    workflow: text("workflow").notNull(),
    /** What the run is about, e.g. `backup:2026-11-25T14-00-00Z` or `user:42`. */
    subject: text("subject").notNull(),
    jobId: text("job_id"),
    createdBy: text("created_by").notNull(),
    /** Last known Workflows status (core/workflows/runs.ts); the enum is for types, not a CHECK. */
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    error: text("error"),
    paramsJson: text("params_json").notNull(),
    /** How many times an operator restarted it. */
    restarts: integer("restarts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("workflow_runs_workflow_created_idx").on(t.workflow, t.createdAt),
    index("workflow_runs_status_idx").on(t.status),
    index("workflow_runs_subject_idx").on(t.subject),
  ],
);

/**
 * Each run's step history, mirrored as it happens (README "Workflow runs"): one row per attempt
 * of a `step.do`, and one per sleep or wait for an event. Cloudflare keeps instances for 30 days
 * at most; these rows are kept a year (pruned by the daily cron) and give failure rates per
 * workflow and step.
 */
export const workflowRunSteps = sqliteTable(
  "workflow_run_steps",
  {
    /** `{instance}:{step}:{attempt}` for an attempt, `{instance}:{step}:{kind}` otherwise. */
    id: text("id").primaryKey(),
    instanceId: text("instance_id").notNull(),
    workflow: text("workflow").notNull(),
    step: text("step").notNull(),
    kind: text("kind", { enum: STEP_KINDS }).notNull(),
    attempt: integer("attempt").notNull(),
    status: text("status", { enum: STEP_STATUSES }).notNull(),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
    error: text("error"),
  },
  (t) => [
    index("workflow_run_steps_instance_idx").on(t.instanceId, t.startedAt),
    index("workflow_run_steps_workflow_idx").on(t.workflow, t.startedAt),
    index("workflow_run_steps_started_idx").on(t.startedAt),
  ],
);

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type WorkflowRunStepRow = typeof workflowRunSteps.$inferSelect;
