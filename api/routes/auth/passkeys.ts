import { createRoute, z } from "@hono/zod-openapi";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { Context } from "hono";
import { stepUpGrantSchema, tokenPairSchema } from "../../../core/contract/auth";
import {
  ceremonySchema,
  credentialIdSchema,
  passkeyDeletedSchema,
  passkeyResultSchema,
  passkeySchema,
  registerVerifySchema,
  renamePasskeySchema,
  signInOptionsSchema,
  signInVerifySchema,
  stepUpVerifySchema,
} from "../../../core/contract/passkeys";
import { canSignIn, findUserById } from "../../../server/auth/accounts";
import { recordLoginAttempt } from "../../../server/auth/login-protection";
import {
  authenticationOptions,
  deletePasskey,
  listPasskeys,
  registerPasskey,
  registrationOptions,
  relyingPartyFor,
  renamePasskey,
  verifyAssertion,
} from "../../../server/auth/passkeys";
import { signInRefusal } from "../../../server/auth/sanctions-in-force";
import { mfaChallengeUserId, openSession, passMfaChallenge } from "../../../server/auth/sign-in";
import { grantStepUp, verifyPasskeyStepUp } from "../../../server/auth/step-up";
import { AppError } from "../../../server/errors";
import type { AppEnv } from "../../app-env";
import { ok } from "../../lib/envelope";
import { limitRequest } from "../../lib/rate-limit";
import { deviceOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { requireRecentAuth, requireUser, userPrincipal } from "../../middleware/principal";
import { respondWithTokens, wantsCookies } from "./session";
import { respondWithStepUp } from "./step-up";

const TAG = "Passkeys";

const credentialParams = { params: z.object({ id: credentialIdSchema }) };
/** The challenge answer, with what `options` are for in the OpenAPI document. */
const ceremonyResponse = (description: string) =>
  jsonResponse(
    envelopeOf(ceremonySchema(description)),
    "A challenge for the browser (valid 5 minutes, once)",
  );

const userRoute = { tags: [TAG], security: bearerSecurity };

const registerOptionsRoute = createRoute({
  ...userRoute,
  middleware: [requireUser, requireRecentAuth] as const,
  method: "post",
  path: "/register/options",
  summary: "Start adding a passkey (needs a recent sign-in or step-up)",
  responses: {
    200: ceremonyResponse("PublicKeyCredentialCreationOptionsJSON for startRegistration()"),
    ...errorResponses,
  },
});

const registerVerifyRoute = createRoute({
  ...userRoute,
  middleware: [requireUser] as const,
  method: "post",
  path: "/register/verify",
  summary: "Finish adding a passkey with the authenticator's answer",
  request: jsonBody(registerVerifySchema),
  responses: {
    201: jsonResponse(envelopeOf(passkeyResultSchema), "Added"),
    ...errorResponses,
  },
});

const listRoute = createRoute({
  ...userRoute,
  middleware: [requireUser] as const,
  method: "get",
  path: "/",
  summary: "This account's passkeys, oldest first",
  responses: {
    200: jsonResponse(envelopeOf(z.array(passkeySchema)), "Passkeys"),
    ...errorResponses,
  },
});

const renameRoute = createRoute({
  ...userRoute,
  middleware: [requireUser] as const,
  method: "patch",
  path: "/{id}",
  summary: "Rename a passkey",
  request: { ...credentialParams, ...jsonBody(renamePasskeySchema) },
  responses: {
    200: jsonResponse(envelopeOf(passkeyResultSchema), "Renamed"),
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  ...userRoute,
  middleware: [requireUser, requireRecentAuth] as const,
  method: "delete",
  path: "/{id}",
  summary: "Remove a passkey (needs a recent sign-in or step-up)",
  request: credentialParams,
  responses: {
    200: jsonResponse(envelopeOf(passkeyDeletedSchema), "Removed"),
    ...errorResponses,
  },
});

const loginOptionsRoute = createRoute({
  tags: [TAG],
  method: "post",
  path: "/login/options",
  summary: "Start signing in with a passkey",
  description:
    "Without a body: a passwordless sign-in, any passkey of this site. With the `mfa_token` of a password sign-in: that account's passkeys, to answer its second-factor challenge.",
  request: jsonBody(signInOptionsSchema, false),
  responses: {
    200: ceremonyResponse("PublicKeyCredentialRequestOptionsJSON for startAuthentication()"),
    ...errorResponses,
  },
});

const loginVerifyRoute = createRoute({
  tags: [TAG],
  method: "post",
  path: "/login/verify",
  summary: "Sign in with the authenticator's answer",
  description:
    "Answers like POST /auth/login: tokens, and for web clients session cookies. The session counts as signed in with a second factor.",
  request: jsonBody(signInVerifySchema),
  responses: { 200: jsonResponse(envelopeOf(tokenPairSchema), "Signed in"), ...errorResponses },
});

const stepUpOptionsRoute = createRoute({
  ...userRoute,
  middleware: [requireUser] as const,
  method: "post",
  path: "/step-up/options",
  summary: "Start confirming it's you with one of this account's passkeys",
  responses: {
    200: ceremonyResponse("PublicKeyCredentialRequestOptionsJSON for startAuthentication()"),
    ...errorResponses,
  },
});

const stepUpVerifyRoute = createRoute({
  ...userRoute,
  middleware: [requireUser] as const,
  method: "post",
  path: "/step-up/verify",
  summary: "Confirm it's you with a passkey (counts as a second factor)",
  request: jsonBody(stepUpVerifySchema),
  responses: { 200: jsonResponse(envelopeOf(stepUpGrantSchema), "Confirmed"), ...errorResponses },
});

/** One answer for every failed assertion, so nothing tells which part was wrong. */
const passkeyRefused = () =>
  new AppError(401, "invalid_credentials", "That passkey could not be used to sign in.");

const rpOf = (c: Context<AppEnv>) => relyingPartyFor(c.env, c.req.header("origin"));

/** The sign-in record for an account, as a password attempt would leave it. */
async function recordAttempt(c: Context<AppEnv>, userId: string | undefined, succeeded: boolean) {
  const user = userId ? await findUserById(c.env, userId) : undefined;
  if (user) {
    await recordLoginAttempt(c.env, {
      email: user.email,
      ip: deviceOf(c).ip,
      succeeded,
      at: c.get("now"),
    });
  }
  return user;
}

export const passkeyRoutes = createRouter()
  .openapi(registerOptionsRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const user = await findUserById(c.env, principal.userId);
    if (!user) throw new AppError(401, "unauthorized", "This account no longer exists");
    const { challengeId, options } = await registrationOptions(c.env, user, rpOf(c));
    c.header("Cache-Control", "no-store");
    return ok(c, { challenge_id: challengeId, options: { ...options } }, 200);
  })
  .openapi(registerVerifyRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const body = c.req.valid("json");
    const passkey = await registerPasskey(
      c.env,
      userId,
      {
        challengeId: body.challenge_id,
        response: body.response as RegistrationResponseJSON,
        name: body.name,
      },
      deviceOf(c).userAgent,
      c.get("now"),
    );
    return ok(c, { passkey }, 201);
  })
  .openapi(listRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    return ok(c, await listPasskeys(c.env, userId), 200);
  })
  .openapi(renameRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const passkey = await renamePasskey(
      c.env,
      userId,
      c.req.valid("param").id,
      c.req.valid("json").name,
    );
    return ok(c, { passkey }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    await deletePasskey(c.env, userId, c.req.valid("param").id);
    return ok(c, { deleted: true as const }, 200);
  })
  .openapi(loginOptionsRoute, async (c) => {
    // Per address: each start writes a KV challenge.
    await limitRequest(c, "passkeySignIn");
    const mfaToken = (c.req.valid("json") as { mfa_token?: string } | undefined)?.mfa_token;
    const scope = mfaToken
      ? { kind: "mfa" as const, mfaToken, userId: await mfaChallengeUserId(c.env, mfaToken) }
      : { kind: "login" as const };
    const { challengeId, options } = await authenticationOptions(c.env, scope, rpOf(c));
    c.header("Cache-Control", "no-store");
    return ok(c, { challenge_id: challengeId, options: { ...options } }, 200);
  })
  .openapi(loginVerifyRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await verifyAssertion(
      c.env,
      { challengeId: body.challenge_id, response: body.response as AuthenticationResponseJSON },
      body.mfa_token ? "mfa" : "login",
      c.get("now"),
    );
    if (!result.ok) {
      await recordAttempt(c, result.userId, false);
      throw passkeyRefused();
    }
    if (result.ceremony.kind === "mfa" && result.ceremony.mfaToken !== body.mfa_token)
      throw passkeyRefused();
    const user = await recordAttempt(c, result.userId, true);
    if (!user) throw passkeyRefused();
    if (!canSignIn(user)) throw await signInRefusal(c.env, user, c.get("now"));
    // Possession of the authenticator plus its biometric or PIN: a second factor in itself.
    const tokens = body.mfa_token
      ? await passMfaChallenge(c.env, body.mfa_token, user.id, deviceOf(c), c.get("now"))
      : await openSession(c.env, user.id, deviceOf(c), c.get("now"), {
          mfa: true,
          method: "passkey",
        });
    return respondWithTokens(c, tokens, wantsCookies(c));
  })
  .openapi(stepUpOptionsRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const { challengeId, options } = await authenticationOptions(
      c.env,
      { kind: "step-up", userId },
      rpOf(c),
    );
    c.header("Cache-Control", "no-store");
    return ok(c, { challenge_id: challengeId, options: { ...options } }, 200);
  })
  .openapi(stepUpVerifyRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const body = c.req.valid("json");
    const proof = await verifyPasskeyStepUp(
      c.env,
      principal,
      { challengeId: body.challenge_id, response: body.response as AuthenticationResponseJSON },
      c.get("now"),
    );
    return respondWithStepUp(
      c,
      principal,
      await grantStepUp(c.env, principal, proof, c.get("now")),
    );
  });
