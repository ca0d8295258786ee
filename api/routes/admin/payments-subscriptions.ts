import { createRoute } from "@hono/zod-openapi";
import { subscriptionActionResultSchema } from "../../../core/contract/admin-payments";
import {
  adminDisputeSchema,
  adminDisputesQuerySchema,
  adminDunningQuerySchema,
  adminDunningViewSchema,
  couponRequestSchema,
  couponResultSchema,
  graceExtensionRequestSchema,
  graceExtensionResultSchema,
  planChangeRequestSchema,
  subscriptionCreateRequestSchema,
  subscriptionCreateResultSchema,
} from "../../../core/contract/admin-payments-subscriptions";
import { listDisputes } from "../../../server/admin-payments/disputes";
import { dunningView } from "../../../server/admin-payments/dunning-view";
import {
  applyCoupon,
  createSubscription,
  extendGrace,
  forcePlanChange,
} from "../../../server/admin-payments/subscription-changes";
import { ok, okList } from "../../lib/envelope";
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
  listEnvelopeOf,
} from "../../lib/schemas";
import { guardFor } from "./access";
import { providerIdParam, tags } from "./payments";

/**
 * The admin Payments section's subscription changes, disputes and dunning (README "Admin:
 * payments"). Plan changes and coupons go to the billing provider and answer 202; the mirror
 * follows its events. More grace is the dunning flow's own, read by the flow before it ends
 * a subscription.
 */

const conflictResponse = {
  409: jsonResponse(errorEnvelopeSchema, "Not in a state this action applies to"),
};

const subscriptionCreateRoute = createRoute({
  method: "post",
  path: "/subscriptions",
  tags,
  summary: "Start a subscription for an account that has none: plan, trial, charge or invoice",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `subscription.created_manually`. `collection: charge` charges the account's default card now (after a trial: when it ends); a refused or missing card is 402 `payment_failed` and nothing is made. `collection: send` invoices it, due in `days_until_due`. 409 when the account has a live subscription.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/subscriptions"),
  request: { headers: idempotencyKeyHeader, ...jsonBody(subscriptionCreateRequestSchema) },
  responses: {
    202: jsonResponse(envelopeOf(subscriptionCreateResultSchema), "Made by the provider"),
    ...errorResponses,
    ...conflictResponse,
    402: jsonResponse(errorEnvelopeSchema, "The card was refused for the first charge"),
  },
});

const planChangeRoute = createRoute({
  method: "post",
  path: "/subscriptions/{id}/plan-change",
  tags,
  summary: "Move a subscription to another plan now, with or without proration",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `subscription.plan_changed`. `prorate: true` credits the unused time and invoices and charges the rest now (Stripe `proration_behavior: always_invoice`; a refused card is 402 `payment_failed` and nothing changes); `prorate: false` bills the new price from the next invoice. Upgrades and downgrades alike; a scheduled downgrade is dropped.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/subscriptions/{id}/plan-change"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(planChangeRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(subscriptionActionResultSchema), "Asked of the provider"),
    ...errorResponses,
    ...conflictResponse,
    402: jsonResponse(errorEnvelopeSchema, "The card was refused for the prorated charge"),
  },
});

const couponRoute = createRoute({
  method: "post",
  path: "/subscriptions/{id}/coupon",
  tags,
  summary: "Put a coupon on a subscription: percent or amount off, once, forever or N months",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `subscription.coupon_applied`. A coupon is made for this subscription and replaces any discount it had; the next invoices show it.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/subscriptions/{id}/coupon"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(couponRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(couponResultSchema), "Asked of the provider"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const graceRoute = createRoute({
  method: "post",
  path: "/subscriptions/{id}/grace-extension",
  tags,
  summary: "Give a subscription in dunning 1–14 more days before it ends for non-payment",
  description:
    "Needs `payments.write` and an `Idempotency-Key`; audited as `subscription.grace_extended`. 409 when no dunning flow is chasing one of its invoices. The dunning flow ends the subscription at the new `grace_ends_at` unless the invoice is paid first.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/payments/subscriptions/{id}/grace-extension"),
  request: {
    params: providerIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(graceExtensionRequestSchema),
  },
  responses: {
    202: jsonResponse(envelopeOf(graceExtensionResultSchema), "Grace moved"),
    ...errorResponses,
    ...conflictResponse,
  },
});

const disputesRoute = createRoute({
  method: "get",
  path: "/disputes",
  tags,
  summary: "Disputes (chargebacks), newest first, with their state and evidence deadline",
  description:
    "Needs `payments.read`. Recorded from the provider's `charge.dispute.*` events; `invoice_id` is the invoice the disputed payment paid.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/disputes"),
  request: { query: adminDisputesQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(adminDisputeSchema), "Disputes"),
    ...errorResponses,
  },
});

const dunningRoute = createRoute({
  method: "get",
  path: "/dunning",
  tags,
  summary: "Accounts in dunning, the step each flow is at, and recovery so far",
  description:
    "Needs `payments.read`. `step` is the flow's last recorded step; `recovery` counts every dunning flow's invoice and those paid after all.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/payments/dunning"),
  request: { query: adminDunningQuerySchema },
  responses: {
    200: jsonResponse(envelopeOf(adminDunningViewSchema), "The dunning view"),
    ...errorResponses,
  },
});

export const adminPaymentSubscriptionRoutes = createRouter()
  .openapi(subscriptionCreateRoute, async (c) => {
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-subscription-create", request, (actor, key) =>
      createSubscription(c.env, actor, request, key),
    );
  })
  .openapi(planChangeRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-plan-change", { id, ...request }, (actor, key) =>
      forcePlanChange(c.env, actor, { subscriptionId: id, request }, key),
    );
  })
  .openapi(couponRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-coupon", { id, ...request }, (actor, key) =>
      applyCoupon(c.env, actor, { subscriptionId: id, request }, key),
    );
  })
  .openapi(graceRoute, async (c) => {
    const { id } = c.req.valid("param");
    const request = c.req.valid("json");
    return acceptOnce(c, "admin-grace-extension", { id, ...request }, (actor, key) =>
      extendGrace(c.env, actor, { subscriptionId: id, request }, key, c.get("now")),
    );
  })
  .openapi(disputesRoute, async (c) => {
    const query = c.req.valid("query");
    const { items, total } = await listDisputes(c.env, query);
    return okList(c, items, { page: query.page, perPage: query.per_page, total });
  })
  .openapi(dunningRoute, async (c) => ok(c, await dunningView(c.env, c.req.valid("query")), 200));
