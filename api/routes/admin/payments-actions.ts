import { createRoute } from "@hono/zod-openapi";
import {
  paymentRetryResultSchema,
  refundRequestSchema,
  refundResultSchema,
  subscriptionActionRequestSchema,
  subscriptionActionResultSchema,
  trialExtensionRequestSchema,
} from "../../../core/contract/admin-payments";
import { refundInvoice } from "../../../server/admin-payments/refunds";
import {
  actOnSubscription,
  extendTrial,
  retryPayment,
} from "../../../server/admin-payments/subscription-actions";
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

/**
 * The admin Payments section's actions (README "Admin: payments"): each asks the billing
 * provider, carries an `Idempotency-Key` on to it, is audited, and answers 202 — the mirror
 * changes when the provider's event is applied, never here.
 */

export const conflictResponse = {
  409: jsonResponse(errorEnvelopeSchema, "Not in a state this action applies to"),
};

const refundRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/refunds",
  tags,
  summary: "Refund a paid invoice, fully or in part (the provider reports it back)",
  description:
    "Needs `payments.refund`, a second factor proven within the step-up window and an `Idempotency-Key`. No `amount_cents`: everything paid and not yet refunded. More than that is 422 `refund_exceeds_paid`. The note stays in the audit log (`payment.refunded`); the invoice's `amount_refunded` follows the provider's `charge.refunded` event.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices/{id}/refunds"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(refundRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(refundResultSchema), "The provider took the refund"),
    ...errorResponses,
    422: jsonResponse(errorEnvelopeSchema, "More than was paid and not yet refunded"),
  },
});

const retryRoute = createRoute({
  method: "post",
  path: "/invoices/{id}/payment-retry",
  tags,
  summary: "Charge an open invoice again with the account's default card",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `payment.retried`. A refused card answers `paid: false` with the network's words.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/invoices/{id}/payment-retry"),
  request: { params: providerIdParam, headers: idempotencyKeyHeader },
  responses: {
    202: jsonResponse(envelopeOf(paymentRetryResultSchema), "What the charge did"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const actionRoute = createRoute({
  method: "post",
  path: "/subscriptions/{id}/actions",
  tags,
  summary: "Cancel a subscription at its period end or now, or take back a cancellation",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `subscription.{action}`. `cancel_now` ends it at once without a refund.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/subscriptions/{id}/actions"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(subscriptionActionRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(subscriptionActionResultSchema), "Asked of the provider"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const trialRoute = createRoute({
  method: "post",
  path: "/subscriptions/{id}/trial-extension",
  tags,
  summary: "Move a trialing subscription's trial end later by 1–90 days",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `subscription.trial_extended`.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/subscriptions/{id}/trial-extension"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(trialExtensionRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(subscriptionActionResultSchema), "Asked of the provider"),
    ...errorResponses,
    ...conflictResponse,
  },
});

export const adminPaymentActionRoutes = createRouter()
  .openapi(refundRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-refund", { id, ...request }, (actor, key) =>
      refundInvoice(c.env, actor, { invoiceId: id, request }, key),
    );
  })
  .openapi(retryRoute, async (c) => {
    const { id } = c.req.valid("param");
    return acceptOnce(c, "admin-payment-retry", { id }, (actor, key) =>
      retryPayment(c.env, actor, id, key),
    );
  })
  .openapi(actionRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-subscription-action", { id, ...request }, (actor, key) =>
      actOnSubscription(c.env, actor, { subscriptionId: id, request }, key),
    );
  })
  .openapi(trialRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-trial-extension", { id, ...request }, (actor, key) =>
      extendTrial(c.env, actor, { subscriptionId: id, request }, key),
    );
  });
