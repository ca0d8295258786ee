import { createRoute, z } from "@hono/zod-openapi";
import {
  exportItemSchema,
  exportRequestSchema,
  type StartedExport,
  startedExportSchema,
} from "../../core/contract/exports";
import { contentDisposition, EXPORT_JOB_PATTERN } from "../../core/export/formats";
import { unauthorized } from "../../server/errors";
import { listExports, openExport, requestExport } from "../../server/exports/exports";
import { ok, okList } from "../lib/envelope";
import { createRouter } from "../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../lib/schemas";
import { requireUser } from "../middleware/principal";
import { ownerOf, resumeIdParam } from "./resumes/schemas";

const jobIdParam = z.object({
  job_id: z
    .string()
    .regex(EXPORT_JOB_PATTERN, "Not an export id")
    .openapi({ param: { name: "job_id", in: "path" } }),
});

const requestExportRoute = createRoute({
  method: "post",
  path: "/resumes/{id}/export",
  tags: ["Exports"],
  summary: "Export a resume as PDF, DOCX, TXT or JSON Resume (a job; poll GET /api/jobs/{id})",
  description:
    "Answers at once with the job. The export counts against the plan's monthly allowance (403 `plan_limit`); a PDF in a premium template (the one asked for, else the resume's own) needs a plan with them.",
  security: bearerSecurity,
  middleware: [requireUser],
  request: { params: resumeIdParam, ...jsonBody(exportRequestSchema) },
  responses: {
    202: jsonResponse(envelopeOf(startedExportSchema), "The export job, queued"),
    403: jsonResponse(errorEnvelopeSchema, "Monthly exports used up, or a premium template"),
    ...errorResponses,
  },
});

const listExportsRoute = createRoute({
  method: "get",
  path: "/exports",
  tags: ["Exports"],
  summary: "Your exports, newest first (history and re-download)",
  security: bearerSecurity,
  middleware: [requireUser],
  request: { query: pageQuerySchema },
  responses: { 200: jsonResponse(listEnvelopeOf(exportItemSchema), "Exports"), ...errorResponses },
});

const downloadRoute = createRoute({
  method: "get",
  path: "/exports/{job_id}/download",
  tags: ["Exports"],
  summary: "Download a finished export: as its owner, or with the emailed link's token",
  security: [...bearerSecurity, {}],
  request: {
    params: jobIdParam,
    query: z.object({
      token: z
        .string()
        .max(128)
        .optional()
        .openapi({ description: "The signed token of an emailed link (expires after 24 h)" }),
    }),
  },
  responses: {
    200: {
      description: "The file",
      content: Object.fromEntries(
        ["application/pdf", "application/octet-stream", "text/plain", "application/json"].map(
          (type) => [type, { schema: z.string().openapi({ format: "binary" }) }],
        ),
      ),
    },
    409: jsonResponse(errorEnvelopeSchema, "Not finished yet (`conflict`)"),
    ...errorResponses,
  },
});

export const exportRoutes = createRouter()
  .openapi(requestExportRoute, async (c) => {
    const owner = await ownerOf(c);
    const { format, options } = c.req.valid("json");
    const { job, usage } = await requestExport(c.env, owner, c.req.valid("param").id, {
      format,
      template: options.template,
      pageSize: options.page_size,
      now: c.get("now"),
    });
    const statusUrl = `/api/jobs/${job.id}`;
    c.header("Location", statusUrl);
    const started: StartedExport = {
      job_id: job.id,
      status: job.status,
      status_url: statusUrl,
      usage,
    };
    return ok(c, started, 202);
  })
  .openapi(listExportsRoute, async (c) => {
    const owner = await ownerOf(c);
    const { page, per_page: perPage } = c.req.valid("query");
    const { items, total } = await listExports(c.env, owner.id, { page, perPage });
    c.header("Cache-Control", "private, no-store");
    return okList(c, items, { page, perPage, total });
  })
  .openapi(downloadRoute, async (c) => {
    const { job_id: jobId } = c.req.valid("param");
    const { token } = c.req.valid("query");
    const principal = c.get("principal");
    let access: { token: string } | { userId: string };
    if (token !== undefined) access = { token };
    else if (principal?.kind === "user") access = { userId: principal.userId };
    else throw unauthorized();
    const { object, result } = await openExport(c.env, jobId, access, c.get("now"));
    return new Response(object.body, {
      status: 200,
      headers: {
        "Content-Type": result.content_type,
        "Content-Length": String(object.size),
        "Content-Disposition": contentDisposition(result.filename),
        "Cache-Control": "private, no-store",
        ETag: object.httpEtag,
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
