import { createRoute } from "@hono/zod-openapi";
import {
  enhancementSchema,
  enhanceRequestSchema,
  suggestionsSchema,
  suggestRequestSchema,
} from "../../core/contract/writing";
import {
  ENGINE_LABELS,
  improveWriting,
  meterAiCall,
  suggestText,
} from "../../server/resumes/writing-help";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../lib/schemas";
import { requireUser } from "../middleware/principal";
import { ownerOf } from "./resumes/schemas";

const common = {
  tags: ["Writing help"],
  security: bearerSecurity,
  middleware: [requireUser],
  method: "post" as const,
};
const limits = {
  403: jsonResponse(
    errorEnvelopeSchema,
    "The plan's monthly allowance is used up (`plan_limit`), or writing help is off for the account (`feature_disabled`)",
  ),
  429: jsonResponse(errorEnvelopeSchema, "More than 20 requests a minute"),
};

const enhanceRoute = createRoute({
  ...common,
  path: "/enhance",
  summary: "Improve a bullet (action verb, numbers, concise) or a summary",
  description:
    "An answer with the same wording as the text sent has `unchanged: true` and is not counted against the allowance.",
  request: jsonBody(enhanceRequestSchema),
  responses: {
    200: jsonResponse(
      envelopeOf(enhancementSchema),
      "The improved text and what the author could still add",
    ),
    ...limits,
    ...errorResponses,
  },
});

const suggestRoute = createRoute({
  ...common,
  path: "/suggest",
  summary: "Suggest bullets, skills or a summary for a role or job description",
  request: jsonBody(suggestRequestSchema),
  responses: {
    200: jsonResponse(envelopeOf(suggestionsSchema), "Suggestions"),
    ...limits,
    ...errorResponses,
  },
});

export const aiRoutes = createRouter()
  .openapi(enhanceRoute, async (c) => {
    const answer = await improveWriting(
      c.env,
      await ownerOf(c),
      c.req.valid("json"),
      c.get("now"),
      c.get("logger"),
    );
    return ok(c, { ...answer, engine_label: ENGINE_LABELS[answer.engine] }, 200);
  })
  .openapi(suggestRoute, async (c) => {
    const { kind, role, job_description } = c.req.valid("json");
    const { used, limit } = await meterAiCall(c.env, await ownerOf(c), c.get("now"));
    const usage = { used, limit };
    const answer = await suggestText(
      c.env,
      kind,
      { role, jobDescription: job_description },
      c.get("logger"),
    );
    return ok(c, { ...answer, engine_label: ENGINE_LABELS[answer.engine], usage }, 200);
  });
