import type { QueueMessage } from "../core/queue/messages";
import { ingestEvents } from "../server/analytics/ingest";
import type { Env } from "../server/env";

/**
 * `analytics`: stores the batch's events in one D1 batch (README "Analytics"). Either all are
 * stored or the whole batch comes back; storing is idempotent by event id, so that is safe.
 */
export async function handleAnalyticsBatch(
  messages: readonly QueueMessage[],
  env: Env,
  now: number,
): Promise<(Error | null)[]> {
  const events = messages.flatMap((message) =>
    message.type === "analytics.event" ? [message.event] : [],
  );
  await ingestEvents(env, events, now);
  return messages.map((message) =>
    message.type === "analytics.event"
      ? null
      : new Error(`analytics does not handle ${message.type} messages`),
  );
}
