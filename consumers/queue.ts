import type { Env } from "../api/env";
import { createLogger, errorFields } from "../api/lib/logger";
import { changeJob, getJob } from "../api/services/jobs";
import { backoffDelaySeconds } from "../core/queue/backoff";
import {
  deadLetterSchema,
  describeMessageType,
  type QueueMessage,
  queueMessageSchema,
} from "./messages";
import { handleOpsMessage } from "./ops";
import { handlePdfMessage } from "./pdf";
import { handleStripeMessage } from "./stripe";

type Handler = (message: QueueMessage, env: Env) => Promise<void>;

/**
 * Consumers by queue. A queue whose feature has not landed has no entry: its messages are
 * retried into its dead-letter queue rather than silently dropped.
 */
const HANDLERS: Record<string, Handler> = {
  ops: handleOpsMessage,
  pdf_generation: handlePdfMessage,
  stripe_events: handleStripeMessage,
};

/** Staging queues carry a `_staging` suffix; handlers are keyed by the base name. */
export const baseQueueName = (queue: string) => queue.replace(/_staging$/, "");

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const queue = baseQueueName(batch.queue);
  const logger = createLogger(env.LOG_LEVEL, { queue });
  if (queue.endsWith("_dlq")) return handleDeadLetters(batch, env);
  const handler = HANDLERS[queue];
  for (const message of batch.messages) {
    const parsed = queueMessageSchema.safeParse(message.body);
    try {
      if (!handler) throw new Error(`no consumer for queue ${queue}`);
      if (!parsed.success) throw new Error(`malformed message: ${parsed.error.message}`);
      await handler(parsed.data, env);
      message.ack();
    } catch (error) {
      const delaySeconds = backoffDelaySeconds(message.attempts);
      logger.warn("message failed; retrying", {
        message_id: message.id,
        attempts: message.attempts,
        delaySeconds,
        ...errorFields(error),
      });
      message.retry({ delaySeconds });
    }
  }
}

/** A message that used up its attempts: the job it was for fails with a reason people can read. */
async function handleDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL, { queue: batch.queue });
  for (const message of batch.messages) {
    const parsed = deadLetterSchema.safeParse(message.body);
    const body = parsed.success ? parsed.data : {};
    logger.error("dead letter", {
      message_id: message.id,
      type: body.type ?? null,
      job_id: body.job_id ?? null,
    });
    if (body.job_id && (await getJob(env, body.job_id))) {
      await changeJob(env, body.job_id, {
        type: "fail",
        error: {
          code: "dead_lettered",
          message: `We could not run ${describeMessageType(body.type)} after several attempts. Please try again later.`,
        },
        at: Date.now(),
      });
    }
    message.ack();
  }
}
