import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ENTITLEMENTS, PLAN_PRICES_CENTS, PLANS, TRIAL_DAYS } from "../../core/plans/entitlements";
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
  jsonBody,
  jsonResponse,
} from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

const common = { tags: ["Billing"], security: bearerSecurity, middleware: [requireUser] };
const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ description: "Required: 8–128 characters, the same for a retried request" }),
});
const conflictResponse = {
  409: jsonResponse(errorEnvelopeSchema, "Not possible in the subscription's state"),
};
const paidPlan = z.enum(["standard", "premium", "enterprise"]);

const subscriptionSchema = z
  .object({
    plan: z.string(),
    state: z.enum(["free", "trialing", "active", "past_due", "canceled", "unpaid", "incomplete"]),
    mode: z.enum(["stripe", "local"]),
    trial_available: z.boolean(),
    subscription: z
      .object({
        id: z.string(),
        plan: z.string(),
        status: z.string(),
        cancel_at_period_end: z.boolean(),
        current_period_start: z.string(),
        current_period_end: z.string(),
        trial_end: z.string().nullable(),
        trial_days_left: z.number().int(),
        pending_plan: z.string().nullable(),
        default_payment_method_id: z.string().nullable(),
        grace_ends_at: z.string().nullable(),
        ended_at: z.string().nullable(),
        ended_reason: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi("Subscription");

const me = async (c: Context<AppEnv>) =>
  accountFor(c.env, userPrincipal(c.get("principal")).userId);

const plansRoute = createRoute({
  tags: ["Billing"],
  method: "get",
  path: "/billing/plans",
  summary: "Plans with prices, trial days and entitlements (public)",
  responses: {
    200: jsonResponse(
      envelopeOf(
        z.array(
          z.object({
            plan: z.enum(PLANS),
            price_cents: z.number().int(),
            currency: z.literal("usd"),
            interval: z.literal("month"),
            trial_days: z.number().int(),
            entitlements: z.record(z.string(), z.unknown()),
          }),
        ),
      ),
      "The plan table of core/plans/entitlements.ts",
    ),
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
  request: { headers: idempotencyHeader, ...jsonBody(z.object({ plan: paidPlan }).strict()) },
  responses: {
    201: jsonResponse(
      envelopeOf(
        z.object({
          checkout_url: z.string().url(),
          session_id: z.string(),
          mode: z.enum(["subscription", "setup"]),
          trial_days: z.number().int(),
          amount_due_now_cents: z.number().int(),
        }),
      ),
      "Send the person to checkout_url",
    ),
    ...conflictResponse,
    ...errorResponses,
  },
});

const changeRoute = createRoute({
  ...common,
  method: "post",
  path: "/subscription/change",
  summary: "Upgrade now (prorated), downgrade at the next cycle, or Free at the period end",
  request: { headers: idempotencyHeader, ...jsonBody(z.object({ plan: z.enum(PLANS) }).strict()) },
  responses: {
    202: jsonResponse(
      envelopeOf(
        z.object({
          change: z.enum(["upgrade", "downgrade", "cancel", "keep"]),
          effective_at: z.string(),
          proration_cents: z.number().int(),
        }),
      ),
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
  request: { headers: idempotencyHeader },
  responses: {
    202: jsonResponse(envelopeOf(z.object({ access_until: z.string() })), "Set to end"),
    ...conflictResponse,
    ...errorResponses,
  },
});

const reactivateRoute = createRoute({
  ...common,
  method: "post",
  path: "/subscription/reactivate",
  summary: "Keep a subscription that was set to end, before its period ends",
  request: { headers: idempotencyHeader },
  responses: {
    202: jsonResponse(envelopeOf(z.object({ renews_at: z.string() })), "It renews again"),
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
    200: jsonResponse(
      envelopeOf(z.object({ status: z.string() })),
      "The subscription's status after",
    ),
    ...errorResponses,
  },
});

export const subscriptionRoutes = createRouter()
  .openapi(plansRoute, (c) =>
    ok(
      c,
      PLANS.map((plan) => ({
        plan,
        price_cents: PLAN_PRICES_CENTS[plan],
        currency: "usd" as const,
        interval: "month" as const,
        trial_days: TRIAL_DAYS[plan],
        entitlements: { ...ENTITLEMENTS[plan] },
      })),
      200,
    ),
  )
  .openapi(getRoute, async (c) => ok(c, await subscriptionView(c.env, await me(c)), 200))
  .openapi(checkoutRoute, async (c) => {
    const account = await me(c);
    const body = c.req.valid("json");
    const result = await withIdempotency(
      c,
      { userId: account.id, action: "checkout", request: body },
      async (key) => ({
        status: 201,
        data: await startCheckout(c.env, account, body.plan, key),
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
        data: await changePlan(c.env, account, body.plan, key),
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
        data: await cancelSubscription(c.env, account, key),
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
        data: await reactivateSubscription(c.env, account, key),
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
