import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isOAuthProvider } from "../../../core/auth/oauth";
import {
  identityUnlinkedSchema,
  linkedIdentitySchema,
  oauthProvidersSchema,
} from "../../../core/contract/auth";
import { constantTimeEqual, sha256Hex } from "../../../core/security/crypto";
import {
  beginFlow,
  configuredProviders,
  type FlowState,
  fetchProfile,
  listIdentities,
  type OAuthFailure,
  OAuthFlowError,
  oauthClient,
  resolveAccount,
  takeFlow,
  unlinkIdentity,
} from "../../../server/auth/oauth";
import { createMfaChallenge, openSession } from "../../../server/auth/sign-in";
import { AppError, notFound, unauthorized } from "../../../server/errors";
import { errorFields } from "../../../server/logger";
import { addressBanned } from "../../../server/moderation/ip-bans";
import type { AppEnv } from "../../app-env";
import { setSessionCookies } from "../../lib/auth-cookies";
import { ok } from "../../lib/envelope";
import { countRequest, limitRequest } from "../../lib/rate-limit";
import { clientAddress, deviceOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";

/**
 * Binds a flow to the browser that started it: the callback must present the hash of its
 * `state`, so a callback URL someone forges into another person's browser (to sign them
 * in to the forger's account) is refused. Lax, because the callback is a top-level
 * navigation coming back from the provider's site.
 */
const FLOW_COOKIE = "rb_oauth_flow";
const FLOW_COOKIE_PATH = "/api/auth/oauth";
const FLOW_COOKIE_MAX_AGE = 600;

const SECURITY_PAGE = "/account/security";

/**
 * A path inside this site: printable ASCII without spaces or backslashes (browsers read
 * `/\host` as `//host`), not protocol-relative, not the API.
 */
const safePath = z
  .string()
  .max(500)
  .refine(
    (path) => /^\/(?!\/)[!-[\]-~]*$/.test(path) && !path.startsWith("/api"),
    "Must be a path on this site",
  );

const providerParam = z.object({
  provider: z.string().openapi({ param: { name: "provider", in: "path" }, example: "github" }),
});

const redirectResponse = (description: string) => ({
  description,
  headers: z.object({ Location: z.string() }),
});

const providersRoute = createRoute({
  method: "get",
  path: "/providers",
  tags: ["Authentication"],
  summary: "The OAuth providers this deployment offers (only configured ones)",
  responses: {
    200: jsonResponse(envelopeOf(oauthProvidersSchema), "Providers"),
  },
});

const startRoute = createRoute({
  method: "get",
  path: "/{provider}/start",
  tags: ["Authentication"],
  summary: "Send the browser to the provider to sign in (or, signed in, to link an identity)",
  description:
    "A browser navigation, not an API call. `intent=link` needs a signed-in person. The flow is bound to the browser by a short-lived cookie.",
  request: {
    params: providerParam,
    query: z.object({
      next: safePath.optional(),
      intent: z.enum(["signin", "link"]).default("signin"),
    }),
  },
  responses: {
    302: redirectResponse("To the provider's authorization page"),
    ...errorResponses,
  },
});

const callbackRoute = createRoute({
  method: "get",
  path: "/{provider}/callback",
  tags: ["Authentication"],
  summary: "Where the provider sends the browser back",
  description:
    "Signs in (session cookies), or redirects to `/login?mfa_token=…` for accounts with two-step verification. Every failure redirects to `/login?error=<code>` (link flows: the security page).",
  request: {
    params: providerParam,
    query: z.object({
      code: z.string().min(1).max(2048).optional(),
      state: z.string().min(1).max(200).optional(),
      error: z.string().max(200).optional(),
    }),
  },
  responses: { 302: redirectResponse("Onward: the app, the MFA step or the error page") },
});

const accountsRoute = createRoute({
  method: "get",
  path: "/accounts",
  tags: ["Authentication"],
  summary: "Provider identities linked to this account",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(z.array(linkedIdentitySchema)), "Linked identities"),
    ...errorResponses,
  },
});

const unlinkRoute = createRoute({
  method: "delete",
  path: "/accounts/{id}",
  tags: ["Authentication"],
  summary: "Unlink a provider identity (not the last way to sign in)",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: jsonResponse(envelopeOf(identityUnlinkedSchema), "Unlinked"),
    409: jsonResponse(envelopeOf(z.null()), "`last_sign_in_method`: nothing else signs in"),
    ...errorResponses,
  },
});

/** `path` with `params` added, keeping whatever query it had. */
function withParams(path: string, params: Record<string, string>): string {
  const url = new URL(path, "http://app.invalid");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

function failTo(c: Context<AppEnv>, code: OAuthFailure, flow?: FlowState | null) {
  c.header("Cache-Control", "no-store");
  // A link flow started on the security page, where the person is signed in.
  const page = flow?.intent === "link" ? SECURITY_PAGE : "/login";
  return c.redirect(withParams(page, { error: code }), 302);
}

async function flowMatchesBrowser(c: Context<AppEnv>, state: string): Promise<boolean> {
  const bound = getCookie(c, FLOW_COOKIE);
  return bound !== undefined && constantTimeEqual(bound, await sha256Hex(state));
}

export const oauthRoutes = createRouter()
  .openapi(providersRoute, (c) => ok(c, { providers: configuredProviders(c.env) }, 200))
  .openapi(startRoute, async (c) => {
    const { provider } = c.req.valid("param");
    const client = isOAuthProvider(provider) ? oauthClient(c.env, provider) : null;
    if (!client) throw notFound("Sign-in provider");
    const { next, intent } = c.req.valid("query");
    const principal = c.get("principal");
    if (intent === "link" && principal?.kind !== "user") throw unauthorized();
    await limitRequest(c, "oauthStart");
    const { state, url } = await beginFlow(c.env, client, {
      next: next ?? null,
      intent,
      userId: intent === "link" && principal?.kind === "user" ? principal.userId : null,
    });
    setCookie(c, FLOW_COOKIE, await sha256Hex(state), {
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
      path: FLOW_COOKIE_PATH,
      maxAge: FLOW_COOKIE_MAX_AGE,
    });
    c.header("Cache-Control", "no-store");
    return c.redirect(url, 302);
  })
  .openapi(
    callbackRoute,
    async (c) => {
      const logger = c.get("logger");
      const { provider } = c.req.valid("param");
      const query = c.req.valid("query");
      const limit = await countRequest(c, "oauthCallback");
      if (!limit.allowed) return failTo(c, "rate_limited");
      const flow = query.state ? await takeFlow(c.env, query.state, c.get("now")) : null;
      const bound = query.state ? await flowMatchesBrowser(c, query.state) : false;
      deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH, secure: true });
      if (!flow || !bound || flow.provider !== provider) return failTo(c, "oauth_state_invalid");
      if (query.error)
        return failTo(
          c,
          query.error === "access_denied" ? "oauth_cancelled" : "oauth_failed",
          flow,
        );
      const client = oauthClient(c.env, flow.provider);
      if (!query.code || !client) return failTo(c, "oauth_failed", flow);
      // Before the provider is asked anything: a banned network neither signs in nor signs up.
      if (await addressBanned(c.env, clientAddress(c), c.get("now")))
        return failTo(c, "address_banned", flow);
      try {
        const profile = await fetchProfile(c.env, client, query.code, flow.verifier, logger);
        const { user, created } = await resolveAccount(
          c.env,
          flow,
          profile,
          logger,
          c.get("now"),
          clientAddress(c),
        );
        c.header("Cache-Control", "no-store");
        if (flow.intent === "link") {
          return c.redirect(withParams(flow.next ?? SECURITY_PAGE, { linked: flow.provider }), 302);
        }
        if (user.mfaEnabled) {
          const mfaToken = await createMfaChallenge(c.env, user.id);
          return c.redirect(
            withParams("/login", {
              mfa_token: mfaToken,
              ...(flow.next ? { next: flow.next } : {}),
            }),
            302,
          );
        }
        const session = await openSession(c.env, user.id, deviceOf(c), c.get("now"), {
          mfa: false,
          method: `oauth:${flow.provider}`,
        });
        await setSessionCookies(c, session);
        return c.redirect(created ? "/onboarding" : (flow.next ?? "/dashboard"), 302);
      } catch (error) {
        if (error instanceof OAuthFlowError) return failTo(c, error.code, flow);
        // A super admin outside the admin IP allowlist (already audited by openSession).
        if (error instanceof AppError && error.code === "address_not_allowed")
          return failTo(c, "address_not_allowed", flow);
        logger.error("oauth callback failed", { provider: flow.provider, ...errorFields(error) });
        return failTo(c, "oauth_failed", flow);
      }
    },
    // Bad query input on a browser redirect still lands on a page, never a JSON body.
    (result, c) => {
      if (!result.success) return failTo(c, "oauth_failed");
    },
  )
  .openapi(accountsRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    return ok(c, await listIdentities(c.env, principal.userId), 200);
  })
  .openapi(unlinkRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    await unlinkIdentity(c.env, principal.userId, c.req.valid("param").id);
    return ok(c, { unlinked: true as const }, 200);
  });
