import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  cancellationSchema,
  checkoutRequestSchema,
  checkoutSessionSchema,
  localAdvanceSchema,
  planChangeRequestSchema,
  planChangeSchema,
  planOfferSchema,
  reactivationSchema,
  subscriptionSchema,
} from "../../core/contract/billing";
import { PLAN_PRICES_CENTS, PLANS, TRIAL_DAYS } from "../../core/plans/entitlements";
import { advanceToPeriodEnd } from "../../server/billing/local-checkout";
import { billingMode } from "../../server/billing/provider";
import { currentSubscription } from "../../server/billing/records";
import {
  accountFor,
  cancelSubscription,
  changePlan,
  reactivateSubscription,
  startCheckout,
  subscriptionView,
} from "../../server/billing/subscriptions";
import { versionedPlanDetails } from "../../server/config/plan-details";
import { versionedPlanTable } from "../../server/config/plan-table";
import { devToolsEnabled } from "../../server/dev-tools";
import { AppError, notFound } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
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
} from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

const common = { tags: ["Billing"], security: bearerSecurity, middleware: [requireUser] };
const conflictResponse = {
  409: jsonResponse(errorEnvelopeSchema, "Not possible in the subscription's state"),
};
const me = async (c: Context<AppEnv>) =>
  accountFor(c.env, userPrincipal(c.get("principal")).userId);

const plansRoute = createRoute({
  tags: ["Billing"],
  method: "get",
  path: "/billing/plans",
  summary: "Plans with names, prices, trial days and entitlements (public)",
  description:
    "Live configuration applied (plan limits and plan details). `Cache-Control: no-cache` with an ETag naming both versions; 304 on a matching `If-None-Match`.",
  responses: {
    200: jsonResponse(
      envelopeOf(z.array(planOfferSchema)),
      "The plan table in force: core/plans/entitlements.ts with live configuration applied",
    ),
    304: { description: "Not modified: the ETag still names the versions in force" },
  },
});

const getRoute = createRoute({
  ...common,
  method: "get",
  path: "/subscription",
  summary: "The current plan, lifecycle state, trial days left, scheduled change and grace",
  responses: {
    200: jsonResponse(envelopeOf(subscriptionSchema), "The subscription"),
    ...errorResponses,
  },
});

const checkoutRoute = createRoute({
  ...common,
  method: "post",
  path: "/subscription/checkout",
  summary: "A checkout URL for a paid plan (Stripe Checkout, or the local test checkout)",
  request: { headers: idempotencyKeyHeader, ...jsonBody(checkoutRequestSchema) },
  responses: {
    201: jsonResponse(envelopeOf(checkoutSessionSchema), "Send the person to checkout_url"),
    ...conflictResponse,
    ...errorResponses,
  },
});

const changeRoute = createRoute({
  ...common,
  method: "post",
  path: "/subscription/change",
  summary: "Upgrade now (prorated), downgrade at the next cycle, or Free at the period end",
  request: { headers: idempotencyKeyHeader, ...jsonBody(planChangeRequestSchema) },
  responses: {
    202: jsonResponse(
      envelopeOf(planChangeSchema),
      "Accepted; the subscription follows when the provider confirms it",
    ),
    402: jsonResponse(errorEnvelopeSchema, "The card was refused (`payment_failed`)"),
    ...conflictResponse,
    ...errorResponses,
  },
});

const cancelRoute = createRoute({
  ...common,
  method: "post",
  path: "/subscription/cancel",
  summary: "End the subscription at the period end (access until then)",
  request: { headers: idempotencyKeyHeader },
  responses: {
    202: jsonResponse(envelopeOf(cancellationSchema), "Set to end"),
    ...conflictResponse,
    ...errorResponses,
  },
});

const reactivateRoute = createRoute({
  ...common,
  method: "post",
  path: "/subscription/reactivate",
  summary: "Keep a subscription that was set to end, before its period ends",
  request: { headers: idempotencyKeyHeader },
  responses: {
    202: jsonResponse(envelopeOf(reactivationSchema), "It renews again"),
    ...conflictResponse,
    ...errorResponses,
  },
});

const advanceRoute = createRoute({
  ...common,
  method: "post",
  path: "/billing/local/advance",
  summary: "Local billing only: move the test clock to the end of the current period",
  description:
    "Like a Stripe test clock: renews, applies a scheduled downgrade, ends a cancelled subscription or a trial without a card. 404 outside the local provider.",
  responses: {
    200: jsonResponse(envelopeOf(localAdvanceSchema), "The subscription's status after"),
    ...errorResponses,
  },
});

export const subscriptionRoutes = createRouter()
  .openapi(plansRoute, async (c) => {
    // The limits and plan details in force (README "Live configuration"), so both apps show
    // what is enforced and what an admin set. The ETag names both versions: a client revalidates
    // every time (no-cache) and gets a 304 until either changes, so a change shows at once.
    const [limits, shown] = await Promise.all([
      versionedPlanTable(c.env),
      versionedPlanDetails(c.env),
    ]);
    const etag = `"plans-v${limits.version}:details-v${shown.version}"`;
    c.header("Cache-Control", "public, no-cache");
    c.header("ETag", etag);
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
    const plans = limits.table;
    return ok(
      c,
      PLANS.map((plan) => ({
        plan,
        name: shown.details[plan].name,
        tagline: shown.details[plan].tagline,
        shown_price_cents: shown.details[plan].priceCents,
        price_cents: PLAN_PRICES_CENTS[plan],
        currency: "usd" as const,
        interval: "month" as const,
        trial_days: TRIAL_DAYS[plan],
        entitlements: { ...plans[plan] },
      })),
      200,
    );
  })
  .openapi(getRoute, async (c) =>
    ok(c, await subscriptionView(c.env, await me(c), c.get("now")), 200),
  )
  .openapi(checkoutRoute, async (c) => {
    const account = await me(c);
    const body = c.req.valid("json");
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "checkout", request: body },
      async (key) => ({
        status: 201,
        data: await startCheckout(c.env, account, body.plan, key, c.get("now")),
      }),
    );
    return ok(c, result.data, 201);
  })
  .openapi(changeRoute, async (c) => {
    const account = await me(c);
    const body = c.req.valid("json");
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "change", request: body },
      async (key) => ({
        status: 202,
        data: await changePlan(c.env, account, body.plan, key, c.get("now")),
      }),
    );
    return ok(c, result.data, 202);
  })
  .openapi(cancelRoute, async (c) => {
    const account = await me(c);
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "cancel", request: null },
      async (key) => ({
        status: 202,
        data: await cancelSubscription(c.env, account, key, c.get("now")),
      }),
    );
    return ok(c, result.data, 202);
  })
  .openapi(reactivateRoute, async (c) => {
    const account = await me(c);
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "reactivate", request: null },
      async (key) => ({
        status: 202,
        data: await reactivateSubscription(c.env, account, key, c.get("now")),
      }),
    );
    return ok(c, result.data, 202);
  })
  .openapi(advanceRoute, async (c) => {
    if (!devToolsEnabled(c.env) || billingMode(c.env) !== "local") throw notFound();
    const account = await me(c);
    const sub = await currentSubscription(c.env, account.id);
    if (!sub) throw new AppError(409, "conflict", "There is no subscription to advance");
    return ok(c, await advanceToPeriodEnd(c.env, sub.id), 200);
  });
