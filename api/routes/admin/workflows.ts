import { createRoute, z } from "@hono/zod-openapi";
import {
  runStatusSchema,
  workflowRunDetailSchema,
  workflowRunSchema,
} from "../../../core/contract/admin";
import { RUN_ACTIONS, WORKFLOW_NAMES } from "../../../core/workflows/runs";
import type { WorkflowRunRow } from "../../../db/schema";
import { recordAudit } from "../../../server/ops/audit";
import { listJobEvents } from "../../../server/ops/jobs";
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
import { requirePermission } from "../../middleware/principal";

const toRunView = (row: WorkflowRunRow) => ({
  instance_id: row.instanceId,
  workflow: row.workflow,
  subject: row.subject,
  job_id: row.jobId,
  created_by: row.createdBy,
  status: row.status,
  error: row.error,
  params: JSON.parse(row.paramsJson) as unknown,
  restarts: row.restarts,
  created_at: new Date(row.createdAt).toISOString(),
  updated_at: new Date(row.updatedAt).toISOString(),
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
  middleware: [requirePermission("system.metrics")] as const,
  request: {
    query: pageQuerySchema.extend({
      workflow: z.enum(WORKFLOW_NAMES).optional(),
      status: runStatusSchema.optional(),
      subject: z.string().max(200).optional(),
    }),
  },
  responses: { 200: jsonResponse(listEnvelopeOf(workflowRunSchema), "Runs"), ...errorResponses },
});

const detailRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Operations"],
  summary: "One run: live status, output and step history",
  security: bearerSecurity,
  middleware: [requirePermission("system.metrics")] as const,
  request: { params: instanceParam },
  responses: { 200: jsonResponse(envelopeOf(workflowRunDetailSchema), "Run"), ...errorResponses },
});

const actionRoute = createRoute({
  method: "post",
  path: "/{id}/{action}",
  tags: ["Operations"],
  summary: "Pause, resume, terminate or restart a run",
  security: bearerSecurity,
  middleware: [requirePermission("system.config")] as const,
  request: {
    params: instanceParam.extend({ action: z.enum(RUN_ACTIONS) }),
  },
  responses: {
    200: jsonResponse(envelopeOf(workflowRunSchema), "The run after the action"),
    409: jsonResponse(errorEnvelopeSchema, "The run's status does not allow the action"),
    ...errorResponses,
  },
});

async function detail(env: Parameters<typeof inspectWorkflowRun>[0], id: string, now: number) {
  const { row, output } = await inspectWorkflowRun(env, id, now);
  const events = row.jobId ? await listJobEvents(env, row.jobId) : [];
  return {
    ...toRunView(row),
    output,
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
    const { page, per_page: perPage, ...filters } = c.req.valid("query");
    const { rows, total } = await listWorkflowRuns(c.env, { ...filters, page, perPage });
    return okList(c, rows.map(toRunView), { page, perPage, total });
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
    return ok(c, toRunView(row), 200);
  });
