import { createRoute } from "@hono/zod-openapi";
import {
  mfaDisabledSchema,
  mfaDisableSchema,
  mfaStatusSchema,
  recoveryCodesSchema,
  totpCodeSchema,
  totpSetupSchema,
} from "../../../core/contract/auth";
import { findUserById } from "../../../server/auth/accounts";
import { beginTotpEnrolment, remainingRecoveryCodes } from "../../../server/auth/mfa";
import {
  confirmEnrolment,
  replaceRecoveryCodes,
  turnOffMfa,
} from "../../../server/auth/mfa-changes";
import { AppError, notFound } from "../../../server/errors";
import { ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { requireRecentAuth, requireUser, userPrincipal } from "../../middleware/principal";

const statusRoute = createRoute({
  tags: ["Two-factor authentication"],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  method: "get",
  path: "/",
  summary: "Whether two-factor authentication is on, and recovery codes left",
  responses: {
    200: jsonResponse(envelopeOf(mfaStatusSchema), "Status"),
    ...errorResponses,
  },
});

const setupRoute = createRoute({
  tags: ["Two-factor authentication"],
  security: bearerSecurity,
  middleware: [requireUser, requireRecentAuth] as const,
  method: "post",
  path: "/totp/setup",
  summary: "Start TOTP enrolment: a secret and otpauth:// URL for the authenticator app (QR code)",
  responses: {
    200: jsonResponse(envelopeOf(totpSetupSchema), "Enrolment started"),
    ...errorResponses,
  },
});

const confirmRoute = createRoute({
  tags: ["Two-factor authentication"],
  security: bearerSecurity,
  middleware: [requireUser, requireRecentAuth] as const,
  method: "post",
  path: "/totp/confirm",
  summary: "Confirm enrolment with a first code; returns 10 single-use recovery codes, once",
  description:
    "Wrong answers draw on the account's proof budget (five wrong in 15 minutes across every password and code check, then 429 with Retry-After).",
  request: jsonBody(totpCodeSchema),
  responses: {
    200: jsonResponse(envelopeOf(recoveryCodesSchema), "Enabled"),
    ...errorResponses,
  },
});

const regenerateRoute = createRoute({
  tags: ["Two-factor authentication"],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  method: "post",
  path: "/recovery-codes",
  summary: "Replace the recovery codes (needs a current code)",
  description:
    "Wrong answers draw on the account's proof budget (five wrong in 15 minutes across every password and code check, then 429 with Retry-After).",
  request: jsonBody(totpCodeSchema),
  responses: {
    200: jsonResponse(envelopeOf(recoveryCodesSchema), "Replaced"),
    ...errorResponses,
  },
});

const disableRoute = createRoute({
  tags: ["Two-factor authentication"],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  method: "post",
  path: "/disable",
  summary: "Turn two-factor authentication off (needs the password and a code)",
  description:
    "Both are checked every time; a wrong password and a wrong code get the same 401 `invalid_credentials`. Wrong answers draw on the account's proof budget (five wrong in 15 minutes, then 429 with Retry-After).",
  request: jsonBody(mfaDisableSchema),
  responses: {
    200: jsonResponse(envelopeOf(mfaDisabledSchema), "Disabled"),
    ...errorResponses,
  },
});

export const mfaRoutes = createRouter()
  .openapi(statusRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const user = await findUserById(c.env, userId);
    if (!user) throw notFound("Account");
    return ok(
      c,
      {
        enabled: user.mfaEnabled,
        recovery_codes_left: await remainingRecoveryCodes(c.env, userId),
      },
      200,
    );
  })
  .openapi(setupRoute, async (c) => {
    const { userId, email } = userPrincipal(c.get("principal"));
    const user = await findUserById(c.env, userId);
    if (user?.mfaEnabled)
      throw new AppError(409, "conflict", "Two-factor authentication is already on");
    const { secret, otpauthUrl } = await beginTotpEnrolment(
      c.env,
      { id: userId, email },
      c.get("now"),
    );
    c.header("Cache-Control", "no-store");
    return ok(c, { secret, otpauth_url: otpauthUrl }, 200);
  })
  .openapi(confirmRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const codes = await confirmEnrolment(c.env, userId, c.req.valid("json").code, c.get("now"));
    c.header("Cache-Control", "no-store");
    return ok(c, { recovery_codes: codes }, 200);
  })
  .openapi(regenerateRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const codes = await replaceRecoveryCodes(c.env, userId, c.req.valid("json").code, c.get("now"));
    c.header("Cache-Control", "no-store");
    return ok(c, { recovery_codes: codes }, 200);
  })
  .openapi(disableRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const input = c.req.valid("json");
    await turnOffMfa(
      c.env,
      userId,
      { password: input.password, code: input.code, recoveryCode: input.recovery_code },
      c.get("now"),
    );
    return ok(c, { enabled: false as const }, 200);
  });
