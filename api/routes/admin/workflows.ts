import { createRoute, z } from "@hono/zod-openapi";
import { workflowRunDetailSchema, workflowRunSchema } from "../../../core/contract/admin";
import {
  dayEnd,
  dayStart,
  FROM_AFTER_TO,
  failureRate,
  fromNotAfterTo,
  workflowRunsFilterSchema,
  workflowStatsQuerySchema,
  workflowStatsSchema,
} from "../../../core/contract/workflow-runs";
import { RUN_ACTIONS } from "../../../core/workflows/runs";
import type { SubjectView } from "../../../core/workflows/subjects";
import type { WorkflowRunRow, WorkflowRunStepRow } from "../../../db/schema";
import { recordAudit } from "../../../server/ops/audit";
import { listJobEvents } from "../../../server/ops/jobs";
import {
  listRunSteps,
  STEP_HISTORY_RETENTION_MS,
  workflowStepStats,
} from "../../../server/ops/workflow-run-steps";
import { subjectViews } from "../../../server/ops/workflow-run-subjects";
import {
  controlWorkflowRun,
  inspectWorkflowRun,
  listWorkflowRuns,
} from "../../../server/ops/workflow-runs";
import { ok, okList } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

const toRunView = (row: WorkflowRunRow, view: SubjectView) => ({
  instance_id: row.instanceId,
  workflow: row.workflow,
  subject: row.subject,
  subject_label: view.label,
  subject_href: view.href,
  job_id: row.jobId,
  created_by: row.createdBy,
  status: row.status,
  error: row.error,
  params: JSON.parse(row.paramsJson) as unknown,
  restarts: row.restarts,
  created_at: new Date(row.createdAt).toISOString(),
  updated_at: new Date(row.updatedAt).toISOString(),
});

/** Without `since`, the stats cover the last 30 days. */
const DEFAULT_STATS_WINDOW_MS = 30 * 86_400_000;

const toStatsView = (stats: Awaited<ReturnType<typeof workflowStepStats>>, since: number) => ({
  since: new Date(since).toISOString(),
  workflows: stats.workflows.map((row) => ({
    workflow: row.workflow,
    runs: row.runs,
    failed_runs: row.failedRuns,
    run_failure_rate: failureRate(row.failedRuns, row.runs),
    attempts: row.attempts,
    failed_attempts: row.failedAttempts,
    attempt_failure_rate: failureRate(row.failedAttempts, row.attempts),
  })),
  steps: stats.steps.map((row) => ({
    ...row,
    failure_rate: failureRate(row.failures, row.attempts),
  })),
});

const instanceParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Operations"],
  summary: "Every recorded workflow run, newest first",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/workflows"),
  request: {
    query: pageQuerySchema
      .extend(workflowRunsFilterSchema.shape)
      .refine(fromNotAfterTo, FROM_AFTER_TO),
  },
  responses: { 200: jsonResponse(listEnvelopeOf(workflowRunSchema), "Runs"), ...errorResponses },
});

const statsRoute = createRoute({
  method: "get",
  path: "/stats",
  tags: ["Operations"],
  summary: "Runs, attempts and failure rates per workflow and per step since a day",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/workflows/stats"),
  request: { query: workflowStatsQuerySchema },
  responses: { 200: jsonResponse(envelopeOf(workflowStatsSchema), "Stats"), ...errorResponses },
});

const detailRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Operations"],
  summary: "One run: live status, output and step history",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/workflows/{id}"),
  request: { params: instanceParam },
  responses: { 200: jsonResponse(envelopeOf(workflowRunDetailSchema), "Run"), ...errorResponses },
});

const actionRoute = createRoute({
  method: "post",
  path: "/{id}/{action}",
  tags: ["Operations"],
  summary: "Pause, resume, terminate or restart a run",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/workflows/{id}/{action}"),
  request: {
    params: instanceParam.extend({ action: z.enum(RUN_ACTIONS) }),
  },
  responses: {
    200: jsonResponse(envelopeOf(workflowRunSchema), "The run after the action"),
    409: jsonResponse(errorEnvelopeSchema, "The run's status does not allow the action"),
    ...errorResponses,
  },
});

const toStepRecord = (row: WorkflowRunStepRow) => ({
  step: row.step,
  kind: row.kind,
  attempt: row.attempt,
  status: row.status,
  started_at: new Date(row.startedAt).toISOString(),
  ended_at: row.endedAt === null ? null : new Date(row.endedAt).toISOString(),
  duration_ms: row.endedAt === null ? null : row.endedAt - row.startedAt,
  error: row.error,
});

/** One view of a run, labelled (the action's answer and the detail's head). */
async function runView(env: Parameters<typeof subjectViews>[0], row: WorkflowRunRow) {
  const viewOf = await subjectViews(env, [row.subject]);
  return toRunView(row, viewOf(row.subject));
}

async function detail(env: Parameters<typeof inspectWorkflowRun>[0], id: string, now: number) {
  const { row, output } = await inspectWorkflowRun(env, id, now);
  const [events, history, view] = await Promise.all([
    row.jobId ? listJobEvents(env, row.jobId) : [],
    listRunSteps(env, id),
    runView(env, row),
  ]);
  return {
    ...view,
    output,
    step_history: history.map(toStepRecord),
    steps: events.map((event) => ({
      status: event.status,
      step: event.step,
      percent: event.percent,
      message: event.message,
      at: new Date(event.at).toISOString(),
    })),
  };
}

export const adminWorkflowRoutes = createRouter();
adminWorkflowRoutes
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, from, to, ...filters } = c.req.valid("query");
    const { rows, total } = await listWorkflowRuns(c.env, {
      ...filters,
      from: from === undefined ? undefined : dayStart(from),
      to: to === undefined ? undefined : dayEnd(to),
      page,
      perPage,
    });
    const viewOf = await subjectViews(
      c.env,
      rows.map((row) => row.subject),
    );
    return okList(
      c,
      rows.map((row) => toRunView(row, viewOf(row.subject))),
      { page, perPage, total },
    );
  })
  // Before `/{id}`, which would otherwise take "stats" for an instance id.
  .openapi(statsRoute, async (c) => {
    const now = c.get("now");
    const { since } = c.req.valid("query");
    // At most the retention: older rows are pruned, so an older `since` would mislead.
    const sinceMs = Math.max(
      since === undefined ? now - DEFAULT_STATS_WINDOW_MS : dayStart(since),
      now - STEP_HISTORY_RETENTION_MS,
    );
    return ok(c, toStatsView(await workflowStepStats(c.env, sinceMs), sinceMs), 200);
  })
  .openapi(detailRoute, async (c) =>
    ok(c, await detail(c.env, c.req.valid("param").id, c.get("now")), 200),
  )
  .openapi(actionRoute, async (c) => {
    const { id, action } = c.req.valid("param");
    const { row } = await controlWorkflowRun(c.env, id, action, c.get("now"));
    await recordAudit(c.env, actorOf(c), {
      action: `workflow.${action}`,
      resourceType: "workflow_run",
      resourceId: id,
      details: { workflow: row.workflow, status_after: row.status },
    });
    return ok(c, await runView(c.env, row), 200);
  });
