import { createRoute, z } from "@hono/zod-openapi";
import { ok } from "../lib/envelope";
import { notFound, unauthorized } from "../lib/errors";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { ownerIdOf } from "../middleware/principal";
import { getJob } from "../services/jobs";

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    step: z.string().nullable(),
    percent: z.number().int().min(0).max(100),
    result: z.unknown(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi("Job");

const getJobRoute = createRoute({
  method: "get",
  path: "/jobs/{id}",
  tags: ["Jobs"],
  summary: "Status of a long-running job you own",
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(128)
        .regex(/^[A-Za-z0-9_-]+$/),
    }),
  },
  responses: { 200: jsonResponse(envelopeOf(jobSchema), "The job"), ...errorResponses },
});

/** Operators may read operator and system jobs; everyone else only their own. */
const canRead = (ownerId: string, principalOwner: string) =>
  ownerId === principalOwner || (principalOwner === "operator" && ownerId === "system");

export const jobRoutes = createRouter().openapi(getJobRoute, async (c) => {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  const job = await getJob(c.env, c.req.valid("param").id);
  if (!job || !canRead(job.owner_id, ownerIdOf(principal))) throw notFound("Job");
  c.header("Cache-Control", "no-store");
  const { owner_id: _owner, ...view } = job;
  return ok(c, view, 200);
});
