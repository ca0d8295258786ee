import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  attachedPaymentMethodSchema,
  attachPaymentMethodRequestSchema,
  billingHistoryEntrySchema,
  cardSetupRequestSchema,
  cardSetupSessionSchema,
  invoicePaidSchema,
  invoiceSchema,
  payInvoiceRequestSchema,
  paymentMethodAcceptedSchema,
  paymentMethodSchema,
  usageSchema,
} from "../../core/contract/billing";
import { invoicePdf } from "../../server/billing/invoice-pdf";
import {
  addPaymentMethod,
  findInvoice,
  invoiceBody,
  listInvoices,
  listPaymentMethods,
  payInvoice,
  removePaymentMethod,
  setDefaultPaymentMethod,
  startCardSetup,
  usageOf,
} from "../../server/billing/payments";
import { listBillingEvents } from "../../server/billing/records";
import { accountFor } from "../../server/billing/subscriptions";
import type { AppEnv } from "../app-env";
import { ok, okList } from "../lib/envelope";
import { withIdempotency } from "../lib/idempotency";
import { createRouter } from "../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  idempotencyKeyHeader,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

const common = { tags: ["Billing"], security: bearerSecurity, middleware: [requireUser] };
const idParam = (name: string) =>
  z.object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_]{3,100}$/, `Not a ${name} id`)
      .openapi({ param: { name: "id", in: "path" } }),
  });
const conflictResponse = { 409: jsonResponse(errorEnvelopeSchema, "Not possible right now") };
const refused = {
  402: jsonResponse(errorEnvelopeSchema, "The card was refused (`payment_failed`)"),
};

const me = (c: Context<AppEnv>) => accountFor(c.env, userPrincipal(c.get("principal")).userId);

const routes = {
  listMethods: createRoute({
    ...common,
    method: "get",
    path: "/payment-methods",
    summary: "Payment methods on file, of any type (the default one is charged)",
    responses: {
      200: jsonResponse(envelopeOf(z.array(paymentMethodSchema)), "Payment methods"),
      ...errorResponses,
    },
  }),
  addMethod: createRoute({
    ...common,
    method: "post",
    path: "/payment-methods",
    summary: "Attach a card (a Stripe PaymentMethod id; locally Stripe's pm_card_* test tokens)",
    request: {
      headers: idempotencyKeyHeader,
      ...jsonBody(attachPaymentMethodRequestSchema),
    },
    responses: {
      201: jsonResponse(
        envelopeOf(attachedPaymentMethodSchema),
        "Attached; the list follows when the provider confirms it",
      ),
      ...refused,
      ...errorResponses,
    },
  }),
  setupMethod: createRoute({
    ...common,
    method: "post",
    path: "/payment-methods/setup",
    summary:
      "Add a card: a setup-mode Checkout session (Stripe Checkout, or the local test checkout)",
    description:
      "Send the person to `checkout_url`; they come back to `/account/billing?card=added` (or `?card=canceled`). The card is listed once the provider's events arrive, and becomes the default when `make_default` is true or the account has no default card yet.",
    request: {
      headers: idempotencyKeyHeader,
      ...jsonBody(cardSetupRequestSchema, false),
    },
    responses: {
      201: jsonResponse(envelopeOf(cardSetupSessionSchema), "Send the person to checkout_url"),
      ...errorResponses,
    },
  }),
  defaultMethod: createRoute({
    ...common,
    method: "post",
    path: "/payment-methods/{id}/default",
    summary: "Make a card the one renewals charge",
    request: { headers: idempotencyKeyHeader, params: idParam("payment method") },
    responses: {
      202: jsonResponse(envelopeOf(paymentMethodAcceptedSchema), "Accepted"),
      ...errorResponses,
    },
  }),
  removeMethod: createRoute({
    ...common,
    method: "delete",
    path: "/payment-methods/{id}",
    summary: "Remove a card (not the only one of a paying subscription)",
    request: { params: idParam("payment method") },
    responses: {
      202: jsonResponse(envelopeOf(paymentMethodAcceptedSchema), "Accepted"),
      ...conflictResponse,
      ...errorResponses,
    },
  }),
  listInvoices: createRoute({
    ...common,
    method: "get",
    path: "/invoices",
    summary: "Invoices, newest first",
    request: { query: pageQuerySchema },
    responses: { 200: jsonResponse(listEnvelopeOf(invoiceSchema), "Invoices"), ...errorResponses },
  }),
  getInvoice: createRoute({
    ...common,
    method: "get",
    path: "/invoices/{id}",
    summary: "One invoice with its lines",
    request: { params: idParam("invoice") },
    responses: { 200: jsonResponse(envelopeOf(invoiceSchema), "The invoice"), ...errorResponses },
  }),
  invoicePdf: createRoute({
    ...common,
    method: "get",
    path: "/invoices/{id}/pdf",
    summary: "The invoice as PDF (rendered by Chromium on first download, then kept in R2)",
    request: { params: idParam("invoice") },
    responses: {
      200: { content: { "application/pdf": { schema: z.string() } }, description: "The PDF" },
      ...errorResponses,
    },
  }),
  payInvoice: createRoute({
    ...common,
    method: "post",
    path: "/invoices/{id}/pay",
    summary: "Pay an open invoice now (the default card, or the one named)",
    request: {
      headers: idempotencyKeyHeader,
      params: idParam("invoice"),
      ...jsonBody(payInvoiceRequestSchema, false),
    },
    responses: {
      200: jsonResponse(envelopeOf(invoicePaidSchema), "Paid"),
      ...refused,
      ...conflictResponse,
      ...errorResponses,
    },
  }),
  history: createRoute({
    ...common,
    method: "get",
    path: "/billing/history",
    summary: "Every change to this account's billing (billing_events), newest first",
    request: { query: pageQuerySchema },
    responses: {
      200: jsonResponse(listEnvelopeOf(billingHistoryEntrySchema), "History"),
      ...errorResponses,
    },
  }),
  usage: createRoute({
    ...common,
    method: "get",
    path: "/usage",
    summary: "Resumes, and this month's exports and writing-help calls, against the plan",
    responses: {
      200: jsonResponse(envelopeOf(usageSchema), "Usage"),
      ...errorResponses,
    },
  }),
};

export const billingRoutes = createRouter()
  .openapi(routes.listMethods, async (c) =>
    ok(c, await listPaymentMethods(c.env, (await me(c)).id), 200),
  )
  .openapi(routes.addMethod, async (c) => {
    const account = await me(c);
    const body = c.req.valid("json");
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "add-card", request: body },
      async (key) => ({
        status: 201,
        data: await addPaymentMethod(
          c.env,
          account,
          { paymentMethodId: body.payment_method_id, makeDefault: body.make_default },
          key,
          c.get("now"),
        ),
      }),
    );
    return ok(c, result.data, 201);
  })
  .openapi(routes.setupMethod, async (c) => {
    const account = await me(c);
    const body = c.req.valid("json") ?? { make_default: false };
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "card-setup", request: body },
      async (key) => ({
        status: 201,
        data: await startCardSetup(
          c.env,
          account,
          { makeDefault: body.make_default },
          key,
          c.get("now"),
        ),
      }),
    );
    return ok(c, result.data, 201);
  })
  .openapi(routes.defaultMethod, async (c) => {
    const account = await me(c);
    const { id } = c.req.valid("param");
    await withIdempotency(
      c,
      { userId: account.id, action: "default-card", request: { id } },
      async (key) => {
        await setDefaultPaymentMethod(c.env, account, id, key, c.get("now"));
        return { status: 202, data: { id } };
      },
    );
    return ok(c, { id }, 202);
  })
  .openapi(routes.removeMethod, async (c) => {
    const { id } = c.req.valid("param");
    await removePaymentMethod(c.env, await me(c), id, c.get("now"));
    return ok(c, { id }, 202);
  })
  .openapi(routes.listInvoices, async (c) => {
    const { page, per_page } = c.req.valid("query");
    const { rows, total } = await listInvoices(c.env, (await me(c)).id, {
      page,
      perPage: per_page,
    });
    return okList(c, rows.map(invoiceBody), { page, perPage: per_page, total });
  })
  .openapi(routes.getInvoice, async (c) => {
    const invoice = await findInvoice(c.env, (await me(c)).id, c.req.valid("param").id);
    return ok(c, invoiceBody(invoice), 200);
  })
  .openapi(routes.invoicePdf, async (c) => {
    const account = await me(c);
    const object = await invoicePdf(c.env, account, c.req.valid("param").id, c.get("now"));
    return new Response(object.body, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="invoice-${c.req.valid("param").id}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    }) as never;
  })
  .openapi(routes.payInvoice, async (c) => {
    const account = await me(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json") ?? {};
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "pay", request: { id, ...body } },
      async (key) => ({
        status: 200,
        data: await payInvoice(
          c.env,
          account,
          id,
          body.payment_method_id ?? null,
          key,
          c.get("now"),
        ),
      }),
    );
    return ok(c, result.data, 200);
  })
  .openapi(routes.history, async (c) => {
    const { page, per_page } = c.req.valid("query");
    const { rows, total } = await listBillingEvents(c.env, (await me(c)).id, {
      page,
      perPage: per_page,
    });
    return okList(
      c,
      rows.map((row) => ({
        id: row.id,
        type: row.type,
        source: row.source,
        detail: JSON.parse(row.detailJson) as Record<string, unknown>,
        created_at: new Date(row.createdAt).toISOString(),
      })),
      { page, perPage: per_page, total },
    );
  })
  .openapi(routes.usage, async (c) => ok(c, await usageOf(c.env, await me(c), c.get("now")), 200));
