import { createRoute } from "@hono/zod-openapi";
import { type BindingHealth, healthSchema } from "../../core/contract/admin";
import { checkBindings } from "../../server/ops/health";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { envelopeOf, jsonResponse } from "../lib/schemas";

const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["System"],
  summary: "Liveness and the status of every binding (details and latencies for operators)",
  responses: {
    200: jsonResponse(envelopeOf(healthSchema), "Every binding answered"),
    503: jsonResponse(envelopeOf(healthSchema), "At least one binding failed"),
  },
});

/** Anonymous callers (load balancers, uptime checks) learn statuses, not error text. */
const statusesOnly = (bindings: Record<string, BindingHealth>) =>
  Object.fromEntries(Object.entries(bindings).map(([name, { status }]) => [name, { status }]));

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const checked = await checkBindings(c.env);
  const bindings = c.get("principal") ? checked : statusesOnly(checked);
  const degraded = Object.values(checked).some((binding) => binding.status === "error");
  c.header("Cache-Control", "no-store");
  const data = {
    status: degraded ? ("degraded" as const) : ("ok" as const),
    environment: c.env.ENVIRONMENT,
    version: c.env.APP_VERSION,
    bindings,
  };
  return degraded ? ok(c, data, 503) : ok(c, data, 200);
});
