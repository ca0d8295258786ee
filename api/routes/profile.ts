import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PAID_PLANS } from "../../core/auth/identity";
import { findUserById, toUserView } from "../../server/auth/accounts";
import { getOrCreateProfile, toProfileView, updateProfile } from "../../server/auth/profiles";
import { notFound } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";
import { userSchema } from "./auth/schemas";

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));

const profileSchema = z
  .object({
    headline: z.string().nullable(),
    location: z.string().nullable(),
    website: z.string().nullable(),
    locale: z.string(),
    timezone: z.string(),
    onboarding_step: z.enum(["profile", "plan", "done"]),
    plan_intent: z.enum(PAID_PLANS).nullable().openapi({
      description:
        "A paid plan chosen at sign-up or onboarding, for checkout to start (never the plan limits follow: see the user's `plan`)",
    }),
  })
  .openapi("Profile");

const profileChangesSchema = z
  .object({
    headline: optionalText(120),
    location: optionalText(120),
    website: z
      .string()
      .trim()
      .max(200)
      .url()
      .refine((url) => /^https?:\/\//i.test(url), "Use an http or https address")
      .nullable()
      .optional(),
    locale: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language tag like en or pt-BR")
      .optional(),
    timezone: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
    onboarding_step: z.enum(["profile", "plan", "done"]).optional(),
    // The plan itself is not here: billing alone sets it (README "Billing").
    plan_intent: z.enum(PAID_PLANS).nullable().optional(),
  })
  .strict()
  .openapi("ProfileChanges");

const responseSchema = envelopeOf(z.object({ profile: profileSchema, user: userSchema }));

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
    getOrCreateProfile(c.env, userId),
  ]);
  if (!user) throw notFound("Account");
  return ok(c, { profile: toProfileView(profile, user), user: toUserView(user) }, 200);
}

export const profileRoutes = createRouter()
  .openapi(getRoute, (c) => respond(c, userPrincipal(c.get("principal")).userId))
  .openapi(patchRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    await updateProfile(c.env, userId, c.req.valid("json"));
    return respond(c, userId);
  });
