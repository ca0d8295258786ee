// Staff emailing many accounts (README "Admin: users", bulk email): the request, and the steps
// of workflows/bulk-email.ts that turn its selection into queue messages and count how the
// deliveries went. Sending each copy is the email queue's consumer (bulk-email-delivery.ts).
import { and, count, eq, sql } from "drizzle-orm";
import {
  BULK_EMAIL_BATCH,
  BULK_EMAIL_JOB_KIND,
  type BulkEmailCounts,
  bulkEmailProgress,
} from "../../core/admin/bulk-email";
import {
  type BulkEmailTemplate,
  type BulkSelection,
  bulkSelectionSchema,
} from "../../core/contract/admin-bulk";
import type { BulkEmailSendMessage } from "../../core/queue/messages";
import { createDb } from "../../db/client";
import { type BulkEmailRow, bulkEmailRecipients, bulkEmails, users } from "../../db/schema";
import type { Env } from "../env";
import { changeJob, createJob, type JobView } from "../ops/jobs";
import { startWorkflowRun } from "../ops/workflow-runs";
import { countSelection, inJson, selectionCondition } from "./bulk-selection";

export interface BulkEmailInput {
  /** The job's id, also the workflow instance's and the `bulk_emails` row's. */
  jobId: string;
  /** The staff member's actor id: the job's owner and the run's creator. */
  actorId: string;
  selection: BulkSelection;
  template: BulkEmailTemplate;
  subject: string;
  message: string;
  now: number;
}

/**
 * Stores the message once, creates the job and starts the workflow that sends it. Every part
 * is keyed by the job id, so a retry of the same request (same id) starts nothing twice.
 */
export async function requestBulkEmail(env: Env, input: BulkEmailInput): Promise<JobView> {
  const { jobId, now } = input;
  await createDb(env.DB)
    .insert(bulkEmails)
    .values({
      id: jobId,
      createdBy: input.actorId,
      template: input.template,
      subject: input.subject,
      message: input.message,
      selectionJson: JSON.stringify(input.selection),
      createdAt: now,
    })
    .onConflictDoNothing();
  const job = await createJob(env, {
    id: jobId,
    kind: BULK_EMAIL_JOB_KIND,
    ownerId: input.actorId,
    note: "requested by staff",
    now,
  });
  await startWorkflowRun(env, {
    workflow: "bulk-email",
    instanceId: jobId,
    params: { jobId },
    subject: `bulk_email:${jobId}`,
    jobId,
    createdBy: input.actorId,
    now,
  });
  return job;
}

/** The stored bulk email, or an error the workflow retries (the row is written before it starts). */
export async function findBulkEmail(env: Pick<Env, "DB">, jobId: string): Promise<BulkEmailRow> {
  const row = await createDb(env.DB).query.bulkEmails.findFirst({
    where: eq(bulkEmails.id, jobId),
  });
  if (!row) throw new Error(`bulk email ${jobId} does not exist`);
  return row;
}

const selectionOf = (row: BulkEmailRow): BulkSelection =>
  bulkSelectionSchema.parse(JSON.parse(row.selectionJson));

/** Counts who the selection names now (for the progress bar) and keeps it on the row. */
export async function countBulkEmailTargets(
  env: Pick<Env, "DB">,
  jobId: string,
): Promise<{ total: number; notFound: number }> {
  const selection = selectionOf(await findBulkEmail(env, jobId));
  const found = await countSelection(env, selection);
  const notFound = "ids" in selection ? Math.max(0, selection.ids.length - found) : 0;
  const total = found + notFound;
  await createDb(env.DB)
    .update(bulkEmails)
    .set({ total, notFound })
    .where(eq(bulkEmails.id, jobId));
  return { total, notFound };
}

export interface QueuedPage {
  /** The rowid to continue after, or null when this was the last page. */
  next: number | null;
  /** Accounts on this page, and how many of them got a queue message. */
  read: number;
  queued: number;
}

/**
 * One page of the selection (up to 100 accounts after `afterRowid`, keyset on the rowid so a
 * page is an index walk however far in): records each account as a recipient — `skipped`
 * when deleted — and sends one `sendBatch` for those still `queued`. Run again (a retried
 * step, a restarted workflow), it records nobody twice and re-queues only accounts not yet
 * settled, whose messages the consumer then finds already handled if they were.
 */
export async function queueBulkEmailPage(
  env: Pick<Env, "DB" | "EMAIL_QUEUE">,
  jobId: string,
  afterRowid: number,
  now: number,
): Promise<QueuedPage> {
  const selection = selectionOf(await findBulkEmail(env, jobId));
  const db = createDb(env.DB);
  const rowid = sql<number>`${users}.rowid`;
  const page = await db
    .select({ rowid, id: users.id })
    .from(users)
    .where(and(selectionCondition(selection), sql`${users}.rowid > ${afterRowid}`))
    .orderBy(rowid)
    .limit(BULK_EMAIL_BATCH);
  const ids = page.map((row) => row.id);
  if (ids.length > 0) {
    await db
      .insert(bulkEmailRecipients)
      .select(
        db
          .select({
            bulkEmailId: sql<string>`${jobId}`.as("bulk_email_id"),
            userId: users.id,
            status: sql<
              "queued" | "skipped"
            >`CASE ${users.status} WHEN 'deleted' THEN 'skipped' ELSE 'queued' END`.as("status"),
            error: sql<null>`NULL`.as("error"),
            updatedAt: sql<number>`${now}`.as("updated_at"),
          })
          .from(users)
          .where(inJson(users.id, ids)),
      )
      .onConflictDoNothing();
  }
  const queued = ids.length
    ? await db
        .select({ userId: bulkEmailRecipients.userId })
        .from(bulkEmailRecipients)
        .where(
          and(
            eq(bulkEmailRecipients.bulkEmailId, jobId),
            eq(bulkEmailRecipients.status, "queued"),
            inJson(bulkEmailRecipients.userId, ids),
          ),
        )
    : [];
  if (queued.length > 0) {
    await env.EMAIL_QUEUE.sendBatch(
      queued.map(({ userId }) => {
        const body: BulkEmailSendMessage = {
          type: "bulk_email.send",
          job_id: jobId,
          user_id: userId,
        };
        return { body };
      }),
    );
  }
  const last = page.at(-1);
  return {
    next: page.length === BULK_EMAIL_BATCH && last ? last.rowid : null,
    read: page.length,
    queued: queued.length,
  };
}

/** Recipients by status, with the total the selection was counted at. */
export async function bulkEmailCounts(
  env: Pick<Env, "DB">,
  jobId: string,
): Promise<BulkEmailCounts> {
  const row = await findBulkEmail(env, jobId);
  const rows = await createDb(env.DB)
    .select({ status: bulkEmailRecipients.status, n: count() })
    .from(bulkEmailRecipients)
    .where(eq(bulkEmailRecipients.bulkEmailId, jobId))
    .groupBy(bulkEmailRecipients.status);
  const counts: BulkEmailCounts = {
    total: row.total,
    notFound: row.notFound,
    queued: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
  };
  for (const { status, n } of rows) counts[status] = n;
  return counts;
}

/** Moves the job's bar to the counts of now ("sending 3,200 of 10,000") and returns them. */
export async function reportBulkEmailProgress(
  env: Pick<Env, "DB" | "JOBS">,
  jobId: string,
  now: number,
): Promise<BulkEmailCounts> {
  const counts = await bulkEmailCounts(env, jobId);
  const { step, percent } = bulkEmailProgress(counts);
  await changeJob(env, jobId, { type: "progress", step, percent, at: now });
  return counts;
}

/**
 * The recipients still `queued` when the workflow stops waiting count as failed: their message
 * was lost (a dead letter that could not be handled). A copy the consumer reaches later finds
 * the row settled and sends nothing, so the counts stay true.
 */
export async function failUndeliveredBulkEmail(
  env: Pick<Env, "DB">,
  jobId: string,
  now: number,
): Promise<BulkEmailCounts> {
  await createDb(env.DB)
    .update(bulkEmailRecipients)
    .set({ status: "failed", error: "Not delivered in time", updatedAt: now })
    .where(
      and(eq(bulkEmailRecipients.bulkEmailId, jobId), eq(bulkEmailRecipients.status, "queued")),
    );
  return bulkEmailCounts(env, jobId);
}
