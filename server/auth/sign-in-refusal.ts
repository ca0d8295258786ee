// Why a suspended or banned account cannot sign in, and until when (README "Bans"). Reads the
// account's active sanctions itself: sign-in must not depend on the moderation services.
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { governingSanction, sanctionMessage } from "../../core/moderation/sanctions";
import { createDb } from "../../db/client";
import { accountSanctions, type UserRow } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";

/** 403 `account_suspended` or `account_banned`, with the reason and the end as details. */
export async function signInRefusal(
  env: Pick<Env, "DB">,
  user: Pick<UserRow, "id" | "status">,
  now: number,
): Promise<AppError> {
  const active = await createDb(env.DB)
    .select()
    .from(accountSanctions)
    .where(
      and(
        eq(accountSanctions.userId, user.id),
        isNull(accountSanctions.liftedAt),
        or(isNull(accountSanctions.endsAt), gt(accountSanctions.endsAt, now)),
      ),
    );
  const governing = governingSanction(active);
  const banned = governing ? governing.kind === "ban" : user.status === "banned";
  const code = banned ? "account_banned" : "account_suspended";
  if (!governing) return new AppError(403, code, "This account cannot sign in. Contact support.");
  return new AppError(403, code, sanctionMessage(governing), {
    kind: governing.kind,
    reason: governing.reason,
    until: governing.endsAt === null ? null : new Date(governing.endsAt).toISOString(),
  });
}
