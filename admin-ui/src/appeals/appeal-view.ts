// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import {
  type AppealDecisionRequest,
  type AppealQueueItem,
  appealDecisionRequestSchema,
} from "../../../core/contract/appeals";
import type { StrikeView } from "../../../core/contract/strikes";
import {
  APPEAL_STATUSES,
  type AppealChannel,
  type AppealStatus,
  type AppealSubjectKind,
} from "../../../core/moderation/appeals";
import { pageOf } from "../bans/ban-view";

/**
 * What the appeals queue and an appeal's page show and send (README "Appeals"). Pure: the
 * pages pass who is looking and what they read.
 */

export interface AppealFilters {
  status: AppealStatus;
  page: number;
}

/** The queue's filter from the URL query: pending appeals unless another status is asked. */
export const parseAppealFilters = (
  search: Partial<Record<"status" | "page", string>>,
): AppealFilters => ({
  status: APPEAL_STATUSES.find((status) => status === search.status) ?? "pending",
  page: pageOf(search.page),
});

export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  pending: "Waiting for a moderator",
  accepted: "Accepted",
  rejected: "Rejected",
};

export const appealStatusTone = (status: AppealStatus) =>
  status === "accepted" ? "success" : status === "rejected" ? "error" : "info";

export const SAME_MODERATOR_MESSAGE =
  "You took the original decision; another moderator must decide this appeal.";

/**
 * Why this person cannot decide this appeal here, or null when they can. The server checks
 * again (409 `same_moderator`, 409 `appeal_decided`); this only spares a refused attempt.
 * `viewer.actorId` is how decisions name the signed-in person (`user:{id}`, `operator`), null
 * when not known.
 */
export function appealDecisionBlocked(
  appeal: Pick<AppealQueueItem, "status" | "decided_by">,
  viewer: { canModerate: boolean; actorId: string | null },
): string | null {
  if (appeal.status !== "pending")
    return `This appeal was ${appeal.status} already; a decided appeal is not decided again.`;
  if (!viewer.canModerate) return "Your role can read appeals but not decide them.";
  if (viewer.actorId !== null && appeal.decided_by === viewer.actorId)
    return SAME_MODERATOR_MESSAGE;
  return null;
}

/** The server's refusal of a decision in words a moderator can act on. */
export function appealRefusal(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "same_moderator") return SAME_MODERATOR_MESSAGE;
  if (code === "appeal_decided")
    return "Another moderator decided this appeal meanwhile. The page now shows their decision.";
  return null;
}

export type AppealDecisionCheck =
  | { ok: true; request: AppealDecisionRequest }
  | { ok: false; note: string };

/** The decision as the API's schema takes it; a decision always says why. */
export function checkAppealDecision(
  decision: "accept" | "reject",
  note: string,
): AppealDecisionCheck {
  const parsed = appealDecisionRequestSchema.safeParse({ decision, note });
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, note: parsed.error.issues[0]?.message ?? "Say why" };
}

/** The strikes a moderation case led to, newest first as the account's list has them. */
export const strikesOfCase = (strikes: readonly StrikeView[], caseId: string): StrikeView[] =>
  strikes.filter((strike) => strike.case_id === caseId);

/** An account's other strikes: the appeal's own strike left out, it is shown on its own. */
export const otherStrikes = (
  strikes: readonly StrikeView[],
  appeal: Pick<AppealQueueItem, "subject_kind" | "subject_id">,
): StrikeView[] =>
  appeal.subject_kind === "strike"
    ? strikes.filter((strike) => strike.id !== appeal.subject_id)
    : [...strikes];

/** The appeal of a strike among a case's appeals (one appeal per decision), or null. */
export const appealOfStrike = <T extends Pick<AppealQueueItem, "subject_kind" | "subject_id">>(
  strikeId: string,
  appeals: readonly T[],
): T | null =>
  appeals.find((appeal) => appeal.subject_kind === "strike" && appeal.subject_id === strikeId) ??
  null;

export const APPEAL_CHANNEL_LABELS: Record<AppealChannel, string> = {
  account: "Account page",
  email_link: "Emailed link",
};

export const APPEAL_SUBJECT_LABELS: Record<AppealSubjectKind, string> = {
  strike: "Strike",
  sanction: "Suspension or ban",
};
