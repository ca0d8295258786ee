import { createRoute, z } from "@hono/zod-openapi";
import { sha256Hex } from "../../core/security/crypto";
import { documentCsp, resumeFontUrl } from "../../core/share/page";
import { renderResumeDocument, TEMPLATES, type TemplateInfo } from "../../core/templates";
import { SAMPLE_RESUME } from "../../core/templates/sample";
import { findUserById } from "../../server/auth/accounts";
import { templateInPlan } from "../../server/billing/entitlements";
import { versionedPlanTable } from "../../server/config/plan-table";
import type { Env } from "../../server/env";
import { notFound } from "../../server/errors";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";

/**
 * The template library for the editor's picker and gallery (README "Templates and sharing": templates cached
 * 24 h in KV). The list itself is the same for everyone and lives in KV under a key that changes
 * with its content; whether each template is `available` depends on the caller's plan and
 * is added per request.
 */
const DAY_SECONDS = 86_400;
/** How long a signed-out list may be reused without asking again. */
const PUBLIC_LIST_SECONDS = 60;

const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    columns: z.union([z.literal(1), z.literal(2)]),
    premium: z.boolean(),
    photo: z.boolean(),
    defaults: z.object({ font: z.string(), accentColor: z.string() }),
    preview_url: z.string(),
    available: z.boolean().openapi({
      description: "The caller's plan may use it (signed out: the free templates only)",
    }),
  })
  .openapi("Template");

type CachedTemplate = Omit<z.infer<typeof templateSchema>, "available">;

const toCached = (template: TemplateInfo): CachedTemplate => ({
  id: template.id,
  name: template.name,
  description: template.description,
  columns: template.columns,
  premium: template.premium,
  photo: template.photo,
  defaults: { font: template.defaults.font, accentColor: template.defaults.accentColor },
  preview_url: `/api/templates/${template.id}/preview`,
});

let listKey: Promise<string> | undefined;
/** Versioned by content, so a deploy that changes the library never serves the old list. */
const cacheKeyFor = (env: Pick<Env, "APP_VERSION">) => {
  listKey ??= sha256Hex(JSON.stringify(TEMPLATES)).then(
    (digest) => `templates:list:${env.APP_VERSION}:${digest.slice(0, 16)}`,
  );
  return listKey;
};

async function templateList(env: Pick<Env, "CACHE" | "APP_VERSION">): Promise<CachedTemplate[]> {
  const key = await cacheKeyFor(env);
  const cached = await env.CACHE.get<CachedTemplate[]>(key, "json");
  if (cached) return cached;
  const list = TEMPLATES.map(toCached);
  await env.CACHE.put(key, JSON.stringify(list), { expirationTtl: DAY_SECONDS });
  return list;
}

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Templates"],
  summary: "The template library, with what the caller's plan can use",
  description:
    "Public. Signed-out answers are cacheable for a minute with an ETag that changes with the live plan limits (304 on `If-None-Match`); signed-in ones are private because `available` follows the plan.",
  responses: {
    200: jsonResponse(envelopeOf(z.array(templateSchema)), "Templates"),
    304: { description: "Not modified: the signed-out list named by `If-None-Match` is current" },
  },
});

const previewRoute = createRoute({
  method: "get",
  path: "/{id}/preview",
  tags: ["Templates"],
  summary: "A sample resume rendered in the template (a complete HTML document)",
  request: {
    params: z.object({
      id: z
        .string()
        .max(40)
        .openapi({ param: { name: "id", in: "path" } }),
    }),
  },
  responses: {
    200: { content: { "text/html": { schema: z.string() } }, description: "HTML document" },
    404: errorResponses[404],
  },
});

export const templateRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const principal = c.get("principal");
    const user = principal?.kind === "user" ? await findUserById(c.env, principal.userId) : null;
    // signed out: what the Free plan has
    const plans = await versionedPlanTable(c.env);
    const holder = { plan: user?.plan ?? "free", plans: plans.table };
    const list = await templateList(c.env);
    c.header("Vary", "Authorization, Cookie");
    if (principal) c.header("Cache-Control", "private, no-cache");
    else {
      // `available` follows the live plan limits (README "Live configuration"): the ETag names
      // the list and the plans version, and caches keep it a minute, so a changed
      // premiumTemplates reaches signed-out visitors within one.
      const etag = `"${(await cacheKeyFor(c.env)).slice("templates:list:".length)}:plans-v${plans.version}"`;
      c.header("Cache-Control", `public, max-age=${PUBLIC_LIST_SECONDS}`);
      c.header("ETag", etag);
      if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
    }
    return ok(
      c,
      list.map((template) => ({ ...template, available: templateInPlan(holder, template.id) })),
      200,
    );
  })
  .openapi(previewRoute, (c) => {
    const { id } = c.req.valid("param");
    if (!TEMPLATES.some((template) => template.id === id)) throw notFound("Template");
    const html = renderResumeDocument(SAMPLE_RESUME, {
      template: id,
      noindex: true,
      fonts: resumeFontUrl,
    });
    return c.html(html, 200, {
      // The editor shows these in frames of its own pages; nobody else may frame them.
      "Content-Security-Policy": `${documentCsp(html)}; frame-ancestors 'self'`,
      "X-Frame-Options": "SAMEORIGIN",
      "X-Robots-Tag": "noindex",
      "Cache-Control": `public, max-age=${DAY_SECONDS}`,
    });
  });
