import { createRoute, z } from "@hono/zod-openapi";
import {
  bulkExportRequestSchema,
  bulkSuspendRequestSchema,
  bulkSuspendResultSchema,
} from "../../../core/contract/admin-bulk";
import { exportCsvStream } from "../../../server/admin-users/bulk-export";
import { countSelection, describeSelection } from "../../../server/admin-users/bulk-selection";
import { bulkSuspend } from "../../../server/admin-users/bulk-suspend";
import { errorFields } from "../../../server/logger";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  idempotencyKeyHeader,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * Bulk actions on the admin users list (README "Admin: users", bulk actions): export the
 * selected accounts as CSV, suspend many at once. The selection is the ticked ids or the list's
 * filter (core/contract/admin-bulk.ts). Bulk email has its own router (users-bulk-email.ts).
 */

const tags = ["Users"];

/** The header the answer counts its accounts in (before streaming), for a download's progress. */
export const EXPORT_ROWS_HEADER = "X-Export-Rows";

const exportRoute = createRoute({
  method: "post",
  path: "/bulk/export",
  tags,
  summary: "Export the selected accounts (ticked ids or a filter) as CSV, streamed",
  description:
    "Needs `users.read` and a second factor proven within the step-up window: it is personal data in bulk, and audited as `users.exported` with the selection and the row count. Columns: `id,email,name,status,role,plan,email_verified,mfa_enabled,customer_id,created_at,last_login_at`; RFC 4180 quoting; a cell starting with `= + - @`, a tab or CR starts with `'` so a spreadsheet shows it as text.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/bulk/export"),
  request: jsonBody(bulkExportRequestSchema),
  responses: {
    200: {
      description: 'The CSV (`Content-Disposition: attachment; filename="users-YYYY-MM-DD.csv"`)',
      headers: z.object({
        [EXPORT_ROWS_HEADER]: z.string().openapi({
          description: "How many accounts the selection named when the export started",
        }),
      }),
      content: { "text/csv": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses,
  },
});

const suspendRoute = createRoute({
  method: "post",
  path: "/bulk/suspend",
  tags,
  summary: "Suspend up to 100 ticked accounts for 1–30 days, each through its ban workflow",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. Each account is handed to its ban escalation workflow as `POST /api/admin/users/{id}/sanctions` would (applied within seconds) and audited as `account.suspend_requested`. Skipped, with the reason: unknown ids, your own account, staff accounts, banned accounts.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/bulk/suspend"),
  request: { headers: idempotencyKeyHeader, ...jsonBody(bulkSuspendRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(bulkSuspendResultSchema), "Requested and skipped accounts"),
    ...errorResponses,
  },
});

export const adminUserBulkRoutes = createRouter()
  .openapi(exportRoute, async (c) => {
    const { selection } = c.req.valid("json");
    const actor = actorOf(c);
    // Audited before the first byte, with the count of the moment: a download cut short
    // still left its trace.
    const rows = await countSelection(c.env, selection);
    await recordAudit(c.env, actor, {
      action: "users.exported",
      resourceType: "user",
      details: { selection: describeSelection(selection), rows },
    });
    const day = new Date(c.get("now")).toISOString().slice(0, 10);
    const logger = c.get("logger");
    const body = exportCsvStream(c.env, selection, (error) =>
      logger.error("users export failed while streaming", errorFields(error)),
    );
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="users-${day}.csv"`,
        "Cache-Control": "private, no-store",
        [EXPORT_ROWS_HEADER]: String(rows),
      },
    }) as never;
  })
  .openapi(suspendRoute, async (c) => {
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "bulk-suspend", request: body },
      async (key) => ({ status: 200 as const, data: await bulkSuspend(c.env, actor, body, key) }),
    );
    return ok(c, result.data, 200);
  });
