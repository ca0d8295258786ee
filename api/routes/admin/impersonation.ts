import { createRoute, z } from "@hono/zod-openapi";
import { hasPermission } from "../../../core/auth/permissions";
import {
  impersonationViewSchema,
  startImpersonationSchema,
} from "../../../core/contract/impersonation";
import { findUserById } from "../../../server/auth/accounts";
import {
  endImpersonation,
  impersonationById,
  startImpersonation,
} from "../../../server/auth/impersonation";
import { forbidden, notFound } from "../../../server/errors";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { clearImpersonationCookie, setImpersonationCookie } from "../../lib/impersonation-cookie";
import { auditImpersonationEnded, presentImpersonation } from "../../lib/impersonation-views";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { guardFor } from "./access";
import { adminUserIdParam } from "./strikes";

/**
 * Read-only impersonation, the admin side (README "Impersonation"): start a view of a customer's
 * account (the credential is a cookie of its own, so the staff member stays signed in as
 * themselves), and end one. The user app's banner stops it through `/api/impersonation/stop`.
 */

const tags = ["Impersonation"];

const startRoute = createRoute({
  method: "post",
  path: "/users/{id}/impersonation",
  tags,
  summary: "View a customer's account read-only for up to an hour",
  description:
    "Needs `users.impersonate` (support and admins: it shows the user's resumes and billing) and a second factor proven within the step-up window. Refused (403 `impersonation_not_allowed`) for staff accounts and your own. Sets the `__Host-rb_impersonation` cookie: the user app then shows the account as its owner sees it, and the server refuses every state-changing request (403 `impersonation_read_only`). Asking again while it is live returns the same impersonation.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/{id}/impersonation"),
  request: { params: adminUserIdParam, ...jsonBody(startImpersonationSchema) },
  responses: {
    201: jsonResponse(envelopeOf(impersonationViewSchema), "Started (or resumed)"),
    ...errorResponses,
  },
});

const endRoute = createRoute({
  method: "post",
  path: "/impersonation/{id}/end",
  tags,
  summary: "End an impersonation (yours, or anyone's with admin.manage)",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/impersonation/{id}/end"),
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: jsonResponse(envelopeOf(impersonationViewSchema), "Ended (or already over)"),
    ...errorResponses,
  },
});

export const adminImpersonationRoutes = createRouter()
  .openapi(startRoute, async (c) => {
    const { id: userId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const principal = c.get("principal");
    const actor = actorOf(c);
    const started = await startImpersonation(
      c.env,
      {
        staff: {
          actorId: actor.id,
          sessionId: principal?.kind === "user" ? principal.sessionId : null,
        },
        userId,
        reason,
      },
      actor.at,
    );
    if (!started.resumed) {
      await recordAudit(c.env, actor, {
        action: "user.impersonation_started",
        resourceType: "user",
        resourceId: userId,
        details: {
          impersonation_id: started.row.id,
          reason,
          before: null,
          after: {
            started_at: new Date(started.row.startedAt).toISOString(),
            expires_at: new Date(started.row.expiresAt).toISOString(),
            read_only: true,
          },
        },
      });
    }
    setImpersonationCookie(c, started.credential, started.row.expiresAt);
    return ok(c, presentImpersonation(started.row, started.user.email), 201);
  })
  .openapi(endRoute, async (c) => {
    const { id } = c.req.valid("param");
    const principal = c.get("principal");
    const actor = actorOf(c);
    const before = await impersonationById(c.env, id);
    if (!before) throw notFound("Impersonation");
    const mayEndAnyone = principal ? hasPermission(principal.permissions, "admin.manage") : false;
    if (before.staffId !== actor.id && !mayEndAnyone) {
      throw forbidden("Only the staff member who started it, or a super admin, can end it");
    }
    if (await endImpersonation(c.env, id, actor.at))
      await auditImpersonationEnded(c.env, actor, before, "ended_by_staff");
    // the browser that asks stops carrying the credential too
    clearImpersonationCookie(c);
    const user = await findUserById(c.env, before.userId);
    const endedAt = before.endedAt ?? actor.at;
    return ok(c, presentImpersonation({ ...before, endedAt }, user?.email ?? ""), 200);
  });
