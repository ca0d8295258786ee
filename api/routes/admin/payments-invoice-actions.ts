import { createRoute } from "@hono/zod-openapi";
import {
  creditNoteRequestSchema,
  creditNoteResultSchema,
  invoiceActionRequestSchema,
  invoiceActionResultSchema,
  manualInvoiceRequestSchema,
  manualInvoiceResultSchema,
} from "../../../core/contract/admin-payments";
import { createCreditNote } from "../../../server/admin-payments/credit-notes";
import {
  regenerateInvoicePdf,
  resendInvoice,
  voidInvoice,
} from "../../../server/admin-payments/invoice-actions";
import { createManualInvoice } from "../../../server/admin-payments/manual-invoices";
import { acceptOnce } from "../../lib/idempotency";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  idempotencyKeyHeader,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { guardFor } from "./access";
import { providerIdParam, tags } from "./payments";
import { conflictResponse } from "./payments-actions";

/**
 * The admin's invoice actions (README "Admin: payments"): a credit note and a void (asked of the
 * billing provider, shown once its event is applied), a resend and a new PDF (ours). Each takes an
 * `Idempotency-Key` and is audited.
 */

const manualInvoiceRoute = createRoute({
  method: "post",
  path: "/invoices",
  tags,
  summary: "Make an invoice with custom lines for an account, charged now or sent",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `invoice.created_manually`. `charge`: the account's default card is charged at once (`paid` false with the network's words when refused: the invoice stays open); `send`: the provider emails it (Stripe; the local provider emails nothing) with `days_until_due`. The invoice shows in the lists once the provider's `invoice.finalized` is applied. Unknown account: 404.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices"),
  request: { headers: idempotencyKeyHeader, ...jsonBody(manualInvoiceRequestSchema) },
  responses: {
    202: jsonResponse(envelopeOf(manualInvoiceResultSchema), "Made by the provider"),
    ...errorResponses,
  },
});

const creditNoteRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/credit-notes",
  tags,
  summary: "Issue a credit note against a paid invoice, credited to the customer's balance",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `invoice.credited` (the note stays there; the memo is printed on the credit note). More than paid − refunded − credited is 422 `credit_exceeds_remaining`; an invoice that is not paid, or Stripe's own refusal, is 409. The invoice's `amount_credited` follows the provider's `credit_note.created` event.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices/{id}/credit-notes"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(creditNoteRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(creditNoteResultSchema), "The provider issued it"),
    ...errorResponses,
    ...conflictResponse,
    422: jsonResponse(errorEnvelopeSchema, "More than the invoice has left to credit"),
  },
});

const voidRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/void",
  tags,
  summary: "Void an open invoice: nothing is owed on it any more",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `invoice.voided`. Asked of the provider (Stripe `invoices.voidInvoice`); the invoice shows `void` once its `invoice.voided` event is applied, and a dunning flow chasing it stops. Not open: 409.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices/{id}/void"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(invoiceActionRequestSchema, false),
  },
  responses: {
    202: jsonResponse(envelopeOf(invoiceActionResultSchema), "Asked of the provider"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const resendRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/resend",
  tags,
  summary: "Email the invoice to its customer again, with a link to their billing page",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `invoice.resent`. Once a minute per invoice (429 `rate_limited` with `Retry-After`); a draft or void invoice, or one whose account is gone, is 409.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices/{id}/resend"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(invoiceActionRequestSchema, false),
  },
  responses: {
    202: jsonResponse(envelopeOf(invoiceActionResultSchema), "Sent"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const regenerateRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/pdf",
  tags,
  summary: "Render the invoice's PDF again (current seller details) and replace the stored one",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `invoice.pdf_regenerated`. The customer's next download is the new copy.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices/{id}/pdf"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(invoiceActionRequestSchema, false),
  },
  responses: {
    202: jsonResponse(envelopeOf(invoiceActionResultSchema), "Rendered and stored"),
    ...errorResponses,
    ...conflictResponse,
  },
});

export const adminInvoiceActionRoutes = createRouter()
  .openapi(manualInvoiceRoute, async (c) => {
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-manual-invoice", request, (actor, key) =>
      createManualInvoice(c.env, actor, request, key),
    );
  })
  .openapi(creditNoteRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-credit-note", { id, ...request }, (actor, key) =>
      createCreditNote(c.env, actor, { invoiceId: id, request }, key),
    );
  })
  .openapi(voidRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json") ?? {};
    return acceptOnce(c, "admin-invoice-void", { id, ...request }, (actor, key) =>
      voidInvoice(c.env, actor, { invoiceId: id, request }, key),
    );
  })
  .openapi(resendRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json") ?? {};
    return acceptOnce(c, "admin-invoice-resend", { id, ...request }, (actor) =>
      resendInvoice(c.env, actor, { invoiceId: id, request }),
    );
  })
  .openapi(regenerateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json") ?? {};
    return acceptOnce(c, "admin-invoice-pdf", { id, ...request }, (actor) =>
      regenerateInvoicePdf(c.env, actor, { invoiceId: id, request }),
    );
  });
