import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { JOB_STATUSES } from "../../core/jobs/status";

/** One row per long-running job; KV `job:{id}` mirrors it for fast polling. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    /** `user:{id}`, `operator` or `system`: who may read the job. */
    ownerId: text("owner_id").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    step: text("step"),
    percent: integer("percent").notNull().default(0),
    resultJson: text("result_json"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** Random per write: the compare-and-set token that makes concurrent updates safe. */
    revision: text("revision").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("jobs_owner_created_idx").on(t.ownerId, t.createdAt),
    index("jobs_status_idx").on(t.status),
  ],
);

/** Every change a job went through, for the step history of the admin console. */
export const jobEvents = sqliteTable(
  "job_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    step: text("step"),
    percent: integer("percent").notNull(),
    message: text("message"),
    at: integer("at").notNull(),
  },
  (t) => [index("job_events_job_idx").on(t.jobId, t.id)],
);

export type JobRow = typeof jobs.$inferSelect;
