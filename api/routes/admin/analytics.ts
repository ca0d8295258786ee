import { createRoute, z } from "@hono/zod-openapi";
import {
  type AnalyticsReport,
  analyticsBackfillAcceptedSchema,
  analyticsBackfillStatusSchema,
  analyticsReportQuerySchema,
  analyticsReportSchema,
} from "../../../core/contract/analytics";
import { sha256Hex } from "../../../core/security/crypto";
import { latestBackfill, requestBackfill } from "../../../server/analytics/backfill";
import { analyticsReport, reportCsv } from "../../../server/analytics/reports";
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
  jsonResponse,
} from "../../lib/schemas";
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
  recovery:
    "Dunning runs started in the range by how they ended: recovered ÷ ended, open ones beside",
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

const backfillStatusRoute = createRoute({
  method: "get",
  path: "/backfill",
  tags: ["Analytics"],
  summary: "The latest analytics backfill: its job's status, progress and result",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/analytics/backfill"),
  responses: {
    200: jsonResponse(envelopeOf(analyticsBackfillStatusSchema), "The latest backfill, or null"),
    ...errorResponses,
  },
});

const backfillRoute = createRoute({
  method: "post",
  path: "/backfill",
  tags: ["Analytics"],
  summary: "Derive the events of what happened before analytics from the tables that record it",
  description:
    "Needs `system.config`, a second factor proven within the step-up window, and an `Idempotency-Key` header. Answers 202 with the job (`GET /api/admin/analytics/backfill` or `GET /api/jobs/{id}`), run by the `analytics-backfill` workflow (listed under workflow runs). Event ids are the live ones, so running it again counts nothing twice. 409 `conflict` while another backfill runs. Audited as `analytics.backfill_requested`.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/analytics/backfill"),
  request: { headers: idempotencyKeyHeader },
  responses: {
    202: jsonResponse(envelopeOf(analyticsBackfillAcceptedSchema), "Accepted: the job"),
    ...errorResponses,
  },
});

const router = createRouter()
  .openapi(backfillStatusRoute, async (c) =>
    ok(c, { job: await latestBackfill(c.env, c.get("now")) }, 200),
  )
  .openapi(backfillRoute, async (c) => {
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "analytics-backfill", request: {} },
      async (key) => {
        // The job's id comes from the key: a retry that outran the kept answer reaches the
        // same job and run instead of starting a second backfill.
        const jobId = `analytics-backfill-${(await sha256Hex(key)).slice(0, 32)}`;
        await requestBackfill(c.env, { jobId, actorId: actor.id, now: actor.at });
        await recordAudit(c.env, actor, {
          action: "analytics.backfill_requested",
          resourceType: "analytics",
          resourceId: jobId,
          details: { job_id: jobId },
        });
        return { status: 202 as const, data: { job_id: jobId } };
      },
    );
    return ok(c, result.data, 202);
  });

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
