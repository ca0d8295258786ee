import { createRoute, z } from "@hono/zod-openapi";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { envelopeOf, jsonResponse } from "../lib/schemas";
import { checkBindings } from "../services/health";

const bindingHealthSchema = z.object({
  status: z.enum(["ok", "error", "not_configured"]),
  latency_ms: z.number().optional(),
  detail: z.string().optional(),
});

const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    environment: z.string(),
    version: z.string(),
    bindings: z.record(z.string(), bindingHealthSchema),
  })
  .openapi("Health");

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["System"],
  summary: "Liveness and the status of every binding",
  responses: {
    200: jsonResponse(envelopeOf(healthSchema), "Every binding answered"),
    503: jsonResponse(envelopeOf(healthSchema), "At least one binding failed"),
  },
});

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const bindings = await checkBindings(c.env);
  const degraded = Object.values(bindings).some((binding) => binding.status === "error");
  c.header("Cache-Control", "no-store");
  const data = {
    status: degraded ? ("degraded" as const) : ("ok" as const),
    environment: c.env.ENVIRONMENT,
    version: c.env.APP_VERSION,
    bindings,
  };
  return degraded ? ok(c, data, 503) : ok(c, data, 200);
});
