import { backoffDelaySeconds } from "../core/queue/backoff";
import {
  bulkEmailSendMessage,
  deadLetterSchema,
  describeMessageType,
  type QueueMessage,
  queueMessageSchema,
  stripeEventMessage,
} from "../core/queue/messages";
import { deadLetterBulkEmail } from "../server/admin-users/bulk-email-delivery";
import { deadLetterStripeEvent } from "../server/billing/failed-events";
import type { Env } from "../server/env";
import { createLogger, errorFields } from "../server/logger";
import { changeJob, getJob } from "../server/ops/jobs";
import { handleAnalyticsBatch } from "./analytics";
import { handleEmailBatch } from "./email";
import { handleOpsMessage } from "./ops";
import { handlePdfMessage } from "./pdf";
import { handleStripeBatch } from "./stripe";

/**
 * Works a batch; says, by position, why a message must come back (null: done). `now` is the
 * batch's one reading of the clock, which every service it reaches is given.
 */
type BatchHandler = (
  messages: readonly QueueMessage[],
  env: Env,
  now: number,
) => Promise<(Error | null)[]>;

/** Most consumers take one message at a time; one failing does not hold up the rest. */
const oneByOne =
  (handle: (message: QueueMessage, env: Env, now: number) => Promise<void>): BatchHandler =>
  async (messages, env, now) => {
    const results: (Error | null)[] = [];
    for (const message of messages) {
      try {
        await handle(message, env, now);
        results.push(null);
      } catch (error) {
        results.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return results;
  };

/**
 * Consumers by queue. A queue whose feature has not landed has no entry: its messages are
 * retried into its dead-letter queue rather than silently dropped.
 */
const HANDLERS: Record<string, BatchHandler> = {
  analytics: handleAnalyticsBatch,
  email: handleEmailBatch,
  ops: oneByOne(handleOpsMessage),
  pdf_generation: oneByOne(handlePdfMessage),
  stripe_events: handleStripeBatch,
};

/** Staging queues carry a `_staging` suffix; handlers are keyed by the base name. */
export const baseQueueName = (queue: string) => queue.replace(/_staging$/, "");

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const queue = baseQueueName(batch.queue);
  const logger = createLogger(env.LOG_LEVEL, { queue });
  if (queue.endsWith("_dlq")) return handleDeadLetters(batch, env);
  const handler = HANDLERS[queue];
  const failures = new Map<Message<unknown>, unknown>();
  const valid: { message: Message<unknown>; body: QueueMessage }[] = [];
  for (const message of batch.messages) {
    const parsed = queueMessageSchema.safeParse(message.body);
    if (!handler) failures.set(message, new Error(`no consumer for queue ${queue}`));
    else if (!parsed.success)
      failures.set(message, new Error(`malformed message: ${parsed.error.message}`));
    else valid.push({ message, body: parsed.data });
  }
  if (handler && valid.length > 0) {
    try {
      const results = await handler(
        valid.map((entry) => entry.body),
        env,
        Date.now(),
      );
      valid.forEach(({ message }, i) => {
        if (results[i]) failures.set(message, results[i]);
      });
    } catch (error) {
      for (const { message } of valid) failures.set(message, error);
    }
  }
  for (const message of batch.messages) {
    const error = failures.get(message);
    if (error === undefined) {
      message.ack();
      continue;
    }
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

/** A dead letter whose event a live consumer is applying comes back after the claim ran out. */
const BUSY_EVENT_DELAY_SECONDS = 60;

/**
 * Runs one dead letter's handling: acked once settled, back after a while when its event is busy,
 * and retried with backoff when the handling itself failed, so a dead letter is never lost.
 */
async function settleDeadLetter(
  message: Message<unknown>,
  logger: ReturnType<typeof createLogger>,
  handle: () => Promise<"settled" | "busy">,
): Promise<void> {
  try {
    const outcome = await handle();
    if (outcome === "busy") message.retry({ delaySeconds: BUSY_EVENT_DELAY_SECONDS });
    else message.ack();
  } catch (error) {
    logger.warn("dead letter not handled; retrying", {
      message_id: message.id,
      ...errorFields(error),
    });
    message.retry({ delaySeconds: backoffDelaySeconds(message.attempts) });
  }
}

/**
 * A message that used up its attempts: the job it was for fails with a reason people can read;
 * a Stripe event it was for becomes `failed` for an operator (README "Stuck billing events");
 * one account's copy of a bulk email counts that account failed, and the job carries on.
 */
async function handleDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL, { queue: batch.queue });
  const now = Date.now();
  for (const message of batch.messages) {
    const stripeEvent = stripeEventMessage.safeParse(message.body);
    if (stripeEvent.success) {
      logger.error("dead letter", {
        message_id: message.id,
        type: "stripe.event",
        event_id: stripeEvent.data.event_id,
      });
      await settleDeadLetter(message, logger, () =>
        deadLetterStripeEvent(env, stripeEvent.data.seq, now),
      );
      continue;
    }
    const bulkEmail = bulkEmailSendMessage.safeParse(message.body);
    if (bulkEmail.success) {
      logger.error("dead letter", {
        message_id: message.id,
        type: "bulk_email.send",
        job_id: bulkEmail.data.job_id,
        user_id: bulkEmail.data.user_id,
      });
      await settleDeadLetter(message, logger, async () => {
        await deadLetterBulkEmail(env, bulkEmail.data, now);
        return "settled";
      });
      continue;
    }
    const parsed = deadLetterSchema.safeParse(message.body);
    const body = parsed.success ? parsed.data : {};
    logger.error("dead letter", {
      message_id: message.id,
      type: body.type ?? null,
      job_id: body.job_id ?? null,
    });
    if (body.job_id && (await getJob(env, body.job_id, now))) {
      await changeJob(env, body.job_id, {
        type: "fail",
        error: {
          code: "dead_lettered",
          message: `We could not run ${describeMessageType(body.type)} after several attempts. Please try again later.`,
        },
        at: now,
      });
    }
    message.ack();
  }
}
