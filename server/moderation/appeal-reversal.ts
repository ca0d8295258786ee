// What an accepted appeal undoes (README "Appeals"), run by the account's ban escalation
// workflow like every other change to its standing: the strike is revoked, and every sanction
// the strikes caused that the remaining active strikes no longer reach is lifted (a suspension
// or ban appealed directly is lifted, and the strike that led to it revoked). Each write is
// conditional (revoke once, lift once), so processing the request twice changes nothing.
import { and, count, eq, isNull } from "drizzle-orm";
import { createDb } from "../../db/client";
import { appeals, type EscalationRequestRow, strikes } from "../../db/schema";
import { activeSanctions } from "../auth/sanctions-in-force";
import type { Env } from "../env";
import { causeStrikeIdOf } from "./appeal-subjects";
import { liftSanction } from "./sanctions";

const LIFT = (appealId: string) => ({ by: `appeal:${appealId}`, reason: "appeal accepted" });

export async function reverseAppealedDecision(
  env: Env,
  request: EscalationRequestRow,
  now: number,
): Promise<string> {
  const db = createDb(env.DB);
  const [appeal] = await db
    .select()
    .from(appeals)
    .where(eq(appeals.id, request.appealId ?? ""))
    .limit(1);
  if (appeal?.status !== "accepted") return "appeal not accepted";
  const active = await activeSanctions(env, appeal.userId, now);
  const appealed =
    appeal.subjectKind === "sanction" ? active.find((row) => row.id === appeal.subjectId) : null;
  const strikeId =
    appeal.subjectKind === "strike"
      ? appeal.subjectId
      : appealed
        ? causeStrikeIdOf(appealed)
        : null;
  if (strikeId) {
    await db
      .update(strikes)
      .set({ revokedAt: now })
      .where(
        and(eq(strikes.id, strikeId), eq(strikes.userId, appeal.userId), isNull(strikes.revokedAt)),
      );
  }
  const [remaining] = await db
    .select({ active: count() })
    .from(strikes)
    .where(
      and(eq(strikes.userId, appeal.userId), isNull(strikes.revokedAt), isNull(strikes.expiredAt)),
    );
  const toLift = active.filter(
    (row) =>
      row.id === appealed?.id ||
      (row.source === "strikes" &&
        (causeStrikeIdOf(row) === strikeId || (row.strikeCount ?? 0) > (remaining?.active ?? 0))),
  );
  let lifted = 0;
  for (const row of toLift) {
    if (await liftSanction(env, row, LIFT(appeal.id), now)) lifted += 1;
  }
  const parts = [strikeId ? `strike ${strikeId} revoked` : null, `${lifted} lifted`];
  return `appeal accepted: ${parts.filter(Boolean).join(", ")}`;
}
