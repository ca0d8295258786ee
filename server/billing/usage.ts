import { and, eq, notExists, sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import { usageCounters, usageRefunds } from "../../db/schema";
import type { Env } from "../env";

/** Calendar month in UTC, `2026-11`: the period monthly allowances count in. */
export const currentPeriod = (now: number) => new Date(now).toISOString().slice(0, 7);

/** What a plan meters a month (server/billing/entitlements.ts `meter` counts a use). */
type Metered = "exports" | "ai_calls";

/**
 * Gives one use back: the work it paid for failed on our side. `reference` (the job id) makes
 * it happen once: the decrement and the record of it are one transaction, and the decrement
 * only applies while no record for that reference exists.
 */
export async function refundUsage(
  env: Pick<Env, "DB">,
  use: { userId: string; metric: Metered; period: string; reference: string },
  now: number,
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
      .values({ ...use, createdAt: now })
      .onConflictDoNothing({ target: usageRefunds.reference }),
  ]);
}
