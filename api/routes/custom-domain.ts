import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import {
  customDomainRequestSchema,
  customDomainResultSchema,
  customDomainViewSchema,
  localDnsRequestSchema,
} from "../../core/contract/custom-domains";
import {
  checkDomain,
  getDomain,
  removeDomain,
  setDomain,
} from "../../server/custom-domains/domains";
import { markLocalDnsReady } from "../../server/custom-domains/local";
import { customHostnames } from "../../server/custom-domains/provider";
import { devToolsEnabled } from "../../server/dev-tools";
import { AppError, notFound } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
import { limitRequest } from "../lib/rate-limit";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonBody, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";
import { ownerOf } from "./resumes/schemas";

/**
 * The account's own domain (README "Custom domains"): set, check and remove the hostname its
 * share page is served on. The plan decides (`customDomain`, Enterprise); billing writes it.
 */

const tags = ["Custom domain"];
const resultResponse = jsonResponse(envelopeOf(customDomainResultSchema), "Your custom domain");
const viewResponse = jsonResponse(envelopeOf(customDomainViewSchema), "The domain");

const getRoute = createRoute({
  method: "get",
  path: "/account/domain",
  tags,
  summary: "Your custom domain, the DNS records to add, and whether your plan includes one",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: { 200: resultResponse, ...errorResponses },
});

const putRoute = createRoute({
  method: "put",
  path: "/account/domain",
  tags,
  summary: "Serve one resume's share page on your own hostname",
  description:
    "Creates the Cloudflare for SaaS custom hostname. The same hostname again only changes the resume (a retry changes nothing); another hostname replaces it. 403 `plan_limit` without the plan, 409 `conflict` when another account has the hostname, 400 `validation_failed` for a hostname that is not one or is ours.",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: jsonBody(customDomainRequestSchema),
  responses: { 200: viewResponse, ...errorResponses },
});

const checkRoute = createRoute({
  method: "post",
  path: "/account/domain/check",
  tags,
  summary: "Ask Cloudflare how the hostname's verification and certificate stand now",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: { 200: viewResponse, ...errorResponses },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/account/domain",
  tags,
  summary: "Remove the custom domain (at Cloudflare too); the page goes offline at once",
  description: "Removing when there is none changes nothing.",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: { 200: resultResponse, ...errorResponses },
});

/** Where dev tools are and the local stand-in answers; 404 like a missing route otherwise. */
const localOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!devToolsEnabled(c.env) || !customHostnames(c.env).local) {
    throw new AppError(404, "not_found", `No API route matches ${c.req.method} ${c.req.path}`);
  }
  await next();
});

const localDnsRoute = createRoute({
  method: "post",
  path: "/dev/custom-domains/dns",
  tags,
  summary: "Local only: mark a hostname's DNS records as added (the stand-in for Cloudflare)",
  description:
    "The hostname turns active at its next check, as a real one does once its records resolve.",
  security: bearerSecurity,
  middleware: [requireUser, localOnly] as const,
  request: jsonBody(localDnsRequestSchema),
  responses: {
    200: jsonResponse(envelopeOf(z.object({ hostname: z.string() })), "Marked"),
    ...errorResponses,
  },
});

export const customDomainRoutes = createRouter()
  .openapi(getRoute, async (c) => ok(c, await getDomain(c.env, await ownerOf(c)), 200))
  .openapi(putRoute, async (c) => {
    const owner = await ownerOf(c);
    await limitRequest(c, "customDomain", owner.id);
    const view = await setDomain(c.env, owner, c.req.valid("json"), c.get("now"));
    return ok(c, view, 200);
  })
  .openapi(checkRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    await limitRequest(c, "customDomain", userId);
    return ok(c, await checkDomain(c.env, userId, c.get("now")), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const owner = await ownerOf(c);
    await removeDomain(c.env, owner.id);
    return ok(c, await getDomain(c.env, owner), 200);
  })
  .openapi(localDnsRoute, async (c) => {
    const { hostname } = c.req.valid("json");
    // Only the account's own hostname: the stand-in is shared by every local account.
    const { domain } = await getDomain(c.env, await ownerOf(c));
    if (domain?.hostname !== hostname || !(await markLocalDnsReady(c.env, hostname))) {
      throw notFound("Custom domain");
    }
    return ok(c, { hostname }, 200);
  });
