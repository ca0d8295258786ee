import { createRoute } from "@hono/zod-openapi";
import {
  accountStandingSchema,
  escalationRequestViewSchema,
  sanctionActionSchema,
} from "../../../core/contract/sanctions";
import { stableId } from "../../../core/security/crypto";
import { AppError } from "../../../server/errors";
import { requestEscalation } from "../../../server/moderation/escalation";
import { accountStanding } from "../../../server/moderation/standing";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { presentRequest, presentSanction } from "../../lib/moderation-views";
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
 * Suspensions and bans (README "Strikes and bans"): an account's standing, and an admin's
 * suspend / ban / lift. The action is not applied here: it is handed to the account's ban
 * escalation workflow (the one writer of sanctions), which applies it within seconds.
 */

const tags = ["Strikes and bans"];

const standingRoute = createRoute({
  method: "get",
  path: "/{id}/sanctions",
  tags,
  summary: "An account's status, suspensions and bans, and its escalation history",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users/{id}/sanctions"),
  request: { params: adminUserIdParam },
  responses: {
    200: jsonResponse(envelopeOf(accountStandingSchema), "The account's standing"),
    ...errorResponses,
  },
});

const actRoute = createRoute({
  method: "post",
  path: "/{id}/sanctions",
  tags,
  summary: "Suspend (1–30 days), ban or lift: handed to the account's ban escalation workflow",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. Answers 202 with the request; `GET …/sanctions` shows it processed.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/{id}/sanctions"),
  request: { params: adminUserIdParam, ...jsonBody(sanctionActionSchema) },
  responses: {
    202: jsonResponse(envelopeOf(escalationRequestViewSchema), "Handed to the workflow"),
    ...errorResponses,
  },
});

export const adminSanctionRoutes = createRouter()
  .openapi(standingRoute, async (c) => {
    const standing = await accountStanding(c.env, c.req.valid("param").id);
    const now = c.get("now");
    return ok(
      c,
      {
        user_id: standing.userId,
        status: standing.status,
        sanctions: standing.sanctions.map((row) => presentSanction(row, now)),
        requests: standing.requests.map(presentRequest),
      },
      200,
    );
  })
  .openapi(actRoute, async (c) => {
    const { id: userId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    if (actor.id === `user:${userId}` || actor.id === userId) {
      throw new AppError(403, "forbidden", "You cannot suspend, ban or lift your own account");
    }
    const before = await accountStanding(c.env, userId);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `sanction:${userId}`, request: body },
      async (key) => {
        const request = await requestEscalation(
          c.env,
          {
            id: await stableId("admin:", key),
            userId,
            kind: body.action,
            days: body.action === "suspend" ? body.days : null,
            reason: body.action === "lift" ? null : body.reason,
            note: body.note || null,
            actor: actor.id,
          },
          actor.at,
        );
        await recordAudit(c.env, actor, {
          action: `account.${body.action}_requested`,
          resourceType: "user",
          resourceId: userId,
          details: { before: { status: before.status }, after: body },
        });
        return { status: 202 as const, data: presentRequest(request) };
      },
    );
    return ok(c, result.data, 202);
  });
