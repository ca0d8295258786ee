import { createRoute } from "@hono/zod-openapi";
import {
  changePasswordSchema,
  forgotPasswordSchema,
  passwordChangedSchema,
  passwordResetSchema,
  resetLinkSentSchema,
  resetPasswordSchema,
} from "../../../core/contract/auth";
import { canSignIn, findUserByEmail } from "../../../server/auth/accounts";
import {
  changePassword,
  resetPassword,
  sendResetLink,
} from "../../../server/auth/password-changes";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "../../../server/auth/tokens";
import { errorFields } from "../../../server/logger";
import { overLimit } from "../../../server/ops/rate-limits";
import { setAccessCookie } from "../../lib/auth-cookies";
import { ok } from "../../lib/envelope";
import { countRequest } from "../../lib/rate-limit";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";

const forgotRoute = createRoute({
  method: "post",
  path: "/forgot-password",
  tags: ["Authentication"],
  summary: "Email a password reset link (always 202, whether or not the account exists)",
  request: jsonBody(forgotPasswordSchema),
  responses: {
    202: jsonResponse(envelopeOf(resetLinkSentSchema), "Accepted"),
    ...errorResponses,
  },
});

const resetRoute = createRoute({
  method: "post",
  path: "/reset-password",
  tags: ["Authentication"],
  summary:
    "Choose a new password with the emailed single-use token (1 hour); ends every session and every other reset link",
  request: jsonBody(resetPasswordSchema),
  responses: {
    200: jsonResponse(envelopeOf(passwordResetSchema), "Reset"),
    ...errorResponses,
  },
});

const changeRoute = createRoute({
  method: "post",
  path: "/change-password",
  tags: ["Authentication"],
  summary:
    "Change the password; other sessions and outstanding reset links end, this one continues with a new access token",
  description:
    "A wrong current password draws on the account's proof budget (five wrong in 15 minutes, then 429 with Retry-After).",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: jsonBody(changePasswordSchema),
  responses: {
    200: jsonResponse(envelopeOf(passwordChangedSchema), "Changed"),
    ...errorResponses,
  },
});

export const passwordRoutes = createRouter()
  .openapi(forgotRoute, async (c) => {
    const { email } = c.req.valid("json");
    // Both counted at once; over the per-email limit the answer is the same 202, unsent.
    const [byIp, byEmail] = await Promise.all([
      countRequest(c, "forgotPasswordPerAddress"),
      countRequest(c, "forgotPasswordPerEmail", email),
    ]);
    if (!byIp.allowed) throw overLimit("forgotPasswordPerAddress", byIp.retryAfterSeconds);
    // Off the response path: answering as fast for unknown emails reveals nothing.
    const work = (async () => {
      if (!byEmail.allowed) return;
      const user = await findUserByEmail(c.env, email);
      if (user && canSignIn(user)) await sendResetLink(c.env, user, c.get("now"));
    })().catch((error) => c.get("logger").error("reset link failed", errorFields(error)));
    c.executionCtx.waitUntil(work);
    return ok(c, { sent: true as const }, 202);
  })
  .openapi(resetRoute, async (c) => {
    const { token, password } = c.req.valid("json");
    await resetPassword(c.env, token, password, c.get("now"));
    return ok(c, { reset: true as const }, 200);
  })
  .openapi(changeRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const { current_password, new_password } = c.req.valid("json");
    const user = await changePassword(
      c.env,
      principal.userId,
      { current: current_password, next: new_password },
      principal.sessionId,
      c.get("now"),
    );
    // Every older access token was just revoked, this request's included: hand out a new one.
    const { token } = await issueAccessToken(
      c.env,
      {
        id: user.id,
        email: user.email,
        role: user.role,
        sessionId: principal.sessionId ?? undefined,
        mfa: principal.mfa,
        authTime: principal.authTime,
      },
      // One past the revocation time, so the token handed out here is not revoked with the rest.
      c.get("now") + 1,
    );
    if (principal.via === "cookie") {
      setAccessCookie(c, token);
    }
    return ok(
      c,
      { changed: true as const, access_token: token, expires_in: ACCESS_TOKEN_TTL_SECONDS },
      200,
    );
  });
