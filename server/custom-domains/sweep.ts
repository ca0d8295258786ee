import { and, eq, lt, notInArray, or } from "drizzle-orm";
import { PLANS } from "../../core/plans/entitlements";
import { createDb } from "../../db/client";
import { customDomains, users } from "../../db/schema";
import { planTable } from "../config/plan-table";
import { type DomainEnv, refreshDomain, removeDomainRow } from "./domains";

/**
 * The custom domains' cron work (README "Custom domains"), every five minutes: hostnames of
 * accounts whose plan no longer includes them (a downgrade or cancellation billing wrote) or
 * that were deleted are deleted at Cloudflare and here, and pending ones are checked again so
 * they turn active without the owner pressing "Check now". Bounded per run; the next run
 * takes the rest.
 */

const BATCH = 25;
/** A pending hostname is asked about at most this often. */
const RECHECK_MS = 4 * 60_000;

export async function sweepCustomDomains(
  env: DomainEnv,
  now: number,
): Promise<{ removed: number; checked: number }> {
  const db = createDb(env.DB);
  const plans = await planTable(env);
  const entitled = PLANS.filter((plan) => plans[plan].customDomain);
  const unentitled = await db
    .select({ domain: customDomains })
    .from(customDomains)
    .innerJoin(users, eq(users.id, customDomains.userId))
    .where(
      entitled.length > 0
        ? or(notInArray(users.plan, entitled), eq(users.status, "deleted"))
        : undefined,
    )
    .limit(BATCH);
  for (const { domain } of unentitled) await removeDomainRow(env, domain);

  const pending = await db
    .select()
    .from(customDomains)
    .where(and(eq(customDomains.state, "pending"), lt(customDomains.checkedAt, now - RECHECK_MS)))
    .limit(BATCH);
  for (const domain of pending) await refreshDomain(env, domain, now);
  return { removed: unentitled.length, checked: pending.length };
}
