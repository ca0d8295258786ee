import { createRoute, z } from "@hono/zod-openapi";
import {
  cloneResumeSchema,
  createResumeSchema,
  deletedResumeSchema,
  resumeListQuerySchema,
  resumeSchema,
  resumeSummarySchema,
  updateResumeSchema,
} from "../../../core/contract/resumes";
import { emptyResume } from "../../../core/resume/layout";
import { resumeBasicsOf } from "../../../server/auth/profiles";
import { readOnlyResumeIds } from "../../../server/billing/entitlements";
import { publishResume } from "../../../server/moderation/publication";
import {
  cloneResume,
  createResume,
  deleteResume,
  getResume,
  listResumes,
  restoreResume,
  updateResume,
} from "../../../server/resumes/resumes";
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
import {
  etagOf,
  ownerOf,
  resumeIdParam,
  toResumeBody,
  toSummaryBody,
  versionFromIfMatch,
} from "./schemas";

const common = {
  tags: ["Resumes"],
  security: bearerSecurity,
  middleware: [requireUser],
};
const limitResponse = {
  403: jsonResponse(
    errorEnvelopeSchema,
    "The plan's limit is reached (`plan_limit`, with the limit)",
  ),
};
const resumeResponse = (description: string) => jsonResponse(envelopeOf(resumeSchema), description);

const createResumeRoute = createRoute({
  ...common,
  method: "post",
  path: "/",
  summary: "Create a resume (empty, or from a document)",
  request: jsonBody(createResumeSchema),
  responses: { 201: resumeResponse("Created"), ...limitResponse, ...errorResponses },
});

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/",
  summary: "One's resumes: search by title, sort, pages; `deleted=true` lists the bin",
  request: {
    query: pageQuerySchema.extend({
      ...resumeListQuerySchema.shape,
      // a query string carries text: the bin flag arrives as "true"/"false"
      deleted: z
        .enum(["true", "false"])
        .default("false")
        .transform((value) => value === "true"),
    }),
  },
  responses: {
    200: jsonResponse(listEnvelopeOf(resumeSummarySchema), "Resumes"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  ...common,
  method: "get",
  path: "/{id}",
  summary: "One resume; its version is the ETag",
  request: { params: resumeIdParam },
  responses: { 200: resumeResponse("The resume"), ...errorResponses },
});

const patchRoute = createRoute({
  ...common,
  method: "patch",
  path: "/{id}",
  summary: "Save a new version (title and/or the whole document)",
  description:
    "Send the version you edited in `If-Match`. If someone saved since, the answer is 409 with `current_version` and nothing is written. A resume beyond the plan's count (`read_only`) answers 403 `plan_limit`, as does a style change of a resume in a premium template the plan lacks.",
  request: {
    params: resumeIdParam,
    headers: z.object({ "if-match": z.string().max(40).optional() }),
    ...jsonBody(updateResumeSchema),
  },
  responses: {
    200: resumeResponse("Saved"),
    403: jsonResponse(
      errorEnvelopeSchema,
      "Read-only on this plan, or a premium template (`plan_limit`)",
    ),
    409: jsonResponse(errorEnvelopeSchema, "A newer version exists (`details.current_version`)"),
    428: jsonResponse(errorEnvelopeSchema, "If-Match is missing"),
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  ...common,
  method: "delete",
  path: "/{id}",
  summary: "Move a resume to the bin (restore with POST /resumes/{id}/restore)",
  request: { params: resumeIdParam },
  responses: {
    200: jsonResponse(envelopeOf(deletedResumeSchema), "In the bin"),
    ...errorResponses,
  },
});

const restoreRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/restore",
  summary: "Take a resume out of the bin",
  request: { params: resumeIdParam },
  responses: { 200: resumeResponse("Restored"), ...limitResponse, ...errorResponses },
});

const cloneRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/clone",
  summary: "Copy a resume",
  request: {
    params: resumeIdParam,
    ...jsonBody(cloneResumeSchema, false),
  },
  responses: { 201: resumeResponse("The copy"), ...limitResponse, ...errorResponses },
});

export const resumeCrudRoutes = createRouter()
  .openapi(createResumeRoute, async (c) => {
    const input = c.req.valid("json");
    const owner = await ownerOf(c);
    // A blank resume starts from the account's profile (README "Profile and security emails").
    const data = input.data ?? { ...emptyResume(), basics: await resumeBasicsOf(c.env, owner) };
    const created = await createResume(c.env, owner, { ...input, data }, c.get("now"));
    c.header("ETag", etagOf(created.version));
    c.header("Location", `/api/resumes/${created.id}`);
    return ok(c, toResumeBody(created), 201);
  })
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, q, sort, order, deleted } = c.req.valid("query");
    const owner = await ownerOf(c);
    const [{ items, total }, readOnly] = await Promise.all([
      listResumes(c.env, owner.id, {
        query: q || undefined,
        sort,
        order: order ?? (sort === "title" ? "asc" : "desc"),
        deleted,
        page,
        perPage,
      }),
      readOnlyResumeIds(c.env, owner),
    ]);
    return okList(
      c,
      items.map((item) => toSummaryBody(item, readOnly.has(item.id))),
      { page, perPage, total },
    );
  })
  .openapi(getRoute, async (c) => {
    const owner = await ownerOf(c);
    const [resume, readOnly] = await Promise.all([
      getResume(c.env, owner.id, c.req.valid("param").id),
      readOnlyResumeIds(c.env, owner),
    ]);
    c.header("ETag", etagOf(resume.version));
    c.header("Cache-Control", "private, no-cache");
    return ok(c, toResumeBody(resume, readOnly.has(resume.id)), 200);
  })
  .openapi(patchRoute, async (c) => {
    const expected = versionFromIfMatch(c.req.valid("header")["if-match"]);
    const owner = await ownerOf(c);
    const saved = await updateResume(
      c.env,
      owner,
      c.req.valid("param").id,
      expected,
      c.req.valid("json"),
      c.get("now"),
    );
    // A shared resume's page follows its saves, each once it passes moderation.
    await publishResume(c.env, owner.id, saved.id, c.get("now"), saved.data);
    c.header("ETag", etagOf(saved.version));
    return ok(c, toResumeBody(saved), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    await deleteResume(c.env, userId, c.req.valid("param").id, c.get("now"));
    return ok(c, { deleted: true as const }, 200);
  })
  .openapi(restoreRoute, async (c) => {
    const owner = await ownerOf(c);
    const restored = await restoreResume(c.env, owner, c.req.valid("param").id, c.get("now"));
    // restored now is the newest; one that was not in the bin keeps its place
    const readOnly = await readOnlyResumeIds(c.env, owner);
    c.header("ETag", etagOf(restored.version));
    return ok(c, toResumeBody(restored, readOnly.has(restored.id)), 200);
  })
  .openapi(cloneRoute, async (c) => {
    const body = c.req.valid("json") as { title?: string } | undefined;
    const copy = await cloneResume(
      c.env,
      await ownerOf(c),
      c.req.valid("param").id,
      body?.title,
      c.get("now"),
    );
    c.header("ETag", etagOf(copy.version));
    return ok(c, toResumeBody(copy), 201);
  });
