import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  type ShareLink,
  shareLinkSchema,
  shareSettingsSchema,
} from "../../../core/contract/resumes";
import { publishResume } from "../../../server/moderation/publication";
import { configureShare, getShare, type ShareView } from "../../../server/resumes/shares";
import type { AppEnv } from "../../app-env";
import { ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";
import { ownerOf, resumeIdParam } from "./schemas";

const common = { tags: ["Sharing"], security: bearerSecurity, middleware: [requireUser] };

const toShareBody = (c: Context<AppEnv>, share: ShareView): ShareLink => ({
  slug: share.slug,
  url: new URL(`/r/${share.slug}`, c.req.url).toString(),
  enabled: share.enabled,
  has_password: share.hasPassword,
  noindex: share.noindex,
  views: share.views,
  downloads: share.downloads,
  publication: {
    state: share.publication.state,
    published_at:
      share.publication.publishedAt === null
        ? null
        : new Date(share.publication.publishedAt).toISOString(),
    changes_pending: share.publication.changesPending,
  },
});

const getShareRoute = createRoute({
  ...common,
  method: "get",
  path: "/{id}/share",
  summary: "The resume's public link and its counters (404 if it was never shared)",
  request: { params: resumeIdParam },
  responses: {
    200: jsonResponse(envelopeOf(shareLinkSchema), "The share link"),
    ...errorResponses,
  },
});

const configureShareRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/share",
  summary: "Turn the public link /r/{slug} on or off, set or remove its password",
  description:
    "The slug is made on first use and kept for good, so a link given out works again when re-enabled. A password needs a plan with password-protected links (403 `plan_limit`). Turning it on publishes the saved resume once it passes content moderation (`publication.state`: `checking`, then `live`).",
  request: { params: resumeIdParam, ...jsonBody(shareSettingsSchema) },
  responses: {
    200: jsonResponse(envelopeOf(shareLinkSchema), "The share link as it now is"),
    403: jsonResponse(errorEnvelopeSchema, "Passwords are not in the plan (`plan_limit`)"),
    ...errorResponses,
  },
});

export const resumeShareRoutes = createRouter()
  .openapi(getShareRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const share = await getShare(c.env, userId, c.req.valid("param").id);
    c.header("Cache-Control", "private, no-cache");
    return ok(c, toShareBody(c, share), 200);
  })
  .openapi(configureShareRoute, async (c) => {
    const owner = await ownerOf(c);
    const { id } = c.req.valid("param");
    const settings = c.req.valid("json");
    let share = await configureShare(c.env, owner, id, settings, c.get("now"));
    if (settings.enabled) {
      await publishResume(c.env, owner.id, id, c.get("now"));
      share = await getShare(c.env, owner.id, id);
    }
    return ok(c, toShareBody(c, share), 200);
  });
