import { createRoute, z } from "@hono/zod-openapi";
import {
  adminInvoiceDetailSchema,
  adminInvoiceSchema,
  adminInvoicesExportQuerySchema,
  adminInvoicesQuerySchema,
  adminSubscriptionDetailSchema,
  adminSubscriptionSchema,
  adminSubscriptionsQuerySchema,
} from "../../../core/contract/admin-payments";
import { countInvoices, invoicesCsvStream } from "../../../server/admin-payments/invoice-export";
import { invoiceDetail, listInvoices } from "../../../server/admin-payments/invoices";
import {
  listSubscriptions,
  subscriptionDetail,
} from "../../../server/admin-payments/subscriptions";
import { errorFields } from "../../../server/logger";
import { recordAudit } from "../../../server/ops/audit";
import { ok, okList } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonResponse,
  listEnvelopeOf,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * The admin Payments section's reads (README "Admin: payments"): subscriptions and invoices as
 * the billing mirror holds them. The actions are in payments-actions.ts.
 */

export const tags = ["Payments administration"];

/** A payment provider's id (`sub_…`, `in_…`, or the local provider's `…_local_…`). */
export const providerIdParam = z.object({
  id: z
    .string()
    .regex(/^[\w-]{1,255}$/, "A payment provider id")
    .openapi({ param: { name: "id", in: "path" }, example: "in_1Q2w3E4r5T6y" }),
});

const listSubscriptionsRoute = createRoute({
  method: "get",
  path: "/subscriptions",
  tags,
  summary: "Subscriptions, newest first: by plan, status, trial ending soon, in dunning",
  description:
    "`status=past_due` lists the subscriptions whose payment failed; `in_dunning=true` those with an open invoice a dunning flow is still chasing; `trial_ends_within_days=N` trialing ones whose trial ends within N days.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/subscriptions"),
  request: { query: adminSubscriptionsQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(adminSubscriptionSchema), "Subscriptions"),
    ...errorResponses,
  },
});

const subscriptionRoute = createRoute({
  method: "get",
  path: "/subscriptions/{id}",
  tags,
  summary: "One subscription, its invoices and the account's billing history",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/subscriptions/{id}"),
  request: { params: providerIdParam },
  responses: {
    200: jsonResponse(envelopeOf(adminSubscriptionDetailSchema), "The subscription"),
    ...errorResponses,
  },
});

const listInvoicesRoute = createRoute({
  method: "get",
  path: "/invoices",
  tags,
  summary: "Invoices, newest first: by status, account, customer, subscription, day, refunded",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/invoices"),
  request: { query: adminInvoicesQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(adminInvoiceSchema), "Invoices"),
    ...errorResponses,
  },
});

/** The header the export answers its row count in (before streaming), for a download's progress. */
export const INVOICE_EXPORT_ROWS_HEADER = "X-Export-Rows";

const exportInvoicesRoute = createRoute({
  method: "get",
  path: "/invoices/export",
  tags,
  summary: "The invoices the list's filters match, as CSV, streamed",
  description:
    "Needs `payments.read`; audited as `invoices.exported` with the filters and the row count. Columns: `id,number,status,user_id,user_email,customer_id,subscription_id,currency,amount_due,amount_paid,amount_refunded,billing_reason,created_at,paid_at` (amounts in cents); RFC 4180 quoting; a cell starting with `= + - @`, a tab or CR starts with `'` so a spreadsheet shows it as text.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/invoices/export"),
  request: { query: adminInvoicesExportQuerySchema },
  responses: {
    200: {
      description:
        'The CSV (`Content-Disposition: attachment; filename="invoices-YYYY-MM-DD.csv"`)',
      headers: z.object({
        [INVOICE_EXPORT_ROWS_HEADER]: z.string().openapi({
          description: "How many invoices the filters matched when the export started",
        }),
      }),
      content: { "text/csv": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses,
  },
});

const invoiceRoute = createRoute({
  method: "get",
  path: "/invoices/{id}",
  tags,
  summary: "One invoice: lines, refunds staff asked for, and what the provider reported",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/invoices/{id}"),
  request: { params: providerIdParam },
  responses: {
    200: jsonResponse(envelopeOf(adminInvoiceDetailSchema), "The invoice"),
    ...errorResponses,
  },
});

export const adminPaymentRoutes = createRouter()
  .openapi(listSubscriptionsRoute, async (c) => {
    const query = c.req.valid("query");
    const { items, total } = await listSubscriptions(c.env, query, c.get("now"));
    return okList(c, items, { page: query.page, perPage: query.per_page, total });
  })
  .openapi(subscriptionRoute, async (c) =>
    ok(c, await subscriptionDetail(c.env, c.req.valid("param").id), 200),
  )
  .openapi(listInvoicesRoute, async (c) => {
    const query = c.req.valid("query");
    const { items, total } = await listInvoices(c.env, query);
    return okList(c, items, { page: query.page, perPage: query.per_page, total });
  })
  // Before `/invoices/{id}`, which would take "export" for an id: routes match in this order.
  .openapi(exportInvoicesRoute, async (c) => {
    const query = c.req.valid("query");
    // Audited before the first byte, with the count of the moment: a download cut short
    // still left its trace.
    const rows = await countInvoices(c.env, query);
    await recordAudit(c.env, actorOf(c), {
      action: "invoices.exported",
      resourceType: "invoice",
      details: { filters: query, rows },
    });
    const day = new Date(c.get("now")).toISOString().slice(0, 10);
    const logger = c.get("logger");
    const body = invoicesCsvStream(c.env, query, (error) =>
      logger.error("invoices export failed while streaming", errorFields(error)),
    );
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="invoices-${day}.csv"`,
        "Cache-Control": "private, no-store",
        [INVOICE_EXPORT_ROWS_HEADER]: String(rows),
      },
    }) as never;
  })
  .openapi(invoiceRoute, async (c) =>
    ok(c, await invoiceDetail(c.env, c.req.valid("param").id), 200),
  );
