import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  addPaymentMethod,
  findInvoice,
  invoiceBody,
  invoicePdf,
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
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

const common = { tags: ["Billing"], security: bearerSecurity, middleware: [requireUser] };
const idempotencyHeader = z.object({
  "idempotency-key": z.string().optional().openapi({ description: "Required: 8–128 characters" }),
});
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

/** Any Stripe payment-method type; what a type does not have is null (README "Billing"). */
const paymentMethodSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({
      description:
        "Stripe's PaymentMethod type: card, us_bank_account, sepa_debit, link, paypal, … (new types too)",
      example: "card",
    }),
    brand: z.string().nullable().openapi({ description: "Cards: the network (visa, …)" }),
    last4: z
      .string()
      .nullable()
      .openapi({ description: "Cards and bank debits: last four digits" }),
    exp_month: z.number().int().nullable().openapi({ description: "Cards only" }),
    exp_year: z.number().int().nullable().openapi({ description: "Cards only" }),
    wallet: z
      .string()
      .nullable()
      .openapi({ description: "A card kept in a wallet: apple_pay, google_pay, link, …" }),
    bank_name: z.string().nullable().openapi({ description: "Bank accounts: the bank's name" }),
    email: z.string().nullable().openapi({ description: "Link: the account's email" }),
    is_default: z.boolean(),
    created_at: z.string(),
  })
  .openapi("PaymentMethod");

const invoiceSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    status: z.string(),
    currency: z.string(),
    amount_due: z.number().int(),
    amount_paid: z.number().int(),
    amount_refunded: z.number().int(),
    billing_reason: z.string().nullable(),
    subscription_id: z.string().nullable(),
    period_start: z.string().nullable(),
    period_end: z.string().nullable(),
    lines: z.array(
      z.object({ description: z.string(), amount: z.number().int(), proration: z.boolean() }),
    ),
    attempt_count: z.number().int(),
    hosted_url: z.string().nullable(),
    pdf_available: z.boolean(),
    paid_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Invoice");

const counter = z.object({ used: z.number().int(), limit: z.number().int().nullable() });

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
      headers: idempotencyHeader,
      ...jsonBody(
        z
          .object({
            payment_method_id: z.string().regex(/^pm_\w{3,100}$/, "Not a payment method id"),
            make_default: z.boolean().default(false),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(
        envelopeOf(paymentMethodSchema.omit({ is_default: true, created_at: true })),
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
      headers: idempotencyHeader,
      ...jsonBody(z.object({ make_default: z.boolean().default(false) }).strict(), false),
    },
    responses: {
      201: jsonResponse(
        envelopeOf(z.object({ checkout_url: z.string().url(), session_id: z.string() })),
        "Send the person to checkout_url",
      ),
      ...errorResponses,
    },
  }),
  defaultMethod: createRoute({
    ...common,
    method: "post",
    path: "/payment-methods/{id}/default",
    summary: "Make a card the one renewals charge",
    request: { headers: idempotencyHeader, params: idParam("payment method") },
    responses: {
      202: jsonResponse(envelopeOf(z.object({ id: z.string() })), "Accepted"),
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
      202: jsonResponse(envelopeOf(z.object({ id: z.string() })), "Accepted"),
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
      headers: idempotencyHeader,
      params: idParam("invoice"),
      ...jsonBody(
        z.object({ payment_method_id: z.string().min(3).max(120).optional() }).strict(),
        false,
      ),
    },
    responses: {
      200: jsonResponse(
        envelopeOf(z.object({ invoice_id: z.string(), paid: z.literal(true) })),
        "Paid",
      ),
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
      200: jsonResponse(
        listEnvelopeOf(
          z.object({
            id: z.string(),
            type: z.string(),
            source: z.enum(["api", "webhook", "workflow"]),
            detail: z.record(z.string(), z.unknown()),
            created_at: z.string(),
          }),
        ),
        "History",
      ),
      ...errorResponses,
    },
  }),
  usage: createRoute({
    ...common,
    method: "get",
    path: "/usage",
    summary: "Resumes, and this month's exports and writing-help calls, against the plan",
    responses: {
      200: jsonResponse(
        envelopeOf(
          z.object({
            plan: z.string(),
            period: z.string(),
            resets_at: z.string(),
            resumes: counter,
            exports: counter,
            ai_calls: counter,
          }),
        ),
        "Usage",
      ),
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
        data: await startCardSetup(c.env, account, { makeDefault: body.make_default }, key),
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
        await setDefaultPaymentMethod(c.env, account, id, key);
        return { status: 202, data: { id } };
      },
    );
    return ok(c, { id }, 202);
  })
  .openapi(routes.removeMethod, async (c) => {
    const { id } = c.req.valid("param");
    await removePaymentMethod(c.env, await me(c), id);
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
    const object = await invoicePdf(c.env, account, c.req.valid("param").id);
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
        data: await payInvoice(c.env, account, id, body.payment_method_id ?? null, key),
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
  .openapi(routes.usage, async (c) => ok(c, await usageOf(c.env, await me(c)), 200));
