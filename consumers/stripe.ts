import type { Env } from "../api/env";
import { handleStripeEventMessage } from "../api/services/billing/webhook";
import type { QueueMessage } from "./messages";

/**
 * `stripe_events`: applies the webhook events the endpoint recorded, in order per customer
 * (see `handleStripeEventMessage`). A failure retries the message with backoff, then the DLQ.
 */
export async function handleStripeMessage(message: QueueMessage, env: Env): Promise<void> {
  if (message.type !== "stripe.event") {
    throw new Error(`stripe_events does not handle ${message.type} messages`);
  }
  await handleStripeEventMessage(env, message.seq);
}
