import type { BulkEmailSendMessage, QueueMessage } from "../core/queue/messages";
import { deliverBulkEmails } from "../server/admin-users/bulk-email-delivery";
import type { Env } from "../server/env";

/**
 * Email queue: staff bulk email, one account's copy per message, batches of up to 100
 * (README "Admin: users", bulk email). A copy whose hand-off failed comes back with
 * exponential backoff (consumers/queue.ts); after 5 attempts its dead letter counts the
 * account failed. Any other message type is a producer's bug: it is retried into the DLQ.
 */
export async function handleEmailBatch(
  messages: readonly QueueMessage[],
  env: Env,
  now: number,
): Promise<(Error | null)[]> {
  const copies: BulkEmailSendMessage[] = [];
  for (const message of messages) if (message.type === "bulk_email.send") copies.push(message);
  const delivered = copies.length ? await deliverBulkEmails(env, copies, now) : [];
  let next = 0;
  return messages.map((message) =>
    message.type === "bulk_email.send"
      ? (delivered[next++] ?? null)
      : new Error(`email does not handle ${message.type} messages`),
  );
}
