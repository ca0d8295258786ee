import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { profileChangesSchema, profileResultSchema } from "../../core/contract/profile";
import { findUserById, toUserView } from "../../server/auth/accounts";
import { getOrCreateProfile, toProfileView, updateProfile } from "../../server/auth/profiles";
import { notFound } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

const responseSchema = envelopeOf(profileResultSchema);

const getRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Profile"],
  summary: "Your profile and account",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(responseSchema, "Profile"), ...errorResponses },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/",
  tags: ["Profile"],
  summary: "Update your profile, onboarding step and checkout intent",
  description:
    "Unknown fields (`plan`, `role`, …) are refused with 400 `validation_failed`. A plan changes only through checkout and billing.",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: profileChangesSchema } } },
  },
  responses: { 200: jsonResponse(responseSchema, "Updated"), ...errorResponses },
});

async function respond(c: Context<AppEnv>, userId: string) {
  const [user, profile] = await Promise.all([
    findUserById(c.env, userId),
    getOrCreateProfile(c.env, userId, c.get("now")),
  ]);
  if (!user) throw notFound("Account");
  return ok(c, { profile: toProfileView(profile, user), user: toUserView(user) }, 200);
}

export const profileRoutes = createRouter()
  .openapi(getRoute, (c) => respond(c, userPrincipal(c.get("principal")).userId))
  .openapi(patchRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    await updateProfile(c.env, userId, c.req.valid("json"), c.get("now"));
    return respond(c, userId);
  });
