import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { userResultSchema } from "../../core/contract/auth";
import {
  emailChangeConfirmSchema,
  emailChangeRequestSchema,
  emailChangeSentSchema,
  profileChangesSchema,
  profileResultSchema,
} from "../../core/contract/profile";
import { findUserById, toUserView } from "../../server/auth/accounts";
import { confirmEmailChange, requestEmailChange } from "../../server/auth/email-change";
import { getOrCreateProfile, toProfileView, updateProfile } from "../../server/auth/profiles";
import { notFound } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
import { limitRequest } from "../lib/rate-limit";
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

const emailChangeRoute = createRoute({
  method: "post",
  path: "/email",
  tags: ["Profile"],
  summary: "Ask to change your sign-in address",
  description:
    "Sends a single-use link to the new address; the account keeps its current address until the link is followed. The password is required when the account has one.",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: emailChangeRequestSchema } } },
  },
  responses: {
    202: jsonResponse(envelopeOf(emailChangeSentSchema), "Link sent"),
    ...errorResponses,
  },
});

const emailConfirmRoute = createRoute({
  method: "post",
  path: "/email/confirm",
  tags: ["Profile"],
  summary: "Confirm a new sign-in address with the token from its email",
  description: "The token is the proof: the link may be opened in a browser that is not signed in.",
  request: {
    body: { required: true, content: { "application/json": { schema: emailChangeConfirmSchema } } },
  },
  responses: {
    200: jsonResponse(envelopeOf(userResultSchema), "Changed"),
    ...errorResponses,
  },
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
  })
  .openapi(emailChangeRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    await limitRequest(c, "emailChange", userId);
    const sent = await requestEmailChange(c.env, userId, c.req.valid("json"), c.get("now"));
    return ok(c, { status: "confirmation_sent" as const, email: sent.email }, 202);
  })
  .openapi(emailConfirmRoute, async (c) => {
    const user = await confirmEmailChange(c.env, c.req.valid("json").token, c.get("now"));
    return ok(c, { user: toUserView(user) }, 200);
  });
