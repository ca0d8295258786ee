import { inArray } from "drizzle-orm";
import type { AnalyticsEvent } from "../../core/contract/analytics";
import { isPlan, type Plan } from "../../core/plans/entitlements";
import { createDb } from "../../db/client";
import { users } from "../../db/schema";
import type { Env } from "../env";
import { createLogger, errorFields } from "../logger";

export type AnalyticsEnv = Pick<Env, "DB" | "ANALYTICS_QUEUE" | "LOG_LEVEL">;

/**
 * What a producer says: the event, with its plan when the producer knows it. A missing plan is
 * the account's plan now, read once for the whole call.
 */
export type TrackedEvent = Omit<
  AnalyticsEvent,
  "plan" | "plan_from" | "mrr_from_cents" | "mrr_to_cents" | "reason"
> &
  Partial<
    Pick<AnalyticsEvent, "plan" | "plan_from" | "mrr_from_cents" | "mrr_to_cents" | "reason">
  >;

/** `sendBatch` takes at most 100 messages. */
const SEND_BATCH = 100;

async function plansOf(env: AnalyticsEnv, ids: string[]): Promise<Map<string, Plan>> {
  if (ids.length === 0) return new Map();
  const plans = new Map<string, Plan>();
  // 100 bound parameters per D1 statement.
  for (let i = 0; i < ids.length; i += 100) {
    const rows = await createDb(env.DB)
      .select({ id: users.id, plan: users.plan })
      .from(users)
      .where(inArray(users.id, ids.slice(i, i + 100)));
    for (const row of rows) if (isPlan(row.plan)) plans.set(row.id, row.plan);
  }
  return plans;
}

/**
 * Puts events on the analytics queue (README "Analytics"). Analytics never fails what the
 * person was doing: a queue or database error is logged and the caller carries on, and the
 * events' stable ids make a producer's own retry safe.
 */
export async function trackEvents(env: AnalyticsEnv, events: readonly TrackedEvent[]) {
  if (events.length === 0) return;
  try {
    const unknown = [...new Set(events.filter((e) => !e.plan).map((e) => e.user_id))];
    const plans = await plansOf(env, unknown);
    const messages = events.map((event) => ({
      body: {
        type: "analytics.event" as const,
        event: {
          plan_from: null,
          mrr_from_cents: 0,
          mrr_to_cents: 0,
          reason: null,
          ...event,
          plan: event.plan ?? plans.get(event.user_id) ?? "free",
        },
      },
    }));
    for (let i = 0; i < messages.length; i += SEND_BATCH)
      await env.ANALYTICS_QUEUE.sendBatch(messages.slice(i, i + SEND_BATCH));
  } catch (error) {
    createLogger(env.LOG_LEVEL).warn("analytics events not sent", {
      count: events.length,
      types: [...new Set(events.map((e) => e.type))],
      ...errorFields(error),
    });
  }
}

/** A once-per-account event, with the same id whichever path sends it (password or OAuth). */
export const accountEvent = (
  type: "user.signed_up" | "user.email_verified",
  userId: string,
  at: number,
): TrackedEvent => ({ id: `${type}:${userId}`, type, occurred_at: at, user_id: userId });
