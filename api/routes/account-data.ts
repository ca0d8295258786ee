import { createRoute, z } from "@hono/zod-openapi";
import {
  type DataExportView,
  dataExportViewSchema,
  latestDataExportSchema,
} from "../../core/contract/data-export";
import { contentDisposition } from "../../core/export/formats";
import { DATA_EXPORT_ID_PATTERN } from "../../core/gdpr/data-export";
import {
  latestDataExport,
  openDataExportDownload,
  ownDataExport,
  requestDataExport,
} from "../../server/gdpr/export-requests";
import { ok } from "../lib/envelope";
import { withIdempotency } from "../lib/idempotency";
import { createRouter } from "../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  idempotencyKeyHeader,
  jsonResponse,
} from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

/**
 * "Export my data" (README "Your data"): ask for a zip of everything the account holds,
 * follow its progress, and download it with the signed link (emailed, and shown in the app
 * while it is ready). The link is the credential, so it works from the email without a session.
 */

const tags = ["Your data"];
const viewResponse = jsonResponse(envelopeOf(dataExportViewSchema), "The data export");

const requestRoute = createRoute({
  method: "post",
  path: "/account/data-export",
  tags,
  summary: "Export my data: a zip of everything the account holds (a workflow; poll the GET)",
  description:
    "Needs an `Idempotency-Key`. While an export is still being built, answers it again (200) instead of starting another; a new one is 202. At most 2 new exports per 12 hours (429 `rate_limited`).",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { headers: idempotencyKeyHeader },
  responses: {
    200: viewResponse,
    202: viewResponse,
    ...errorResponses,
  },
});

const latestRoute = createRoute({
  method: "get",
  path: "/account/data-export",
  tags,
  summary: "Your latest data export with its progress (null when you never asked for one)",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(latestDataExportSchema), "The latest export"),
    ...errorResponses,
  },
});

const tokenQuery = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ description: "The signed token of the download link (valid 7 days)" }),
});

const downloadRoute = createRoute({
  method: "get",
  path: "/account/data-export/download",
  tags,
  summary: "Download a data export's zip with its signed link (no session needed)",
  request: { query: tokenQuery },
  responses: {
    200: {
      description: "The zip",
      content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
    },
    409: jsonResponse(errorEnvelopeSchema, "Not ready yet (`conflict`)"),
    410: jsonResponse(errorEnvelopeSchema, "The link or the zip expired (`export_expired`)"),
    ...errorResponses,
  },
});

const oneRoute = createRoute({
  method: "get",
  path: "/account/data-export/{id}",
  tags,
  summary: "One of your data exports with its progress",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: {
    params: z.object({
      id: z
        .string()
        .regex(DATA_EXPORT_ID_PATTERN, "Not a data export id")
        .openapi({ param: { name: "id", in: "path" } }),
    }),
  },
  responses: { 200: viewResponse, ...errorResponses },
});

export const accountDataRoutes = createRouter()
  .openapi(requestRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const result = await withIdempotency<DataExportView>(
      c,
      { userId, action: "data-export", request: null },
      async () => {
        const started = await requestDataExport(c.env, userId, c.get("now"));
        return { status: started.created ? 202 : 200, data: started.export };
      },
    );
    c.header("Location", result.data.status_url);
    return ok(c, result.data, result.status as 200 | 202);
  })
  .openapi(latestRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    c.header("Cache-Control", "private, no-store");
    return ok(c, await latestDataExport(c.env, userId, c.get("now")), 200);
  })
  .openapi(downloadRoute, async (c) => {
    const { token } = c.req.valid("query");
    const zip = await openDataExportDownload(c.env, token, c.get("now"));
    return new Response(zip.body, {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Length": String(zip.size),
        "Content-Disposition": contentDisposition(zip.filename),
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
      },
    });
  })
  .openapi(oneRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    c.header("Cache-Control", "private, no-store");
    return ok(c, await ownDataExport(c.env, userId, c.req.valid("param").id, c.get("now")), 200);
  });
