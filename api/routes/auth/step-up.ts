import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  type StepUpRequest,
  stepUpGrantSchema,
  stepUpMethodsSchema,
  stepUpRequestSchema,
} from "../../../core/contract/auth";
import type { Principal } from "../../../server/auth/principal";
import {
  grantStepUp,
  methodsFor,
  type StepUpProof,
  verifyStepUpProof,
} from "../../../server/auth/step-up";
import type { AppEnv } from "../../app-env";
import { setAccessCookie } from "../../lib/auth-cookies";
import { ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";

const methodsRoute = createRoute({
  tags: ["Authentication"],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  method: "get",
  path: "/",
  summary: "Which proofs this account can give to confirm it's them",
  responses: {
    200: jsonResponse(envelopeOf(stepUpMethodsSchema), "Methods and the session's current proof"),
    ...errorResponses,
  },
});

const stepUpRoute = createRoute({
  tags: ["Authentication"],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  method: "post",
  path: "/",
  summary: "Confirm it's you before a sensitive action",
  description:
    "Answer to a 403 `step_up_required` or `mfa_required`. Accounts with two-factor authentication give a code or a recovery code (passkeys: /auth/passkeys/step-up); others their password. Returns an access token carrying the fresh proof; browser sessions also get it as the access cookie. Wrong proofs draw on the account's proof budget (five wrong in 15 minutes, then 429 with Retry-After).",
  request: jsonBody(stepUpRequestSchema),
  responses: { 200: jsonResponse(envelopeOf(stepUpGrantSchema), "Confirmed"), ...errorResponses },
});

const toProof = (body: StepUpRequest): StepUpProof => {
  if (body.code) return { kind: "totp", code: body.code };
  if (body.recovery_code) return { kind: "recovery_code", recoveryCode: body.recovery_code };
  return { kind: "password", password: body.password ?? "" };
};

export const stepUpRoutes = createRouter()
  .openapi(methodsRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    return ok(
      c,
      {
        methods: await methodsFor(c.env, principal.userId),
        mfa: principal.mfa,
        auth_time: Math.floor(principal.authTime / 1000),
      },
      200,
    );
  })
  .openapi(stepUpRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const now = c.get("now");
    const proof = await verifyStepUpProof(c.env, principal, toProof(c.req.valid("json")), now);
    return respondWithStepUp(c, principal, await grantStepUp(c.env, principal, proof, now));
  });

/** The new token: in the body, and as the cookie for a browser session. */
export function respondWithStepUp(
  c: Context<AppEnv>,
  principal: Extract<Principal, { kind: "user" }>,
  granted: Awaited<ReturnType<typeof grantStepUp>>,
) {
  if (principal.via === "cookie") setAccessCookie(c, granted.access_token);
  c.header("Cache-Control", "no-store");
  return ok(c, granted, 200);
}
