// Bulk suspension from the admin users list (README "Admin: users", bulk actions): each ticked
// account is handed to its own ban escalation workflow exactly as one account's Suspend is
// (api/routes/admin/sanctions.ts), so the workflow stays the one writer of sanctions.
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  BULK_SKIP_REASONS,
  BulkSuspendResult,
  bulkSuspendRequestSchema,
} from "../../core/contract/admin-bulk";
import { stableId } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { escalationRequests, users } from "../../db/schema";
import type { Actor } from "../actor";
import type { Env } from "../env";
import { requestEscalation } from "../moderation/escalation";
import { recordAudit } from "../ops/audit";

export type BulkSuspension = z.output<typeof bulkSuspendRequestSchema>;
type SkipReason = (typeof BULK_SKIP_REASONS)[number];

/** Accounts handed to their workflows at once: a hundred one after another would be slow. */
const IN_PARALLEL = 10;

interface Account {
  id: string;
  role: string;
  status: string;
}

/** Why an account is left out, or null when it is suspended. */
function skipReason(account: Account | undefined, actor: Actor): SkipReason | null {
  if (!account) return "not_found";
  if (actor.id === `user:${account.id}` || actor.id === account.id) return "yourself";
  if (account.role !== "user") return "staff";
  if (account.status === "banned") return "already_banned";
  return null;
}

/**
 * The escalation request id of one account of a bulk call: from the call's idempotency key and
 * the account, so a retry (even one that outran the kept answer) writes no second request.
 */
export const bulkRequestId = (key: string, userId: string) =>
  stableId("admin:", `${key}\n${userId}`);

async function accountsNamed(env: Pick<Env, "DB">, ids: readonly string[]) {
  const rows = await createDb(env.DB)
    .select({ id: users.id, role: users.role, status: users.status })
    .from(users)
    // one bound JSON array: D1 takes at most 100 parameters a query
    .where(sql`${users.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  return new Map(rows.map((row) => [row.id, row]));
}

async function requestsRecorded(env: Pick<Env, "DB">, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await createDb(env.DB)
    .select({ id: escalationRequests.id })
    .from(escalationRequests)
    .where(sql`${escalationRequests.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  return new Set(rows.map((row) => row.id));
}

/**
 * Suspends the accounts of `request` that may be: not the caller, not staff, not banned
 * already, existing. Each is one escalation request its workflow applies within seconds, and
 * one `account.suspend_requested` audit entry with the status before, as for one account. A
 * retry with the same key finds its requests and audits only accounts it had not reached.
 */
export async function bulkSuspend(
  env: Env,
  actor: Actor,
  request: BulkSuspension,
  key: string,
): Promise<BulkSuspendResult> {
  const accounts = await accountsNamed(env, request.ids);
  const skipped: BulkSuspendResult["skipped"] = [];
  const targets: { account: Account; requestId: string }[] = [];
  for (const id of request.ids) {
    const account = accounts.get(id);
    const reason = skipReason(account, actor);
    if (reason) skipped.push({ id, reason });
    else if (account) targets.push({ account, requestId: await bulkRequestId(key, id) });
  }
  const recordedBefore = await requestsRecorded(
    env,
    targets.map((target) => target.requestId),
  );
  const after = {
    action: "suspend" as const,
    days: request.days,
    reason: request.reason,
    note: request.note,
  };
  for (let start = 0; start < targets.length; start += IN_PARALLEL) {
    await Promise.all(
      targets.slice(start, start + IN_PARALLEL).map(async ({ account, requestId }) => {
        await requestEscalation(
          env,
          {
            id: requestId,
            userId: account.id,
            kind: "suspend",
            days: request.days,
            reason: request.reason,
            note: request.note || null,
            actor: actor.id,
          },
          actor.at,
        );
        if (recordedBefore.has(requestId)) return;
        await recordAudit(env, actor, {
          action: "account.suspend_requested",
          resourceType: "user",
          resourceId: account.id,
          details: { before: { status: account.status }, after, request_id: requestId, bulk: true },
        });
      }),
    );
  }
  return { requested: targets.map((target) => target.account.id), skipped };
}
