import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  loggedOutSchema,
  loginResultSchema,
  loginSchema,
  mfaVerifySchema,
  type RefreshRequest,
  refreshSchema,
  tokenPairSchema,
} from "../../../core/contract/auth";
import { secondFactorMethods } from "../../../server/auth/passkeys";
import { familyOf, revokeAllSessions, revokeFamily } from "../../../server/auth/refresh-tokens";
import {
  completeMfaChallenge,
  refreshSession,
  type SessionTokens,
  signIn,
  tokenResponse,
} from "../../../server/auth/sign-in";
import { denyAccessToken, revokeAccessTokensOf } from "../../../server/auth/tokens";
import { AppError } from "../../../server/errors";
import type { AppEnv } from "../../app-env";
import {
  clearSessionCookies,
  REFRESH_COOKIE,
  readCookie,
  setSessionCookies,
} from "../../lib/auth-cookies";
import { ok } from "../../lib/envelope";
import { deviceOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";
import { refuseListedEmail } from "../../middleware/threat-intel";

/** Browsers (which sent or will keep cookies) get cookies and a CSRF token as well. */
export async function respondWithTokens(
  c: Context<AppEnv>,
  tokens: SessionTokens,
  withCookies: boolean,
) {
  const csrf = withCookies ? await setSessionCookies(c, tokens) : undefined;
  c.header("Cache-Control", "no-store");
  return ok(c, tokenResponse(tokens, csrf), 200);
}

export const wantsCookies = (c: Context<AppEnv>) =>
  c.req.header("x-requested-with") === "resume-builder-web" ||
  readCookie(c, REFRESH_COOKIE) !== undefined;

const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags: ["Authentication"],
  summary: "Sign in with email and password",
  description:
    "Web clients send `X-Requested-With: resume-builder-web` to receive httpOnly session cookies and a CSRF token.",
  request: { body: { required: true, content: { "application/json": { schema: loginSchema } } } },
  responses: {
    200: jsonResponse(
      envelopeOf(loginResultSchema),
      "Signed in, or a second factor is needed (then POST /auth/mfa/verify)",
    ),
    ...errorResponses,
  },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/refresh",
  tags: ["Authentication"],
  summary: "Exchange a refresh token for a new pair (the old one stops working)",
  request: jsonBody(refreshSchema, false),
  responses: { 200: jsonResponse(envelopeOf(tokenPairSchema), "New tokens"), ...errorResponses },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Authentication"],
  summary: "End this session",
  request: jsonBody(refreshSchema, false),
  responses: {
    200: jsonResponse(envelopeOf(loggedOutSchema), "Signed out"),
  },
});

const logoutAllRoute = createRoute({
  method: "post",
  path: "/logout-all",
  tags: ["Authentication"],
  summary: "End every session of this account, on every device",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(loggedOutSchema), "Signed out everywhere"),
    ...errorResponses,
  },
});

/** Browsers send the refresh token as a cookie, other clients in the body. */
function presentedRefreshToken(c: Context<AppEnv>, body: RefreshRequest | undefined) {
  return body?.refresh_token ?? readCookie(c, REFRESH_COOKIE);
}

const mfaVerifyRoute = createRoute({
  method: "post",
  path: "/mfa/verify",
  tags: ["Authentication"],
  summary: "Finish an MFA sign-in with a TOTP code or a recovery code",
  request: jsonBody(mfaVerifySchema),
  responses: { 200: jsonResponse(envelopeOf(tokenPairSchema), "Signed in"), ...errorResponses },
});

export const sessionRoutes = createRouter()
  .openapi(mfaVerifyRoute, async (c) => {
    const body = c.req.valid("json");
    const tokens = await completeMfaChallenge(
      c.env,
      body.mfa_token,
      { code: body.code, recoveryCode: body.recovery_code },
      deviceOf(c),
      c.get("now"),
    );
    return respondWithTokens(c, tokens, wantsCookies(c));
  })
  .openapi(loginRoute, async (c) => {
    const input = c.req.valid("json");
    await refuseListedEmail(c, input.email);
    const result = await signIn(c.env, input, deviceOf(c), c.get("now"));
    if ("mfaChallenge" in result) {
      c.header("Cache-Control", "no-store");
      return ok(
        c,
        {
          mfa_required: true as const,
          mfa_token: result.mfaChallenge,
          methods: await secondFactorMethods(c.env, result.mfaChallenge),
        },
        200,
      );
    }
    return respondWithTokens(c, result, wantsCookies(c));
  })
  .openapi(refreshRoute, async (c) => {
    const body = c.req.valid("json") as RefreshRequest | undefined;
    const presented = presentedRefreshToken(c, body);
    if (!presented) throw new AppError(401, "session_expired", "No refresh token was presented");
    const tokens = await refreshSession(c.env, presented, deviceOf(c), c.get("now"));
    return respondWithTokens(c, tokens, body?.refresh_token === undefined);
  })
  .openapi(logoutRoute, async (c) => {
    const principal = c.get("principal");
    if (principal?.kind === "user")
      await denyAccessToken(
        c.env,
        { jti: principal.tokenId, exp: principal.tokenExpiresAt },
        c.get("now"),
      );
    const presented = presentedRefreshToken(c, c.req.valid("json") as RefreshRequest | undefined);
    const row = presented ? await familyOf(c.env, presented) : undefined;
    if (row) await revokeFamily(c.env, row.familyId, "logout", c.get("now"));
    else if (principal?.kind === "user" && principal.sessionId)
      await revokeFamily(c.env, principal.sessionId, "logout", c.get("now"));
    clearSessionCookies(c);
    return ok(c, { logged_out: true as const }, 200);
  })
  .openapi(logoutAllRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    await revokeAllSessions(c.env, principal.userId, "logout_all", c.get("now"));
    await revokeAccessTokensOf(c.env, principal.userId, c.get("now"));
    clearSessionCookies(c);
    return ok(c, { logged_out: true as const }, 200);
  });
