import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  registerResultSchema,
  registerSchema,
  resendResultSchema,
  sessionRevokedSchema,
  sessionSchema,
  tokenValidationSchema,
  userResultSchema,
  verifyEmailSchema,
} from "../../../core/contract/auth";
import {
  canSignIn,
  createUser,
  findUserByEmail,
  findUserById,
  markEmailVerified,
  toUserView,
} from "../../../server/auth/accounts";
import { consumeEmailToken } from "../../../server/auth/email-tokens";
import { assertStrongPassword } from "../../../server/auth/password-changes";
import { hashPassword } from "../../../server/auth/passwords";
import { listSessions, revokeFamily } from "../../../server/auth/refresh-tokens";
import {
  notifySignupWorkflow,
  sendAccountExistsNotice,
  sendVerificationEmail,
  startSignup,
} from "../../../server/auth/signup";
import { invalidEmailLink, notFound } from "../../../server/errors";
import { errorFields } from "../../../server/logger";
import { refuseBannedAddress } from "../../../server/moderation/ip-bans";
import type { AppEnv } from "../../app-env";
import { ok } from "../../lib/envelope";
import { limitRequest } from "../../lib/rate-limit";
import { clientAddress } from "../../lib/request";
import { createRouter } from "../../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";
import { refuseListedEmail } from "../../middleware/threat-intel";

const verifyEmailRoute = createRoute({
  method: "post",
  path: "/verify-email",
  tags: ["Authentication"],
  summary: "Confirm an email address with the token from the verification email",
  request: {
    body: { required: true, content: { "application/json": { schema: verifyEmailSchema } } },
  },
  responses: {
    200: jsonResponse(envelopeOf(userResultSchema), "Confirmed"),
    ...errorResponses,
  },
});

const resendRoute = createRoute({
  method: "post",
  path: "/resend-verification",
  tags: ["Authentication"],
  summary: "Send the verification email again",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    202: jsonResponse(envelopeOf(resendResultSchema), "Queued"),
    ...errorResponses,
  },
});

const registerRoute = createRoute({
  method: "post",
  path: "/register",
  tags: ["Authentication"],
  summary: "Create an account; a verification email follows",
  description:
    "Answers the same for every address, new or taken, so it reveals nothing about who has an account: the new address gets a verification email, the owner of a taken one an email saying so. Sign in once the address is confirmed.",
  request: {
    body: { required: true, content: { "application/json": { schema: registerSchema } } },
  },
  responses: {
    202: jsonResponse(envelopeOf(registerResultSchema), "Check your inbox"),
    ...errorResponses,
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags: ["Authentication"],
  summary: "The signed-in person's account",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(userResultSchema), "Account"),
    ...errorResponses,
  },
});

const validateRoute = createRoute({
  method: "get",
  path: "/validate",
  tags: ["Authentication"],
  summary: "Whether the presented access token is valid, and what it grants",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(tokenValidationSchema), "Valid"),
    ...errorResponses,
  },
});

const sessionsRoute = createRoute({
  method: "get",
  path: "/sessions",
  tags: ["Authentication"],
  summary: "Signed-in devices, most recently used first",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(z.array(sessionSchema)), "Sessions"),
    ...errorResponses,
  },
});

const revokeSessionRoute = createRoute({
  method: "delete",
  path: "/sessions/{id}",
  tags: ["Authentication"],
  summary: "Sign one device out",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: jsonResponse(envelopeOf(sessionRevokedSchema), "Revoked"),
    ...errorResponses,
  },
});

/**
 * The address is taken: its owner gets an email instead of the caller an error. A failure
 * is logged, never answered, or it would tell the caller the address has an account.
 */
async function tellOwner(c: Context<AppEnv>, email: string) {
  try {
    const owner = await findUserByEmail(c.env, email);
    if (owner && canSignIn(owner)) await sendAccountExistsNotice(c.env, owner, c.get("now"));
  } catch (error) {
    c.get("logger").error("account-exists notice failed", errorFields(error));
  }
}

export const accountRoutes = createRouter()
  .openapi(registerRoute, async (c) => {
    const input = c.req.valid("json");
    await limitRequest(c, "register");
    await refuseBannedAddress(c.env, clientAddress(c), c.get("now"));
    await refuseListedEmail(c, input.email);
    assertStrongPassword(input.password, input, "password");
    // Hashed whether or not the address is taken: both answers take the same time.
    const passwordHash = await hashPassword(input.password);
    const user = await createUser(
      c.env,
      { ...input, passwordHash, planIntent: input.plan, signupIp: clientAddress(c) },
      c.get("now"),
    );
    if (user) await startSignup(c.env, user.id, input.plan, c.get("now"));
    else await tellOwner(c, input.email);
    return ok(c, { status: "verification_sent" as const, email: input.email }, 202);
  })
  .openapi(verifyEmailRoute, async (c) => {
    const userId = await consumeEmailToken(
      c.env,
      c.req.valid("json").token,
      "verify_email",
      c.get("now"),
    );
    if (!userId) throw invalidEmailLink();
    const user = await markEmailVerified(c.env, userId, c.get("now"));
    if (!user) throw notFound("Account");
    await notifySignupWorkflow(c.env, userId, c.get("logger"), c.get("now"));
    return ok(c, { user: toUserView(user) }, 200);
  })
  .openapi(resendRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const user = await findUserById(c.env, principal.userId);
    if (!user) throw notFound("Account");
    if (user.emailVerifiedAt !== null) return ok(c, { sent: false, already_verified: true }, 202);
    await limitRequest(c, "resendVerification", user.id);
    // Each resend asked for is its own email: a fresh dedupe key.
    await sendVerificationEmail(c.env, user, `resend:${crypto.randomUUID()}`, c.get("now"));
    return ok(c, { sent: true, already_verified: false }, 202);
  })
  .openapi(meRoute, async (c) => {
    const user = await findUserById(c.env, userPrincipal(c.get("principal")).userId);
    if (!user) throw notFound("Account");
    return ok(c, { user: toUserView(user) }, 200);
  })
  .openapi(validateRoute, (c) => {
    const principal = userPrincipal(c.get("principal"));
    return ok(
      c,
      {
        valid: true as const,
        user_id: principal.userId,
        role: principal.role,
        permissions: [...principal.permissions],
        expires_at: new Date(principal.tokenExpiresAt * 1000).toISOString(),
      },
      200,
    );
  })
  .openapi(sessionsRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const sessions = await listSessions(c.env, principal.userId, c.get("now"));
    return ok(
      c,
      sessions.map((session) => ({ ...session, current: session.id === principal.sessionId })),
      200,
    );
  })
  .openapi(revokeSessionRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const { id } = c.req.valid("param");
    const owned = (await listSessions(c.env, principal.userId, c.get("now"))).some(
      (session) => session.id === id,
    );
    if (!owned) throw notFound("Session");
    await revokeFamily(c.env, id, "revoked_by_user", c.get("now"));
    return ok(c, { revoked: true as const }, 200);
  });
