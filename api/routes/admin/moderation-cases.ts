import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  bulkDecisionRequestSchema,
  type DecisionResult,
  decisionResultSchema,
  moderationCaseDetailSchema,
  moderationCaseSchema,
  moderationQueueQuerySchema,
  moderatorDecisionRequestSchema,
} from "../../../core/contract/moderation";
import { PHOTO_CONTENT_TYPES } from "../../../core/media/photo-rules";
import type { ModeratorVerdict } from "../../../core/moderation/model";
import { AppError } from "../../../server/errors";
import { caseFile, casePhotoCopy, listCases } from "../../../server/moderation/queue";
import { decideCaseAsModerator } from "../../../server/moderation/review";
import { recordAudit } from "../../../server/ops/audit";
import type { AppEnv } from "../../app-env";
import { ok, okList } from "../../lib/envelope";
import { presentCase, presentCaseFile } from "../../lib/moderation-views";
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

/** The review queue and moderator decisions (README "Content moderation"). */

const tags = ["Content moderation"];

const caseIdParam = z.object({
  id: z
    .string()
    .regex(/^mc_[0-9a-f]{32}$/, "A moderation case id")
    .openapi({ param: { name: "id", in: "path" }, example: "mc_0123456789abcdef0123456789abcdef" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary:
    "The review queue: open cases, soonest deadline first (filter by status, category, layer, source)",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/cases"),
  request: { query: pageQuerySchema.extend(moderationQueueQuerySchema.shape) },
  responses: {
    200: jsonResponse(listEnvelopeOf(moderationCaseSchema), "Cases"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "One case: its decisions and signals, the reports, and exactly the content checked",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/cases/{id}"),
  request: { params: caseIdParam },
  responses: {
    200: jsonResponse(envelopeOf(moderationCaseDetailSchema), "The case"),
    ...errorResponses,
  },
});

const photoRoute = createRoute({
  method: "get",
  path: "/{id}/photo",
  tags,
  summary: "A photo case's image, the bytes exactly as checked (not an envelope)",
  description:
    "404 `not_found` when the case is not a photo case (avatar or resume photo) or its copy was erased. Sent with `Cache-Control: private, no-store` and a sandboxing CSP: a moderator's browser keeps nothing and runs nothing.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/cases/{id}/photo"),
  request: { params: caseIdParam },
  responses: {
    200: {
      description: "The image",
      content: Object.fromEntries(
        PHOTO_CONTENT_TYPES.map((type) => [
          type,
          { schema: z.string().openapi({ format: "binary" }) },
        ]),
      ),
    },
    ...errorResponses,
  },
});

const conflictResponse = {
  409: jsonResponse(errorEnvelopeSchema, "Decided otherwise before, or not waiting for review"),
};

const decideRoute = createRoute({
  method: "post",
  path: "/{id}/decision",
  tags,
  summary: "Approve, reject or ask for changes; the waiting workflow carries it out",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/moderation/cases/{id}/decision"),
  request: { params: caseIdParam, ...jsonBody(moderatorDecisionRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(decisionResultSchema), "Decided (or already, the same way)"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const bulkRoute = createRoute({
  method: "post",
  path: "/decisions",
  tags,
  summary: "The same decision on up to 50 cases; each case's result is reported",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/moderation/cases/decisions"),
  request: { ...jsonBody(bulkDecisionRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(z.array(decisionResultSchema)), "One result per case"),
    ...errorResponses,
  },
});

/** One decision, audited when it changed something; a refusal is reported, not thrown, in bulk. */
async function decide(
  c: Context<AppEnv>,
  caseId: string,
  verdict: ModeratorVerdict,
  reason: string,
): Promise<DecisionResult> {
  const actor = actorOf(c);
  const result = await decideCaseAsModerator(
    c.env,
    { caseId, verdict, reason, actorId: actor.id },
    c.get("now"),
  );
  if (!result.repeated) {
    await recordAudit(c.env, actor, {
      action: `moderation.${verdict}`,
      resourceType: "moderation_case",
      resourceId: caseId,
      details: { reason },
    });
  }
  return {
    case_id: caseId,
    verdict,
    result: result.repeated ? "already_decided" : "decided",
    message: null,
  };
}

export const adminModerationCaseRoutes = createRouter();
adminModerationCaseRoutes
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, ...filters } = c.req.valid("query");
    const { items, total } = await listCases(c.env, { ...filters, page, perPage });
    return okList(c, items.map(presentCase), { page, perPage, total });
  })
  .openapi(bulkRoute, async (c) => {
    const { case_ids: caseIds, verdict, reason } = c.req.valid("json");
    const results: DecisionResult[] = [];
    for (const caseId of new Set(caseIds)) {
      try {
        results.push(await decide(c, caseId, verdict, reason));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({
          case_id: caseId,
          verdict: null,
          result: error.code,
          message: error.message,
        });
      }
    }
    return ok(c, results, 200);
  })
  .openapi(getRoute, async (c) => {
    const file = await caseFile(c.env, c.req.valid("param").id);
    return ok(c, presentCaseFile(file), 200);
  })
  .openapi(photoRoute, async (c) => {
    // Read like the case itself: viewing is not audited, deciding is.
    const copy = await casePhotoCopy(c.env, c.req.valid("param").id);
    return new Response(copy.bytes, {
      status: 200,
      headers: {
        "Content-Type": copy.contentType,
        "Content-Length": String(copy.bytes.byteLength),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        // An image is never a document: opened on its own, nothing in it runs.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Content-Disposition": "inline",
      },
    }) as never;
  })
  .openapi(decideRoute, async (c) => {
    const { verdict, reason } = c.req.valid("json");
    return ok(c, await decide(c, c.req.valid("param").id, verdict, reason), 200);
  });
