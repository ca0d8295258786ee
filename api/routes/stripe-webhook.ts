import { createRoute, z } from "@hono/zod-openapi";
import { receiveStripeEvent } from "../../server/billing/webhook";
import { ok } from "../lib/envelope";
import { createRouter } from "../lib/router";
import { envelopeOf, errorEnvelopeSchema, jsonResponse } from "../lib/schemas";

const webhookRoute = createRoute({
  tags: ["Billing"],
  method: "post",
  path: "/",
  summary: "Stripe (or the local provider) reports an event",
  description:
    "Verified with the `Stripe-Signature` header over the raw body; recorded once by event id and applied by the `stripe_events` queue consumer, in order per customer.",
  // No body schema on purpose: a validator would parse the JSON, and the signature must be
  // checked over the raw bytes before anything else looks at them.
  request: { headers: z.object({ "stripe-signature": z.string().optional() }) },
  responses: {
    200: jsonResponse(
      envelopeOf(
        z.object({ received: z.literal(true), event_id: z.string(), duplicate: z.boolean() }),
      ),
      "Recorded (or already recorded: no second effect)",
    ),
    400: jsonResponse(errorEnvelopeSchema, "Missing or wrong signature; nothing is recorded"),
  },
});

export const stripeWebhookRoutes = createRouter().openapi(webhookRoute, async (c) => {
  // The signature covers the exact bytes Stripe sent, so the body is read raw, never re-encoded.
  const payload = await c.req.text();
  const { eventId, duplicate } = await receiveStripeEvent(
    c.env,
    payload,
    c.req.header("stripe-signature"),
    c.get("now"),
  );
  return ok(c, { received: true as const, event_id: eventId, duplicate }, 200);
});
