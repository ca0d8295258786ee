import { z } from "zod";
import { RUN_STATUSES, STEP_KINDS, STEP_STATUSES, WORKFLOW_NAMES } from "../workflows/runs";

/**
 * The wire shapes of the workflow runs console beyond Cloudflare's own (README "Workflow
 * runs"): the list's search, a run's mirrored step history, and failure rates. The run
 * itself is `workflowRunSchema` in ./admin.ts.
 */

/** A calendar day (UTC); `from` includes it from its start, `to` to its end. */
const day = z.iso.date();

/** `GET /api/admin/workflows` filters beyond the page; the admin app parses its URL with it. */
export const workflowRunsFilterSchema = z.object({
  workflow: z.enum(WORKFLOW_NAMES).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  subject: z.string().max(200).optional(),
  /** Matches the subject, the params, or (an exact email) the runs about that user. */
  q: z.string().trim().min(1).max(200).optional(),
  from: day.optional(),
  to: day.optional(),
});

/** A date range the wrong way round is a mistake to report, not an empty page. */
export const fromNotAfterTo = (query: { from?: string | undefined; to?: string | undefined }) =>
  !query.from || !query.to || query.from <= query.to;
export const FROM_AFTER_TO = { message: "from must not be after to", path: ["from"] };

const DAY_MS = 86_400_000;
/** A `from` day as the first instant it includes (epoch ms). */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** A `to` day as the first instant after it (epoch ms), so the whole day is included. */
export const dayEnd = (day: string) => dayStart(day) + DAY_MS;

/** One mirrored step: an attempt of a `step.do`, a sleep, or a wait for an event. */
export const workflowStepRecordSchema = z
  .object({
    step: z.string(),
    kind: z.enum(STEP_KINDS),
    attempt: z.number().int(),
    status: z.enum(STEP_STATUSES),
    started_at: z.string(),
    ended_at: z.string().nullable(),
    /** Milliseconds; null while it runs or waits. */
    duration_ms: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "WorkflowStepRecord" });

/** `GET /api/admin/workflows/stats?since=`: since when; at most a year back (the retention). */
export const workflowStatsQuerySchema = z.object({ since: day.optional() });

const rate = z.number().min(0).max(1);

export const workflowStatsSchema = z
  .object({
    since: z.string(),
    workflows: z.array(
      z.object({
        workflow: z.string(),
        runs: z.number().int(),
        failed_runs: z.number().int(),
        run_failure_rate: rate,
        attempts: z.number().int(),
        failed_attempts: z.number().int(),
        attempt_failure_rate: rate,
      }),
    ),
    steps: z.array(
      z.object({
        workflow: z.string(),
        step: z.string(),
        kind: z.enum(STEP_KINDS),
        runs: z.number().int(),
        attempts: z.number().int(),
        failures: z.number().int(),
        failure_rate: rate,
      }),
    ),
  })
  .meta({ id: "WorkflowStats" });

/** Failures over total, 0 when nothing ran; rounded to 4 places so the wire stays short. */
export const failureRate = (failures: number, total: number) =>
  total > 0 ? Math.round((failures / total) * 10_000) / 10_000 : 0;

export type WorkflowRunsFilter = z.output<typeof workflowRunsFilterSchema>;
export type WorkflowStepRecord = z.output<typeof workflowStepRecordSchema>;
export type WorkflowStats = z.output<typeof workflowStatsSchema>;
