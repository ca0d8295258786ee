import { createRoute, z } from "@hono/zod-openapi";
import {
  ENGINE_LABELS,
  enhanceText,
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

const engineFields = {
  engine: z.enum(["workers-ai", "heuristic"]),
  engine_label: z.string(),
  usage: z.object({ used: z.number().int(), limit: z.number().int().nullable() }),
};

const common = {
  tags: ["Writing help"],
  security: bearerSecurity,
  middleware: [requireUser],
  method: "post" as const,
};
const limits = {
  403: jsonResponse(errorEnvelopeSchema, "The plan's monthly allowance is used up (`plan_limit`)"),
  429: jsonResponse(errorEnvelopeSchema, "More than 20 requests a minute"),
};

const enhanceRoute = createRoute({
  ...common,
  path: "/enhance",
  summary: "Improve a bullet (action verb, numbers, concise) or a summary",
  request: jsonBody(
    z.object({
      text: z.string().trim().min(3, "Write something to improve first").max(2000),
      kind: z.enum(["bullet", "summary"]).default("bullet"),
    }),
  ),
  responses: {
    200: jsonResponse(
      envelopeOf(z.object({ text: z.string(), tips: z.array(z.string()), ...engineFields })),
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
  request: jsonBody(
    z
      .object({
        role: z.string().trim().min(2).max(120).optional(),
        job_description: z.string().trim().min(20).max(10_000).optional(),
        kind: z.enum(["bullets", "skills", "summary"]),
      })
      .refine((body) => body.role || body.job_description, "Give a role or a job description"),
  ),
  responses: {
    200: jsonResponse(
      envelopeOf(z.object({ suggestions: z.array(z.string()), ...engineFields })),
      "Suggestions",
    ),
    ...limits,
    ...errorResponses,
  },
});

export const aiRoutes = createRouter()
  .openapi(enhanceRoute, async (c) => {
    const usage = await meterAiCall(c.env, await ownerOf(c));
    const answer = await enhanceText(c.env, c.req.valid("json"), c.get("logger"));
    return ok(c, { ...answer, engine_label: ENGINE_LABELS[answer.engine], usage }, 200);
  })
  .openapi(suggestRoute, async (c) => {
    const { kind, role, job_description } = c.req.valid("json");
    const usage = await meterAiCall(c.env, await ownerOf(c));
    const answer = await suggestText(
      c.env,
      kind,
      { role, jobDescription: job_description },
      c.get("logger"),
    );
    return ok(c, { ...answer, engine_label: ENGINE_LABELS[answer.engine], usage }, 200);
  });
