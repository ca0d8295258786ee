import { createRoute, z } from "@hono/zod-openapi";
import { auditEntrySchema } from "../../../core/contract/admin";
import { listAuditLog } from "../../../server/ops/audit";
import { okList } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  errorResponses,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Administration"],
  summary: "Every administrative action, newest first",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/audit-logs"),
  request: {
    query: pageQuerySchema.extend({
      actor: z.string().max(200).optional(),
      action: z.string().max(100).optional(),
      resource_type: z.string().max(100).optional(),
      resource_id: z.string().max(200).optional(),
      from: z.coerce.date().optional(),
      to: z.coerce.date().optional(),
    }),
  },
  responses: {
    200: jsonResponse(listEnvelopeOf(auditEntrySchema), "Audit log"),
    ...errorResponses,
  },
});

export const adminAuditRoutes = createRouter().openapi(listRoute, async (c) => {
  const { page, per_page: perPage, resource_type, resource_id, ...filters } = c.req.valid("query");
  const { rows, total } = await listAuditLog(c.env, {
    ...filters,
    resourceType: resource_type,
    resourceId: resource_id,
    page,
    perPage,
  });
  const items = rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor_id: row.actorId,
    actor_role: row.actorRole,
    action: row.action,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    details: JSON.parse(row.detailsJson) as Record<string, unknown>,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
  }));
  return okList(c, items, { page, perPage, total });
});
