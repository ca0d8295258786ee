import { createRoute } from "@hono/zod-openapi";
import { userFeaturesSchema } from "../../core/config/feature-flags";
import { findUserById } from "../../server/auth/accounts";
import { userFlags } from "../../server/config/feature-flags";
import { notFound } from "../../server/errors";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

const featuresRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Account"],
  summary: 'The signed-in user\'s feature flags, evaluated (README "Live configuration")',
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(userFeaturesSchema), "Each flag, on or off for this user"),
    ...errorResponses,
  },
});

export const featureRoutes = createRouter().openapi(featuresRoute, async (c) => {
  const principal = userPrincipal(c.get("principal"));
  const user = principal.account ?? (await findUserById(c.env, principal.userId));
  if (!user) throw notFound("Account");
  return ok(c, { flags: await userFlags(c.env, { id: user.id, plan: user.plan }) }, 200);
});
