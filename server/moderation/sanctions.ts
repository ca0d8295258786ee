// Suspensions and bans applied and lifted (README "Strikes and bans"). Called by the ban
// escalation workflow's steps only — admins' actions reach here through that workflow too. Each
// sanction is one row per cause (unique `cause_key`), every email has a dedupe key, and the
// account's status is set from the rows, so repeating any function here changes nothing.
import { and, eq, isNull, ne } from "drizzle-orm";
import type { UserStatus } from "../../core/auth/identity";
import {
  type BanReason,
  governingSanction,
  type SanctionKind,
  type SanctionSource,
  sanctionMessage,
} from "../../core/moderation/sanctions";
import { createDb } from "../../db/client";
import { type AccountSanctionRow, accountSanctions, users } from "../../db/schema";
import { revokeAllSessions } from "../auth/refresh-tokens";
import { activeSanctions } from "../auth/sanctions-in-force";
import { revokeAccessTokensOf } from "../auth/tokens";
import { endSubscriptionOfBanned } from "../billing/subscriptions";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { newAppealUrl } from "./appeal-links";

export interface SanctionInput {
  userId: string;
  kind: SanctionKind;
  reason: BanReason;
  source: SanctionSource;
  /** What it answers (`strike:{id}`, `admin:{request id}`): one sanction per cause. */
  causeKey: string;
  strikeCount: number | null;
  note: string | null;
  createdBy: string;
  /** Null for a ban. */
  hours: number | null;
}

const STATUS_OF: Record<SanctionKind, UserStatus> = { suspension: "suspended", ban: "banned" };

/** Sets the account's status from its active sanctions; the status it had before otherwise. */
async function settleStatus(env: Env, userId: string, restoreTo: UserStatus, now: number) {
  const governing = governingSanction(await activeSanctions(env, userId, now));
  const status = governing ? STATUS_OF[governing.kind] : restoreTo;
  await createDb(env.DB)
    .update(users)
    .set({ status, updatedAt: now })
    .where(and(eq(users.id, userId), ne(users.status, "deleted")));
}

/**
 * Applies a suspension or ban: the row (once per cause), the account's status, every session
 * ended at once, the owner told why and until when; a ban also ends the subscription at its
 * period's end through billing. Returns the row (the existing one when applied before).
 */
export async function applySanction(
  env: Env,
  input: SanctionInput,
  now: number,
): Promise<AccountSanctionRow | null> {
  const db = createDb(env.DB);
  const [account] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
  if (!account || account.status === "deleted") return null;
  // Stacked on a sanction already in force, it restores what that one would have.
  const governing = governingSanction(await activeSanctions(env, input.userId, now));
  const previousStatus: UserStatus =
    account.status === "suspended" || account.status === "banned"
      ? (governing?.previousStatus ?? "active")
      : account.status;
  await db
    .insert(accountSanctions)
    .values({
      id: crypto.randomUUID(),
      userId: input.userId,
      kind: input.kind,
      reason: input.reason,
      source: input.source,
      causeKey: input.causeKey,
      strikeCount: input.strikeCount,
      note: input.note,
      createdBy: input.createdBy,
      startsAt: now,
      endsAt: input.kind === "ban" || input.hours === null ? null : now + input.hours * 3_600_000,
      previousStatus,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(accountSanctions)
    .where(eq(accountSanctions.causeKey, input.causeKey))
    .limit(1);
  if (!row) return null;
  await settleStatus(env, input.userId, row.previousStatus, now);
  if (row.liftedAt === null) {
    await revokeAllSessions(env, input.userId, `account ${row.kind}`, now);
    await revokeAccessTokensOf(env, input.userId, now);
    if (row.kind === "ban") {
      await endSubscriptionOfBanned(env, input.userId, `ban:${row.id}`, now);
    }
  }
  await sendEmail(env, {
    to: account.email,
    template: "account_sanctioned",
    data: {
      name: greetingName(account) ?? "",
      kind: row.kind,
      message: sanctionMessage(row),
      appealUrl: await newAppealUrl(env, account.id, now),
    },
    dedupeKey: `sanction:${row.id}`,
    now,
  });
  return row;
}

/**
 * Ends a sanction (its suspension ran out, or someone lifted it) and, when none is left, gives
 * the account back the status it had. Sessions ended stay ended: the person signs in again.
 */
export async function liftSanction(
  env: Env,
  row: AccountSanctionRow,
  lift: { by: string; reason: string },
  now: number,
): Promise<boolean> {
  const db = createDb(env.DB);
  const liftedAt = lift.reason === "expired" && row.endsAt !== null ? row.endsAt : now;
  const lifted = await db
    .update(accountSanctions)
    .set({ liftedAt, liftedBy: lift.by, liftReason: lift.reason })
    .where(and(eq(accountSanctions.id, row.id), isNull(accountSanctions.liftedAt)))
    .returning({ id: accountSanctions.id });
  await settleStatus(env, row.userId, row.previousStatus, now);
  if (lifted.length === 0) return false;
  const [account] = await db.select().from(users).where(eq(users.id, row.userId)).limit(1);
  if (account && account.status !== "suspended" && account.status !== "banned") {
    await sendEmail(env, {
      to: account.email,
      template: "account_restored",
      data: { name: greetingName(account) ?? "", signInUrl: publicUrl(env, "/login") },
      dedupeKey: `sanction:${row.id}:lifted`,
      now,
    });
  }
  return true;
}
