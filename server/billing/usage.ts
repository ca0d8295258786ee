import { and, eq, notExists, sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import { usageCounters, usageRefunds } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import { monthlyAllowance } from "./entitlements";

/** Calendar month in UTC, `2026-11`: the period monthly allowances count in. */
export const currentPeriod = (now = Date.now()) => new Date(now).toISOString().slice(0, 7);

const METERED = {
  exports: { limit: "exportsPerMonth", noun: "exports" },
  ai_calls: { limit: "aiCallsPerMonth", noun: "writing-help requests" },
} as const;

/**
 * Counts one use of a monthly allowance (exports, writing help). Increment and check are one
 * statement, so parallel requests cannot overshoot the limit, and a refused request is not
 * counted.
 */
export async function meterUsage(
  env: Pick<Env, "DB">,
  user: { id: string; plan: string },
  metric: keyof typeof METERED,
): Promise<{ used: number; limit: number | null; period: string }> {
  const limit = monthlyAllowance(user.plan, METERED[metric].limit);
  const period = currentPeriod();
  const [row] = await createDb(env.DB)
    .insert(usageCounters)
    .values({ userId: user.id, metric, period, count: 1 })
    .onConflictDoUpdate({
      target: [usageCounters.userId, usageCounters.metric, usageCounters.period],
      set: { count: sql`${usageCounters.count} + 1` },
      ...(limit === null ? {} : { setWhere: sql`${usageCounters.count} < ${limit}` }),
    })
    .returning({ count: usageCounters.count });
  if (!row || (limit !== null && row.count > limit)) {
    throw new AppError(
      403,
      "plan_limit",
      `Your plan includes ${limit} ${METERED[metric].noun} a month. Upgrade for more.`,
      { limit, resource: metric, period },
    );
  }
  return { used: row.count, limit, period };
}

/**
 * Gives one use back: the work it paid for failed on our side. `reference` (the job id) makes
 * it happen once: the decrement and the record of it are one transaction, and the decrement
 * only applies while no record for that reference exists.
 */
export async function refundUsage(
  env: Pick<Env, "DB">,
  use: { userId: string; metric: keyof typeof METERED; period: string; reference: string },
): Promise<void> {
  const db = createDb(env.DB);
  const alreadyRefunded = db
    .select({ reference: usageRefunds.reference })
    .from(usageRefunds)
    .where(eq(usageRefunds.reference, use.reference));
  await db.batch([
    db
      .update(usageCounters)
      .set({ count: sql`max(${usageCounters.count} - 1, 0)` })
      .where(
        and(
          eq(usageCounters.userId, use.userId),
          eq(usageCounters.metric, use.metric),
          eq(usageCounters.period, use.period),
          notExists(alreadyRefunded),
        ),
      ),
    db
      .insert(usageRefunds)
      .values({ ...use, createdAt: Date.now() })
      .onConflictDoNothing({ target: usageRefunds.reference }),
  ]);
}
