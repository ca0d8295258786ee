import { createRoute, z } from "@hono/zod-openapi";
import {
  appealDecisionRequestSchema,
  appealDetailSchema,
  appealQueueItemSchema,
  appealQueueQuerySchema,
  appealViewSchema,
} from "../../../core/contract/appeals";
import type { AppealQueueItem } from "../../../server/moderation/appeal-queue";
import { appealFile, listAppeals } from "../../../server/moderation/appeal-queue";
import { decideAppeal } from "../../../server/moderation/appeals";
import { recordAudit } from "../../../server/ops/audit";
import { ok, okList } from "../../lib/envelope";
import {
  presentAppeal,
  presentCaseFile,
  presentSanction,
  presentStrike,
} from "../../lib/moderation-views";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * The appeals queue (README "Appeals"): what owners appealed that auto-review did not accept,
 * and the final human decision on it, by a moderator other than the one who took the original
 * decision. An accepted appeal is handed to the account's ban escalation workflow.
 */

const tags = ["Appeals"];
const appealIdParam = z.object({ id: z.string().min(1).max(100) });

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Appeals: pending oldest first (default), or decided newest first",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/appeals"),
  request: { query: pageQuerySchema.extend(appealQueueQuerySchema.shape) },
  responses: {
    200: jsonResponse(listEnvelopeOf(appealQueueItemSchema), "Appeals"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "One appeal: what it contests, the original case as checked, its decision history",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/appeals/{id}"),
  request: { params: appealIdParam },
  responses: {
    200: jsonResponse(envelopeOf(appealDetailSchema), "The appeal"),
    ...errorResponses,
  },
});

const decideRoute = createRoute({
  method: "post",
  path: "/{id}/decision",
  tags,
  summary:
    "Accept or reject: the final decision; an accepted appeal undoes the strike and what it caused",
  description:
    "Needs `content.moderate` and a second factor proven within the step-up window (accepting can lift a ban). 409 `same_moderator` when you took the contested decision, 409 `appeal_decided` when it was decided otherwise.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/moderation/appeals/{id}/decision"),
  request: { params: appealIdParam, ...jsonBody(appealDecisionRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(appealViewSchema), "Decided (or already, the same way)"),
    409: jsonResponse(errorEnvelopeSchema, "Decided otherwise, or by the original moderator"),
    ...errorResponses,
  },
});

const presentItem = (item: AppealQueueItem) => ({
  ...presentAppeal(item.appeal),
  user_id: item.appeal.userId,
  user_email: item.userEmail,
  user_status: item.userStatus,
  case_id: item.appeal.caseId,
  decided_by: item.appeal.decidedBy,
  reviewer_id: item.appeal.reviewerId,
  summary: item.summary,
});

export const adminAppealRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, status, case_id: caseId } = c.req.valid("query");
    const { items, total } = await listAppeals(
      c.env,
      { status, caseId, page, perPage },
      c.get("now"),
    );
    return okList(c, items.map(presentItem), { page, perPage, total });
  })
  .openapi(getRoute, async (c) => {
    const now = c.get("now");
    const file = await appealFile(c.env, c.req.valid("param").id, now);
    return ok(
      c,
      {
        ...presentItem(file),
        strike: file.subject?.strike ? presentStrike(file.subject.strike) : null,
        sanction: file.subject?.sanction ? presentSanction(file.subject.sanction, now) : null,
        case: file.caseFile && presentCaseFile(file.caseFile),
        strikes: file.strikes.map(presentStrike),
      },
      200,
    );
  })
  .openapi(decideRoute, async (c) => {
    const { decision, note } = c.req.valid("json");
    const actor = actorOf(c);
    const result = await decideAppeal(
      c.env,
      {
        appealId: c.req.valid("param").id,
        accept: decision === "accept",
        note,
        reviewerId: actor.id,
      },
      actor.at,
    );
    if (!result.repeated) {
      await recordAudit(c.env, actor, {
        action: `appeal.${decision === "accept" ? "accepted" : "rejected"}`,
        resourceType: "appeal",
        resourceId: result.appeal.id,
        details: { note, user_id: result.appeal.userId, subject: result.appeal.subjectId },
      });
    }
    return ok(c, presentAppeal(result.appeal), 200);
  });
