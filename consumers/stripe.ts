import type { QueueMessage } from "../core/queue/messages";
import { applyStripeEventBatch } from "../server/billing/event-consumer";
import type { Env } from "../server/env";

/**
 * `stripe_events`: applies the webhook events the endpoint recorded, a whole batch at once and
 * in order per customer (see `applyStripeEventBatch`). Returns, by position in the batch, why a
 * message must come back (null: done); a retried message backs off, then goes to the DLQ.
 */
export async function handleStripeBatch(
  messages: readonly QueueMessage[],
  env: Env,
  now: number,
): Promise<(Error | null)[]> {
  const seqs = messages.flatMap((message) =>
    message.type === "stripe.event" ? [message.seq] : [],
  );
  const failures = await applyStripeEventBatch(env, seqs, now);
  return messages.map((message) =>
    message.type === "stripe.event"
      ? (failures.get(message.seq) ?? null)
      : new Error(`stripe_events does not handle ${message.type} messages`),
  );
}
