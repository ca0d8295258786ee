// The email queue's side of a staff bulk email (README "Admin: users", bulk email): each
// message is one account's copy. A copy is sent at most once (the outbox's dedupe key
// `bulk:{jobId}:{userId}`) and its recipient row settles once, so a replayed message sends
// and counts nothing twice.
import { and, eq } from "drizzle-orm";
import type { BulkRecipientStatus } from "../../core/admin/bulk-email";
import type { BulkEmailSendMessage } from "../../core/queue/messages";
import { createDb } from "../../db/client";
import {
  type BulkEmailRow,
  bulkEmailRecipients,
  bulkEmails,
  type UserRow,
  users,
} from "../../db/schema";
import { greetingName, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError } from "../errors";
import { inJson } from "./bulk-selection";

type DeliveryEnv = Pick<Env, "DB" | "CACHE" | "EMAIL" | "EMAIL_FROM">;

/** The outbox's key for one account's copy: the same copy is never sent twice. */
export const bulkEmailDedupeKey = (jobId: string, userId: string) => `bulk:${jobId}:${userId}`;

/** The error a recipient row keeps when its message used up its attempts. */
export const DEAD_LETTER_ERROR = "Not delivered after 5 attempts";

type Settled = Exclude<BulkRecipientStatus, "queued">;
interface Outcome {
  jobId: string;
  userId: string;
  status: Settled;
  error: string | null;
}

/** The rows a batch needs, read once: its bulk emails, their recipients and the accounts. */
async function loadBatch(env: DeliveryEnv, messages: readonly BulkEmailSendMessage[]) {
  const db = createDb(env.DB);
  const jobIds = [...new Set(messages.map((message) => message.job_id))];
  const userIds = [...new Set(messages.map((message) => message.user_id))];
  const [emailRows, userRows] = await Promise.all([
    db.select().from(bulkEmails).where(inJson(bulkEmails.id, jobIds)),
    db.select().from(users).where(inJson(users.id, userIds)),
  ]);
  // One lookup per bulk email (a batch usually holds one), each on the primary key.
  const recipientRows = await Promise.all(
    jobIds.map((jobId) =>
      db
        .select({
          bulkEmailId: bulkEmailRecipients.bulkEmailId,
          userId: bulkEmailRecipients.userId,
          status: bulkEmailRecipients.status,
        })
        .from(bulkEmailRecipients)
        .where(
          and(
            eq(bulkEmailRecipients.bulkEmailId, jobId),
            inJson(
              bulkEmailRecipients.userId,
              messages.filter((m) => m.job_id === jobId).map((m) => m.user_id),
            ),
          ),
        ),
    ),
  );
  return {
    emails: new Map<string, BulkEmailRow>(emailRows.map((row) => [row.id, row])),
    users: new Map<string, UserRow>(userRows.map((row) => [row.id, row])),
    status: new Map(
      recipientRows.flat().map((row) => [`${row.bulkEmailId}\n${row.userId}`, row.status]),
    ),
  };
}

/** A refusal no retry can change (the stored address is not one): the copy fails now. */
const isPermanent = (error: unknown) =>
  error instanceof AppError && error.code === "validation_failed";

async function sendCopy(
  env: DeliveryEnv,
  email: BulkEmailRow,
  user: UserRow,
  now: number,
): Promise<Outcome> {
  const outcome = { jobId: email.id, userId: user.id };
  try {
    await sendEmail(env, {
      to: user.email,
      template: "staff_notice",
      dedupeKey: bulkEmailDedupeKey(email.id, user.id),
      now,
      data: {
        kind: email.template,
        name: greetingName(user),
        subject: email.subject,
        message: email.message,
      },
    });
    return { ...outcome, status: "sent", error: null };
  } catch (error) {
    if (!isPermanent(error)) throw error;
    return { ...outcome, status: "failed", error: (error as Error).message.slice(0, 500) };
  }
}

/** Settles `queued` rows only: a row settled before (a replay, a give-up) keeps its outcome. */
async function settle(env: Pick<Env, "DB">, outcomes: readonly Outcome[], now: number) {
  if (outcomes.length === 0) return;
  const db = createDb(env.DB);
  const [first, ...rest] = outcomes.map((outcome) =>
    db
      .update(bulkEmailRecipients)
      .set({ status: outcome.status, error: outcome.error, updatedAt: now })
      .where(
        and(
          eq(bulkEmailRecipients.bulkEmailId, outcome.jobId),
          eq(bulkEmailRecipients.userId, outcome.userId),
          eq(bulkEmailRecipients.status, "queued"),
        ),
      ),
  );
  if (first) await db.batch([first, ...rest]);
}

/**
 * Sends a batch's copies and settles their recipients; says, by position, which messages must
 * come back (a failed hand-off: the queue retries it with backoff). A message whose recipient
 * is already settled, or whose bulk email is gone, is done; an account deleted since it was
 * queued is skipped.
 */
export async function deliverBulkEmails(
  env: DeliveryEnv,
  messages: readonly BulkEmailSendMessage[],
  now: number,
): Promise<(Error | null)[]> {
  const batch = await loadBatch(env, messages);
  const outcomes: Outcome[] = [];
  const results: (Error | null)[] = [];
  for (const message of messages) {
    const email = batch.emails.get(message.job_id);
    const status = batch.status.get(`${message.job_id}\n${message.user_id}`);
    const user = batch.users.get(message.user_id);
    if (!email || status !== "queued") {
      results.push(null);
      continue;
    }
    if (!user || user.status === "deleted") {
      outcomes.push({ jobId: email.id, userId: message.user_id, status: "skipped", error: null });
      results.push(null);
      continue;
    }
    try {
      outcomes.push(await sendCopy(env, email, user, now));
      results.push(null);
    } catch (error) {
      results.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  // If this write fails the whole batch comes back; the copies already sent are deduplicated.
  await settle(env, outcomes, now);
  return results;
}

/**
 * A copy that used up its attempts (the email queue's dead letter): its account counts as
 * failed and the rest of the bulk email carries on.
 */
export async function deadLetterBulkEmail(
  env: Pick<Env, "DB">,
  message: BulkEmailSendMessage,
  now: number,
): Promise<void> {
  await settle(
    env,
    [
      {
        jobId: message.job_id,
        userId: message.user_id,
        status: "failed",
        error: DEAD_LETTER_ERROR,
      },
    ],
    now,
  );
}
