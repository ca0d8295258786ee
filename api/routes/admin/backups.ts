import { createRoute } from "@hono/zod-openapi";
import {
  backupRequestSchema,
  backupSchema,
  backupStartedSchema,
} from "../../../core/contract/admin";
import { recordAudit } from "../../../server/ops/audit";
import { requestBackup } from "../../../server/ops/backup-requests";
import { listBackups } from "../../../server/ops/backups";
import { ok, okList } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

const startBackupRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["Operations"],
  summary: "Queue a D1 backup to R2 now",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/backups"),
  request: {
    body: {
      required: false,
      content: {
        "application/json": {
          schema: backupRequestSchema,
        },
      },
    },
  },
  responses: {
    202: jsonResponse(envelopeOf(backupStartedSchema), "Queued"),
    ...errorResponses,
  },
});

const listBackupsRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Operations"],
  summary: "Backups taken, newest first",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/backups"),
  request: { query: pageQuerySchema },
  responses: { 200: jsonResponse(listEnvelopeOf(backupSchema), "Backups"), ...errorResponses },
});

export const adminBackupRoutes = createRouter();
adminBackupRoutes
  .openapi(startBackupRoute, async (c) => {
    const hasBody = c.req.header("content-type")?.includes("application/json");
    const reason = hasBody ? c.req.valid("json").reason : undefined;
    const { job } = await requestBackup(c.env, {
      at: new Date(c.get("now")),
      requestedBy: "operator",
      ownerId: "operator",
      reason,
    });
    await recordAudit(c.env, actorOf(c), {
      action: "backup.run",
      resourceType: "backup",
      resourceId: job.id,
      details: reason ? { reason } : {},
    });
    return ok(c, { job_id: job.id, workflow_instance_id: job.id }, 202);
  })
  .openapi(listBackupsRoute, async (c) => {
    const { page, per_page: perPage } = c.req.valid("query");
    const { rows, total } = await listBackups(c.env, page, perPage);
    const items = rows.map((row) => ({
      id: row.id,
      job_id: row.jobId,
      status: row.status,
      created_at: new Date(row.createdAt).toISOString(),
      completed_at: row.completedAt === null ? null : new Date(row.completedAt).toISOString(),
      table_count: row.tableCount,
      row_count: row.rowCount,
      bytes: row.bytes,
    }));
    return okList(c, items, { page, perPage, total });
  });
