import { createRoute, z } from "@hono/zod-openapi";
import { hasPermission } from "../../core/auth/permissions";
import { type Job, jobSchema } from "../../core/contract/jobs";
import type { Principal } from "../../server/auth/principal";
import { notFound, unauthorized } from "../../server/errors";
import { getJob } from "../../server/ops/jobs";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { ownerIdOf } from "../middleware/principal";

const getJobRoute = createRoute({
  method: "get",
  path: "/{id}",
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

/** Your own jobs; system and operator jobs also to staff who can see system metrics. */
const canRead = (ownerId: string, principal: Principal) =>
  ownerId === ownerIdOf(principal) ||
  ((ownerId === "system" || ownerId === "operator") &&
    hasPermission(principal.permissions, "system.metrics"));

export const jobRoutes = createRouter().openapi(getJobRoute, async (c) => {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  const job = await getJob(c.env, c.req.valid("param").id, c.get("now"));
  if (!job || !canRead(job.owner_id, principal)) throw notFound("Job");
  c.header("Cache-Control", "no-store");
  const { owner_id: _owner, ...view } = job;
  return ok(c, view satisfies Job, 200);
});
