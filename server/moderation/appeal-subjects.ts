// What an appeal contests (README "Appeals"): a strike, or a suspension or ban, read as the
// owner's own (another account's decision is not found), with when it was taken, who took it
// and the case behind it. A sanction that strikes led to was decided by whoever confirmed the
// strike that crossed the threshold.
import { and, eq } from "drizzle-orm";
import type { AppealSubjectKind } from "../../core/moderation/appeals";
import { BAN_REASON_LABELS } from "../../core/moderation/sanctions";
import { createDb } from "../../db/client";
import {
  type AccountSanctionRow,
  accountSanctions,
  type StrikeRow,
  strikes,
} from "../../db/schema";
import type { Env } from "../env";
import { isActiveSanction } from "./standing";
import { strikeStatus } from "./strikes";

export interface AppealSubject {
  kind: AppealSubjectKind;
  id: string;
  userId: string;
  decidedAt: number;
  /** The moderator or admin who took the decision; null when the automated layers did. */
  decidedBy: string | null;
  caseId: string | null;
  /** Whether it still has an effect to undo (an active strike, a sanction in force). */
  inForce: boolean;
  /** In a few words, for the queue and the emails. */
  summary: string;
  strike: StrikeRow | null;
  sanction: AccountSanctionRow | null;
}

/** The strike that crossed the threshold a sanction from strikes answers (`strike:{id}`). */
export const causeStrikeIdOf = (sanction: Pick<AccountSanctionRow, "causeKey" | "source">) =>
  sanction.source === "strikes" && sanction.causeKey.startsWith("strike:")
    ? sanction.causeKey.slice("strike:".length)
    : null;

const strikeSummary = (strike: StrikeRow) => `the strike for ${strike.category.replace("_", " ")}`;
const sanctionSummary = (sanction: AccountSanctionRow) =>
  `the ${sanction.kind} for ${BAN_REASON_LABELS[sanction.reason]}`;

async function findStrike(env: Pick<Env, "DB">, userId: string, id: string) {
  const [row] = await createDb(env.DB)
    .select()
    .from(strikes)
    .where(and(eq(strikes.id, id), eq(strikes.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The owner's strike or sanction, or null when there is none by that id on their account. */
export async function appealSubject(
  env: Pick<Env, "DB">,
  userId: string,
  kind: AppealSubjectKind,
  id: string,
  now: number,
): Promise<AppealSubject | null> {
  if (kind === "strike") {
    const strike = await findStrike(env, userId, id);
    if (!strike) return null;
    return {
      kind,
      id,
      userId,
      decidedAt: strike.createdAt,
      decidedBy: strike.actor,
      caseId: strike.caseId,
      inForce: strikeStatus(strike) === "active",
      summary: strikeSummary(strike),
      strike,
      sanction: null,
    };
  }
  const [sanction] = await createDb(env.DB)
    .select()
    .from(accountSanctions)
    .where(and(eq(accountSanctions.id, id), eq(accountSanctions.userId, userId)))
    .limit(1);
  if (!sanction) return null;
  const causeId = causeStrikeIdOf(sanction);
  const cause = causeId ? await findStrike(env, userId, causeId) : null;
  return {
    kind,
    id,
    userId,
    decidedAt: sanction.startsAt,
    decidedBy: sanction.source === "strikes" ? (cause?.actor ?? null) : sanction.createdBy,
    caseId: cause?.caseId ?? null,
    inForce: isActiveSanction(sanction, now),
    summary: sanctionSummary(sanction),
    strike: cause,
    sanction,
  };
}
