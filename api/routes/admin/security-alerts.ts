import { createRoute, z } from "@hono/zod-openapi";
import {
  securityAlertActionSchema,
  securityAlertListQuerySchema,
  securityAlertViewSchema,
} from "../../../core/contract/security-intel";
import {
  actOnSecurityAlert,
  getSecurityAlert,
  listSecurityAlerts,
  toSecurityAlertView,
} from "../../../server/security/alerts";
import { ok, okList } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * Security alerts (README "Security alerts"): raised by token theft today, by the risk score's
 * critical level and "this wasn't me" as they land. Acknowledging and resolving take a note and
 * an `Idempotency-Key`, and are audited.
 */

const tags = ["Security alerts"];
const idParam = z.object({ id: z.string().uuid() });

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Security alerts, most recently raised first, by state and severity",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/security-alerts"),
  request: { query: securityAlertListQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(securityAlertViewSchema), "Alerts"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "One security alert with its reasons",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/security-alerts/{id}"),
  request: { params: idParam },
  responses: { 200: jsonResponse(envelopeOf(securityAlertViewSchema), "Alert"), ...errorResponses },
});

const actRoute = createRoute({
  method: "post",
  path: "/{id}/{action}",
  tags,
  summary: "Acknowledge or resolve an alert with a note",
  description:
    "Needs an `Idempotency-Key` header. Acknowledging an acknowledged alert changes nothing; 409 `alert_resolved` for a resolved one. A resolved alert's next repeat raises a new alert.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/security-alerts/{id}/{action}"),
  request: {
    params: idParam.extend({ action: z.enum(["acknowledge", "resolve"]) }),
    ...jsonBody(securityAlertActionSchema),
  },
  responses: { 200: jsonResponse(envelopeOf(securityAlertViewSchema), "Alert"), ...errorResponses },
});

export const adminSecurityAlertRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, state, severity, user_id: userId } = c.req.valid("query");
    const { rows, total } = await listSecurityAlerts(c.env, {
      state,
      severity,
      userId,
      page,
      perPage,
    });
    return okList(c, rows.map(toSecurityAlertView), { page, perPage, total });
  })
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    return ok(c, toSecurityAlertView(await getSecurityAlert(c.env, id)), 200);
  })
  .openapi(actRoute, async (c) => {
    const { id, action } = c.req.valid("param");
    const { note } = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `security-alert-${action}:${id}`, request: { note } },
      async () => {
        const alert = await actOnSecurityAlert(c.env, id, action, note, actor);
        return { status: 200 as const, data: toSecurityAlertView(alert) };
      },
    );
    return ok(c, result.data, 200);
  });
