import { createRoute, z } from "@hono/zod-openapi";
import {
  stripeEventActionSchema,
  stripeEventDetailSchema,
  stripeEventRetryRequestSchema,
  stripeEventSchema,
  stripeEventSkipRequestSchema,
  stripeEventStatusSchema,
} from "../../../core/contract/admin";
import {
  type EventAction,
  getStripeEvent,
  listStripeEvents,
  retryFailedEvent,
  type StripeEventListing,
  skipFailedEvent,
} from "../../../server/billing/event-operations";
import { recordAudit } from "../../../server/ops/audit";
import { ok, okList } from "../../lib/envelope";
import { isoOrNull } from "../../lib/iso-time";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorEnvelopeSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

/** Admin API for Stripe events that could not be applied (README "Stuck billing events"). */

const eventIdParam = z.object({
  eventId: z
    .string()
    .regex(/^[\w.:-]{1,255}$/, "A Stripe event id")
    .openapi({ param: { name: "eventId", in: "path" }, example: "evt_1Q2w3E4r5T6y" }),
});

const conflictResponse = {
  409: jsonResponse(errorEnvelopeSchema, "The event is not in a state this action applies to"),
};

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Billing administration"],
  summary: "Stripe events received, newest first (filter by status, e.g. failed)",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/billing/events"),
  request: {
    query: pageQuerySchema.extend({
      status: stripeEventStatusSchema.optional(),
      customer_id: z.string().min(1).max(255).optional(),
    }),
  },
  responses: { 200: jsonResponse(listEnvelopeOf(stripeEventSchema), "Events"), ...errorResponses },
});

const getRoute = createRoute({
  method: "get",
  path: "/{eventId}",
  tags: ["Billing administration"],
  summary: "One Stripe event with its payload",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/billing/events/{eventId}"),
  request: { params: eventIdParam },
  responses: {
    200: jsonResponse(envelopeOf(stripeEventDetailSchema), "The event and the payload Stripe sent"),
    ...errorResponses,
  },
});

const retryRoute = createRoute({
  method: "post",
  path: "/{eventId}/retry",
  tags: ["Billing administration"],
  summary: "Queue a failed event, and the failed events of its customer after it, again",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/billing/events/{eventId}/retry"),
  request: {
    params: eventIdParam,
    ...jsonBody(stripeEventRetryRequestSchema, false),
  },
  responses: {
    202: jsonResponse(
      envelopeOf(stripeEventActionSchema),
      "Queued again (or already, for a repeat)",
    ),
    ...errorResponses,
    ...conflictResponse,
  },
});

const skipRoute = createRoute({
  method: "post",
  path: "/{eventId}/skip",
  tags: ["Billing administration"],
  summary: "Never apply a failed event; its customer's later failed events are queued again",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/billing/events/{eventId}/skip"),
  request: {
    params: eventIdParam,
    ...jsonBody(stripeEventSkipRequestSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(stripeEventActionSchema), "Skipped (or already, for a repeat)"),
    ...errorResponses,
    ...conflictResponse,
  },
});

function present({ row, account }: StripeEventListing) {
  return {
    seq: row.seq,
    event_id: row.eventId,
    type: row.type,
    customer_id: row.customerId,
    account: account ? { user_id: account.userId, email: account.email } : null,
    status: row.status,
    error: row.error,
    created: new Date(row.created * 1000).toISOString(),
    received_at: new Date(row.receivedAt).toISOString(),
    processed_at: isoOrNull(row.processedAt),
  };
}

const presentAction = (action: EventAction) => ({
  event: present(action.event),
  requeued: action.requeued,
  changed: action.changed,
});

export const adminBillingEventRoutes = createRouter();
adminBillingEventRoutes
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, status, customer_id: customerId } = c.req.valid("query");
    const { items, total } = await listStripeEvents(c.env, { status, customerId, page, perPage });
    return okList(c, items.map(present), { page, perPage, total });
  })
  .openapi(getRoute, async (c) => {
    const event = await getStripeEvent(c.env, c.req.valid("param").eventId);
    return ok(c, { ...present(event), payload: JSON.parse(event.payloadJson) as unknown }, 200);
  })
  .openapi(retryRoute, async (c) => {
    const { eventId } = c.req.valid("param");
    const hasBody = c.req.header("content-type")?.includes("application/json");
    const reason = hasBody ? c.req.valid("json").reason : undefined;
    const action = await retryFailedEvent(c.env, eventId);
    // A repeat changed nothing: the first request's audit entry is the record.
    if (action.changed) {
      await recordAudit(c.env, actorOf(c), {
        action: "billing_event.retry",
        resourceType: "stripe_event",
        resourceId: eventId,
        details: { ...(reason ? { reason } : {}), requeued: action.requeued },
      });
    }
    return ok(c, presentAction(action), 202);
  })
  .openapi(skipRoute, async (c) => {
    const { eventId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const action = await skipFailedEvent(c.env, eventId, c.get("now"));
    if (action.changed) {
      await recordAudit(c.env, actorOf(c), {
        action: "billing_event.skip",
        resourceType: "stripe_event",
        resourceId: eventId,
        details: { reason, requeued: action.requeued },
      });
    }
    return ok(c, presentAction(action), 200);
  });
