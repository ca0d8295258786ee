// Suspensions and bans across every account (README "Bans"), for the admin's bans page: by kind,
// reason and state, newest first, with the owner's address.
import { and, count, desc, eq, gt, isNotNull, isNull, lte, or, type SQL } from "drizzle-orm";
import type { BanListItem } from "../../core/contract/appeals";
import type { BanReason, SanctionKind } from "../../core/moderation/sanctions";
import { createDb } from "../../db/client";
import { accountSanctions, users } from "../../db/schema";
import type { Env } from "../env";
import { isActiveSanction } from "./standing";

/** A suspension ending this soon is "expiring". */
export const EXPIRING_WITHIN_MS = 48 * 3_600_000;

export interface BanListFilters {
  kind?: SanctionKind;
  reason?: BanReason;
  /** `active`: in force now; `expiring`: a suspension in force that ends within 48 hours. */
  state: "active" | "expiring" | "all";
  page: number;
  perPage: number;
}

function stateCondition(state: BanListFilters["state"], now: number): SQL | undefined {
  const notLifted = isNull(accountSanctions.liftedAt);
  if (state === "all") return undefined;
  if (state === "active")
    return and(notLifted, or(isNull(accountSanctions.endsAt), gt(accountSanctions.endsAt, now)));
  return and(
    notLifted,
    eq(accountSanctions.kind, "suspension"),
    isNotNull(accountSanctions.endsAt),
    gt(accountSanctions.endsAt, now),
    lte(accountSanctions.endsAt, now + EXPIRING_WITHIN_MS),
  );
}

export async function listBans(
  env: Pick<Env, "DB">,
  filters: BanListFilters,
  now: number,
): Promise<{ items: BanListItem[]; total: number }> {
  const db = createDb(env.DB);
  const where = and(
    filters.kind ? eq(accountSanctions.kind, filters.kind) : undefined,
    filters.reason ? eq(accountSanctions.reason, filters.reason) : undefined,
    stateCondition(filters.state, now),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ sanction: accountSanctions, email: users.email })
      .from(accountSanctions)
      .innerJoin(users, eq(users.id, accountSanctions.userId))
      .where(where)
      .orderBy(desc(accountSanctions.startsAt), desc(accountSanctions.id))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ n: count() }).from(accountSanctions).where(where),
  ]);
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    total: total?.n ?? 0,
    items: rows.map(({ sanction, email }) => ({
      id: sanction.id,
      user_id: sanction.userId,
      user_email: email,
      kind: sanction.kind,
      reason: sanction.reason,
      source: sanction.source,
      note: sanction.note,
      created_by: sanction.createdBy,
      starts_at: new Date(sanction.startsAt).toISOString(),
      ends_at: iso(sanction.endsAt),
      lifted_at: iso(sanction.liftedAt),
      active: isActiveSanction(sanction, now),
    })),
  };
}
