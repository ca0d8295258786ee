import { createRoute, z } from "@hono/zod-openapi";
import {
  type AnalyticsReport,
  analyticsReportQuerySchema,
  analyticsReportSchema,
} from "../../../core/contract/analytics";
import { analyticsReport, reportCsv } from "../../../server/analytics/reports";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * The analytics reports (README "Analytics"): one GET per report, each with its own permission
 * (usage needs `system.metrics`, money `payments.read`), the same range and plan filters, and
 * `format=csv` for the report's daily table as a download.
 */

const SUMMARIES: Record<AnalyticsReport, string> = {
  users: "Sign-ups, verified addresses and active users per day",
  revenue: "MRR and ARR by plan per day: starting + new + expansion − contraction − churn = ending",
  churn: "Churn rate (stopped paying ÷ paying at the start) and the reasons",
  recovery: "Failed payments recovered in dunning ÷ failed payments",
  exports: "Exports completed per day",
  growth: "Accounts and paying subscriptions over time",
};

const reportRoute = (report: AnalyticsReport) =>
  createRoute({
    method: "get",
    path: `/${report}`,
    tags: ["Analytics"],
    summary: SUMMARIES[report],
    description:
      "`from`/`to` are UTC days (YYYY-MM-DD, both included; the last 30 days by default, at most 731). `plan` narrows to events of accounts on that plan. `format=csv` answers the daily table as RFC 4180 CSV (audited as `analytics.exported`).",
    security: bearerSecurity,
    middleware: guardFor(`GET /api/admin/analytics/${report}` as const),
    request: { query: analyticsReportQuerySchema },
    responses: {
      200: {
        ...jsonResponse(envelopeOf(analyticsReportSchema), "The report"),
        content: {
          "application/json": { schema: envelopeOf(analyticsReportSchema) },
          "text/csv": { schema: z.string().openapi({ format: "binary" }) },
        },
      },
      ...errorResponses,
    },
  });

const router = createRouter();

for (const report of ["users", "revenue", "churn", "recovery", "exports", "growth"] as const) {
  router.openapi(reportRoute(report), async (c) => {
    const { format, ...request } = c.req.valid("query");
    const view = await analyticsReport(c.env, report, request, c.get("now"));
    if (format === "json") return ok(c, view, 200);
    await recordAudit(c.env, actorOf(c), {
      action: "analytics.exported",
      resourceType: "analytics",
      resourceId: report,
      details: { from: view.from, to: view.to, plan: view.plan, rows: view.rows.length },
    });
    const name = `${report}-${view.from}-to-${view.to}${view.plan ? `-${view.plan}` : ""}.csv`;
    return new Response(reportCsv(view), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
      },
    }) as never;
  });
}

export const adminAnalyticsRoutes = router;
