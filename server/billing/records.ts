import { and, count, desc, eq, inArray } from "drizzle-orm";
import { type BillingEventSource, LIVE_SUBSCRIPTION_STATUSES } from "../../core/billing/states";
import { createDb } from "../../db/client";
import {
  type BillingCustomerRow,
  billingCustomers,
  billingEvents,
  type SubscriptionRow,
  subscriptions,
  users,
} from "../../db/schema";
import type { Env } from "../env";

/** The audit trail and the small lookups every billing path needs. */

export interface BillingEventInput {
  userId: string | null;
  customerId: string | null;
  type: string;
  source: BillingEventSource;
  detail: Record<string, unknown>;
  stripeEventId?: string | null;
  idempotencyKey?: string | null;
  /** When it happened (epoch ms). */
  at: number;
}

export async function recordBillingEvent(env: Env, input: BillingEventInput): Promise<void> {
  await createDb(env.DB)
    .insert(billingEvents)
    .values({
      id: crypto.randomUUID(),
      userId: input.userId,
      customerId: input.customerId,
      type: input.type,
      source: input.source,
      detailJson: JSON.stringify(input.detail),
      stripeEventId: input.stripeEventId ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: input.at,
    });
}

/** What the webhook consumer applied, in the account's history, linked to Stripe's event. */
export const recordWebhookChange = (
  ctx: { env: Env; userId: string; customerId: string; event: { id: string }; now: number },
  type: string,
  detail: Record<string, unknown>,
) =>
  recordBillingEvent(ctx.env, {
    userId: ctx.userId,
    customerId: ctx.customerId,
    type,
    source: "webhook",
    detail,
    stripeEventId: ctx.event.id,
    at: ctx.now,
  });

export async function listBillingEvents(
  env: Env,
  userId: string,
  page: { page: number; perPage: number },
) {
  const db = createDb(env.DB);
  const where = eq(billingEvents.userId, userId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(billingEvents)
      .where(where)
      .orderBy(desc(billingEvents.createdAt))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ value: count() }).from(billingEvents).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export async function customerOfUser(env: Env, userId: string): Promise<BillingCustomerRow | null> {
  const row = await createDb(env.DB).query.billingCustomers.findFirst({
    where: eq(billingCustomers.userId, userId),
  });
  return row ?? null;
}

export async function userOfCustomer(env: Env, customerId: string): Promise<string | null> {
  const row = await createDb(env.DB).query.billingCustomers.findFirst({
    where: eq(billingCustomers.customerId, customerId),
  });
  return row?.userId ?? null;
}

/** The subscription that decides someone's plan: the newest one that has not ended. */
export async function currentSubscription(
  env: Env,
  userId: string,
): Promise<SubscriptionRow | null> {
  const row = await createDb(env.DB).query.subscriptions.findFirst({
    where: and(
      eq(subscriptions.userId, userId),
      inArray(subscriptions.status, LIVE_SUBSCRIPTION_STATUSES),
    ),
    orderBy: desc(subscriptions.createdAt),
  });
  return row ?? null;
}

/** The newest subscription, ended or not (what the billing page explains). */
export async function latestSubscription(
  env: Env,
  userId: string,
): Promise<SubscriptionRow | null> {
  const row = await createDb(env.DB).query.subscriptions.findFirst({
    where: eq(subscriptions.userId, userId),
    orderBy: desc(subscriptions.createdAt),
  });
  return row ?? null;
}

export async function findAccount(env: Env, userId: string) {
  const row = await createDb(env.DB).query.users.findFirst({ where: eq(users.id, userId) });
  return row ?? null;
}
