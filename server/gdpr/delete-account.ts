import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { SubscriptionStatus } from "../../core/billing/states";
import { EXPORT_FORMATS, exportKey } from "../../core/export/formats";
import { createDb } from "../../db/client";
import {
  accountDeletions,
  billingCustomers,
  jobs,
  media,
  resumes,
  subscriptions,
} from "../../db/schema";
import { findUserById } from "../auth/accounts";
import { revokeAllSessions } from "../auth/refresh-tokens";
import { billingProvider } from "../billing/provider";
import { removeDomain } from "../custom-domains/domains";
import { greetingName, sendEmail } from "../email";
import type { Env } from "../env";
import { recordAudit } from "../ops/audit";
import { D1_DATA_MAP, ruleStatement } from "./account-data-map";
import { pseudonymOf, writeDeletionStatus } from "./delete-requests";

/**
 * The deletion once the grace is over (README "Your data"), one function per workflow step.
 * Each is idempotent: a replayed or restarted step finds its work done and does nothing more.
 */

/** Subscriptions that have ended at the provider; any other still needs cancelling. */
const ENDED: SubscriptionStatus[] = ["canceled", "incomplete_expired"];

/**
 * Moves a scheduled deletion to `deleting`; false if it was cancelled. The conditional write is
 * what makes a cancellation final: once `cancelled`, no step below ever runs.
 */
export async function beginDeletion(env: Env, deletionId: string, now: number): Promise<boolean> {
  const [row] = await createDb(env.DB)
    .update(accountDeletions)
    .set({ state: "deleting", startedAt: now, updatedAt: now })
    .where(
      and(
        eq(accountDeletions.id, deletionId),
        inArray(accountDeletions.state, ["scheduled", "deleting"]),
      ),
    )
    .returning();
  if (!row) return false;
  await writeDeletionStatus(env, row.userId, "deleting", row.scheduledFor);
  // Sign-ins during the grace opened sessions; none outlives the account.
  await revokeAllSessions(env, row.userId, "account_deletion", now);
  return true;
}

/** The confirmation, sent while the address still exists (the outbox row dedupes a replay). */
export async function sendDeletionConfirmation(
  env: Env,
  deletionId: string,
  userId: string,
  now: number,
) {
  const user = await findUserById(env, userId);
  if (!user || user.status === "deleted") return;
  await sendEmail(env, {
    to: user.email,
    template: "account_deleted",
    data: { name: greetingName(user), deletedAt: new Date(now).toISOString() },
    dedupeKey: `account-deleted:${deletionId}`,
    now,
  });
}

/** Ends every subscription at the provider; its events bring the plan down (billing writes it). */
export async function cancelSubscriptions(env: Env, deletionId: string, userId: string) {
  const live = await createDb(env.DB)
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), notInArray(subscriptions.status, ENDED)));
  if (live.length === 0) return;
  const provider = await billingProvider(env);
  for (const sub of live) await provider.cancelNow(sub.id, `${deletionId}:cancel:${sub.id}`);
}

/**
 * Throws until the provider's cancellations have come back through the webhook and billing has
 * applied them, so the records are not deleted under events still on their way.
 */
export async function assertBillingSettled(env: Env, userId: string) {
  const live = await createDb(env.DB)
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), notInArray(subscriptions.status, ENDED)));
  if (live.length > 0) throw new Error(`waiting for ${live.length} cancellation(s) to be applied`);
}

/** Deletes the account's customers at the provider (Stripe: details and cards). */
export async function deleteBillingCustomers(env: Env, userId: string) {
  const customers = await createDb(env.DB)
    .select({ customerId: billingCustomers.customerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, userId));
  if (customers.length === 0) return;
  const provider = await billingProvider(env);
  for (const { customerId } of customers) await provider.deleteCustomer(customerId);
}

/** The custom hostname goes through its provider, with its host cache entry. */
export const removeCustomHostname = (env: Env, userId: string) => removeDomain(env, userId);

async function deletePrefix(bucket: R2Bucket, prefix: string) {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

async function deleteKvPrefix(kv: KVNamespace, prefix: string) {
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, cursor });
    await Promise.all(page.keys.map((key) => kv.delete(key.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}

/**
 * R2 objects and KV keys found through the account's rows (account-data-map.ts, R2 and KV), so
 * this runs before the records go.
 */
export async function deleteAccountFiles(env: Env, userId: string) {
  const db = createDb(env.DB);
  const resumeIds = (
    await db.select({ id: resumes.id }).from(resumes).where(eq(resumes.userId, userId))
  ).map((row) => row.id);
  const jobIds = (await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.ownerId, userId))).map(
    (row) => row.id,
  );
  const mediaKeys = (
    await db.select({ key: media.key }).from(media).where(eq(media.userId, userId))
  ).map((row) => row.key);
  for (const id of resumeIds) {
    await deletePrefix(env.FILES, `share-pdf/${id}/`);
    await deleteKvPrefix(env.CACHE, `resume:${id}:`);
  }
  for (const id of jobIds) {
    await env.FILES.delete(EXPORT_FORMATS.map((format) => exportKey(format, id)));
    await env.JOBS.delete(`job:${id}`);
  }
  // R2 deletes at most 1000 keys per call.
  for (let i = 0; i < mediaKeys.length; i += 1000) {
    await env.FILES.delete(mediaKeys.slice(i, i + 1000));
  }
  await deletePrefix(env.FILES, `data-exports/${userId}/`);
  await env.SESSIONS.delete(`revoked-before:${userId}`);
}

/**
 * Every D1 rule of the map, in its order, as one batch (a transaction): a restart finds either
 * everything done or nothing. The account row stays as the tombstone kept records point at.
 */
export async function deleteAccountRecords(env: Env, userId: string) {
  const user = await findUserById(env, userId);
  if (!user) return;
  const values = { user: userId, email: user.email, pseudonym: await pseudonymOf(env, userId) };
  const statements = Object.entries(D1_DATA_MAP).flatMap(([table, entry]) =>
    "rules" in entry
      ? entry.rules.flatMap((rule) => {
          const compiled = ruleStatement(table, rule, values);
          return compiled ? [env.DB.prepare(compiled.sql).bind(...compiled.params)] : [];
        })
      : [],
  );
  await env.DB.batch(statements);
}

/** Marks the deletion done (its row already names the pseudonym) and audits it minimally. */
export async function completeDeletion(env: Env, deletionId: string, userId: string, now: number) {
  const [row] = await createDb(env.DB)
    .update(accountDeletions)
    .set({ state: "completed", completedAt: now, updatedAt: now })
    .where(and(eq(accountDeletions.id, deletionId), eq(accountDeletions.state, "deleting")))
    .returning();
  await writeDeletionStatus(env, userId, "completed", 0);
  if (!row) return;
  await recordAudit(
    env,
    { id: "system", role: "system", ip: null, userAgent: null, requestId: null, at: now },
    {
      action: "account.deleted",
      resourceType: "user",
      resourceId: row.userId,
      details: { deletion_id: deletionId },
    },
  );
}

/** A deletion that gave up: operators see it failed; sign-in stays refused (README "Your data"). */
export async function failDeletion(env: Env, deletionId: string, error: string, now: number) {
  const [row] = await createDb(env.DB)
    .update(accountDeletions)
    .set({ state: "failed", error: error.slice(0, 1000), updatedAt: now })
    .where(and(eq(accountDeletions.id, deletionId), eq(accountDeletions.state, "deleting")))
    .returning();
  if (row) await writeDeletionStatus(env, row.userId, "failed", row.scheduledFor);
}
