import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { RUN_STATUSES } from "../../core/workflows/runs";

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

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
