import { sql } from "drizzle-orm";
import { entitlementsOf } from "../../core/plans/entitlements";
import { createDb } from "../../db/client";
import { usageCounters } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../lib/errors";

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
): Promise<{ used: number; limit: number | null }> {
  const limit = entitlementsOf(user.plan)[METERED[metric].limit];
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
  return { used: row.count, limit };
}
