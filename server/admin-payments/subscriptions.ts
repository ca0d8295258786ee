import { and, count, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type {
  AdminSubscriptionDetail,
  AdminSubscriptionsQuery,
} from "../../core/contract/admin-payments";
import { createDb } from "../../db/client";
import { billingEvents, invoices, subscriptions, users } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { presentHistoryEntry, presentInvoice, presentSubscription } from "./present";

/**
 * Subscriptions as the billing mirror holds them (README "Admin: payments"): the filtered list
 * and one subscription with its invoices and the account's billing history.
 */

/**
 * A dunning flow still chasing one of the subscription's open invoices: one DunningWorkflow per
 * invoice (server/billing/dunning.ts), its run last recorded as not finished.
 */
const inDunning = sql<number>`EXISTS (
  SELECT 1 FROM ${invoices} i JOIN workflow_runs w
    ON w.workflow = 'dunning' AND w.subject = 'invoice:' || i.id
  WHERE i.subscription_id = ${subscriptions.id} AND i.status = 'open'
    AND w.status IN ('queued', 'running', 'waiting', 'waitingForPause', 'paused'))`;

function conditions(query: AdminSubscriptionsQuery, now: number): SQL | undefined {
  const where: SQL[] = [];
  if (query.plan) where.push(eq(subscriptions.plan, query.plan));
  if (query.status) where.push(eq(subscriptions.status, query.status));
  if (query.user_id) where.push(eq(subscriptions.userId, query.user_id));
  if (query.customer_id) where.push(eq(subscriptions.customerId, query.customer_id));
  if (query.trial_ends_within_days !== undefined) {
    const nowSeconds = Math.floor(now / 1000);
    where.push(
      eq(subscriptions.status, "trialing"),
      gte(subscriptions.trialEnd, nowSeconds),
      lte(subscriptions.trialEnd, nowSeconds + query.trial_ends_within_days * 86_400),
    );
  }
  if (query.in_dunning === "true") where.push(sql`${inDunning}`);
  if (query.in_dunning === "false") where.push(sql`NOT ${inDunning}`);
  return where.length ? and(...where) : undefined;
}

export async function listSubscriptions(env: Env, query: AdminSubscriptionsQuery, now: number) {
  const db = createDb(env.DB);
  const where = conditions(query, now);
  const [rows, [total]] = await Promise.all([
    db
      .select({ sub: subscriptions, email: users.email, inDunning })
      .from(subscriptions)
      .leftJoin(users, eq(users.id, subscriptions.userId))
      .where(where)
      // The rowid breaks ties, so pages never repeat or skip a subscription of the same instant.
      .orderBy(desc(subscriptions.createdAt), desc(sql`${subscriptions}.rowid`))
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page),
    db.select({ value: count() }).from(subscriptions).where(where),
  ]);
  return {
    items: rows.map((row) =>
      presentSubscription(row.sub, { userEmail: row.email, inDunning: Boolean(row.inDunning) }),
    ),
    total: total?.value ?? 0,
  };
}

const HISTORY_LIMIT = 100;

export async function subscriptionDetail(env: Env, id: string): Promise<AdminSubscriptionDetail> {
  const db = createDb(env.DB);
  const [found] = await db
    .select({ sub: subscriptions, email: users.email, inDunning })
    .from(subscriptions)
    .leftJoin(users, eq(users.id, subscriptions.userId))
    .where(eq(subscriptions.id, id));
  if (!found) throw notFound("Subscription");
  const [invoiceRows, history] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(and(eq(invoices.userId, found.sub.userId), eq(invoices.subscriptionId, id)))
      .orderBy(desc(invoices.createdAt))
      .limit(HISTORY_LIMIT),
    db
      .select()
      .from(billingEvents)
      .where(eq(billingEvents.userId, found.sub.userId))
      .orderBy(desc(billingEvents.createdAt), desc(sql`${billingEvents}.rowid`))
      .limit(HISTORY_LIMIT),
  ]);
  return {
    subscription: presentSubscription(found.sub, {
      userEmail: found.email,
      inDunning: Boolean(found.inDunning),
    }),
    invoices: invoiceRows.map((row) => presentInvoice(row, found.email)),
    events: history.map(presentHistoryEntry),
  };
}

/** The mirrored subscription an action names (404 when the mirror has none). */
export async function requireSubscription(env: Env, id: string) {
  const row = await createDb(env.DB).query.subscriptions.findFirst({
    where: eq(subscriptions.id, id),
  });
  if (!row) throw notFound("Subscription");
  return row;
}
