// An account's standing for the admin API (README "Strikes and bans"): its status, every
// suspension and ban with who decided and when it ends, and what its ban escalation processed.
import { desc, eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import {
  type AccountSanctionRow,
  accountSanctions,
  type EscalationRequestRow,
  escalationRequests,
  users,
} from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";

export interface Standing {
  userId: string;
  status: (typeof users.$inferSelect)["status"];
  sanctions: AccountSanctionRow[];
  requests: EscalationRequestRow[];
}

export const isActiveSanction = (row: AccountSanctionRow, now: number) =>
  row.liftedAt === null && (row.endsAt === null || row.endsAt > now);

export async function accountStanding(env: Pick<Env, "DB">, userId: string): Promise<Standing> {
  const db = createDb(env.DB);
  const [account] = await db
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!account) throw notFound("User");
  const [sanctions, requests] = await Promise.all([
    db
      .select()
      .from(accountSanctions)
      .where(eq(accountSanctions.userId, userId))
      .orderBy(desc(accountSanctions.startsAt))
      .limit(200),
    db
      .select()
      .from(escalationRequests)
      .where(eq(escalationRequests.userId, userId))
      .orderBy(desc(escalationRequests.createdAt))
      .limit(200),
  ]);
  return { userId, status: account.status, sanctions, requests };
}
