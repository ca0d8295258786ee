import { createRoute, z } from "@hono/zod-openapi";
import {
  markVersionSchema,
  nameVersionSchema,
  type ResumeVersion,
  resumeSchema,
  resumeVersionDetailSchema,
  resumeVersionSchema,
} from "../../../core/contract/resumes";
import { publishResume } from "../../../server/moderation/publication";
import {
  getVersion,
  listVersions,
  markVersion,
  nameCurrentVersion,
  restoreVersion,
  type VersionSummary,
} from "../../../server/resumes/resume-versions";
import { ok, okList } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";
import { etagOf, ownerOf, resumeIdParam, toResumeBody, versionFromIfMatch } from "./schemas";

const common = { tags: ["Resume versions"], security: bearerSecurity, middleware: [requireUser] };

const versionParams = resumeIdParam.extend({
  v: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "v", in: "path" } }),
});

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/{id}/versions",
  summary: "Saved versions of a resume, newest first",
  request: { params: resumeIdParam, query: pageQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(resumeVersionSchema), "Versions"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  ...common,
  method: "get",
  path: "/{id}/versions/{v}",
  summary: "One saved version with its document",
  request: { params: versionParams },
  responses: {
    200: jsonResponse(envelopeOf(resumeVersionDetailSchema), "Version"),
    ...errorResponses,
  },
});

const restoreRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/versions/{v}/restore",
  summary: "Make an old version current again (saved as a new version)",
  request: {
    params: versionParams,
    headers: z.object({ "if-match": z.string().max(40).optional() }),
  },
  responses: {
    200: jsonResponse(envelopeOf(resumeSchema), "Restored"),
    409: jsonResponse(errorEnvelopeSchema, "If-Match named a version that is no longer current"),
    ...errorResponses,
  },
});

const nameRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/versions",
  summary: "Name the resume as it is now (pins that version; the next save starts a new one)",
  request: {
    params: resumeIdParam,
    headers: z.object({ "if-match": z.string().max(40).optional() }),
    ...jsonBody(nameVersionSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(resumeVersionSchema), "Named"),
    409: jsonResponse(
      errorEnvelopeSchema,
      "If-Match is no longer current, or the resume has as many pins as the plan allows",
    ),
    ...errorResponses,
  },
});

const markRoute = createRoute({
  ...common,
  method: "patch",
  path: "/{id}/versions/{v}",
  summary: "Name, rename or pin a saved version (pinned versions are never pruned)",
  request: { params: versionParams, ...jsonBody(markVersionSchema) },
  responses: {
    200: jsonResponse(envelopeOf(resumeVersionSchema), "Updated"),
    409: jsonResponse(errorEnvelopeSchema, "The resume has as many pins as the plan allows"),
    ...errorResponses,
  },
});

const iso = (ms: number) => new Date(ms).toISOString();
const toVersionBody = (v: VersionSummary): ResumeVersion => ({
  version: v.version,
  title: v.title,
  reason: v.reason,
  name: v.name,
  pinned: v.pinned,
  created_at: iso(v.createdAt),
  updated_at: iso(v.updatedAt),
});

export const resumeHistoryRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const { page, per_page: perPage } = c.req.valid("query");
    const { items, total } = await listVersions(c.env, userId, c.req.valid("param").id, {
      page,
      perPage,
    });
    return okList(c, items.map(toVersionBody), { page, perPage, total });
  })
  .openapi(getRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const { id, v } = c.req.valid("param");
    const version = await getVersion(c.env, userId, id, v);
    return ok(c, { ...toVersionBody(version), data: version.data }, 200);
  })
  .openapi(nameRoute, async (c) => {
    const ifMatch = c.req.valid("header")["if-match"];
    const expected = ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch);
    const owner = await ownerOf(c);
    const { name } = c.req.valid("json");
    const named = await nameCurrentVersion(c.env, owner, c.req.valid("param").id, name, expected);
    return ok(c, toVersionBody(named), 200);
  })
  .openapi(markRoute, async (c) => {
    const { id, v } = c.req.valid("param");
    const owner = await ownerOf(c);
    const marked = await markVersion(c.env, owner, id, v, c.req.valid("json"));
    return ok(c, toVersionBody(marked), 200);
  })
  .openapi(restoreRoute, async (c) => {
    const { id, v } = c.req.valid("param");
    const ifMatch = c.req.valid("header")["if-match"];
    const expected = ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch);
    const owner = await ownerOf(c);
    const restored = await restoreVersion(c.env, owner, id, v, expected, c.get("now"));
    await publishResume(c.env, owner.id, id, c.get("now"), restored.data);
    c.header("ETag", etagOf(restored.version));
    return ok(c, toResumeBody(restored), 200);
  });
