// An account's standing as its owner sees it (README "Appeals"): its strikes and its
// suspensions and bans, each with its appeal and whether (until when) it can still be appealed.
import { desc, eq } from "drizzle-orm";
import { appealDeadline, withinAppealWindow } from "../../core/moderation/appeals";
import { createDb } from "../../db/client";
import {
  type AccountSanctionRow,
  type AppealRow,
  accountSanctions,
  appeals,
  type StrikeRow,
  users,
} from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { isActiveSanction } from "./standing";
import { strikeStatus, strikesOf } from "./strikes";

export interface OwnStanding {
  status: (typeof users.$inferSelect)["status"];
  strikes: { row: StrikeRow; appeal: AppealRow | null; appealableUntil: number | null }[];
  sanctions: {
    row: AccountSanctionRow;
    appeal: AppealRow | null;
    appealableUntil: number | null;
  }[];
}

/** The last moment to appeal, or null when it cannot be (appealed, out of time, no effect). */
const appealableUntil = (
  decidedAt: number,
  inForce: boolean,
  appeal: AppealRow | null,
  now: number,
) => (inForce && !appeal && withinAppealWindow(decidedAt, now) ? appealDeadline(decidedAt) : null);

export async function ownStanding(
  env: Pick<Env, "DB">,
  userId: string,
  now: number,
): Promise<OwnStanding> {
  const db = createDb(env.DB);
  const [account] = await db
    .select({ status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!account) throw notFound("User");
  const [strikeRows, sanctionRows, appealRows] = await Promise.all([
    strikesOf(env, userId),
    db
      .select()
      .from(accountSanctions)
      .where(eq(accountSanctions.userId, userId))
      .orderBy(desc(accountSanctions.startsAt))
      .limit(100),
    db.select().from(appeals).where(eq(appeals.userId, userId)).limit(500),
  ]);
  const appealOf = (kind: AppealRow["subjectKind"], id: string) =>
    appealRows.find((appeal) => appeal.subjectKind === kind && appeal.subjectId === id) ?? null;
  return {
    status: account.status,
    strikes: strikeRows.map((row) => {
      const appeal = appealOf("strike", row.id);
      const active = strikeStatus(row) === "active";
      return { row, appeal, appealableUntil: appealableUntil(row.createdAt, active, appeal, now) };
    }),
    sanctions: sanctionRows.map((row) => {
      const appeal = appealOf("sanction", row.id);
      const inForce = isActiveSanction(row, now);
      return { row, appeal, appealableUntil: appealableUntil(row.startsAt, inForce, appeal, now) };
    }),
  };
}
