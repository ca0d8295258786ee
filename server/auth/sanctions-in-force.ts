// Why a suspended or banned account cannot sign in, and until when (README "Bans"), and which
// sanctions are in force: read here, below the moderation services that apply them, so sign-in
// depends on the table and not on them.
import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import { governingSanction, sanctionMessage } from "../../core/moderation/sanctions";
import { createDb } from "../../db/client";
import { type AccountSanctionRow, accountSanctions, type UserRow, users } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";

/** The account's sanctions in force at `now` (not lifted; a ban, or a suspension not yet over). */
export async function activeSanctions(
  env: Pick<Env, "DB">,
  userId: string,
  now: number,
): Promise<AccountSanctionRow[]> {
  return createDb(env.DB)
    .select()
    .from(accountSanctions)
    .where(
      and(
        eq(accountSanctions.userId, userId),
        isNull(accountSanctions.liftedAt),
        or(isNull(accountSanctions.endsAt), gt(accountSanctions.endsAt, now)),
      ),
    )
    .orderBy(asc(accountSanctions.startsAt));
}

/** 403 `account_suspended` or `account_banned`, with the reason and the end as details. */
export async function signInRefusal(
  env: Pick<Env, "DB">,
  user: Pick<UserRow, "id" | "status">,
  now: number,
): Promise<AppError> {
  const governing = governingSanction(await activeSanctions(env, user.id, now));
  const banned = governing ? governing.kind === "ban" : user.status === "banned";
  const code = banned ? "account_banned" : "account_suspended";
  if (!governing) return new AppError(403, code, "This account cannot sign in. Contact support.");
  return new AppError(403, code, sanctionMessage(governing), {
    kind: governing.kind,
    reason: governing.reason,
    until: governing.endsAt === null ? null : new Date(governing.endsAt).toISOString(),
  });
}

/**
 * The refusal for an account that is suspended or banned now, or null. For an API call whose
 * token stopped working: the caller learns why (403) instead of a bare 401.
 */
export async function restrictionOf(
  env: Pick<Env, "DB">,
  userId: string,
  now: number,
): Promise<AppError | null> {
  const [user] = await createDb(env.DB)
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || (user.status !== "suspended" && user.status !== "banned")) return null;
  return signInRefusal(env, user, now);
}
