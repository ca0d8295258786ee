// Relative imports, not the app's ~core/~kit aliases: unit tests load this file without them.
import type { AppealView, OwnStanding } from "../../../core/contract/appeals";
import { APPEAL_MAX_CHARS, type AppealSubjectKind } from "../../../core/moderation/appeals";
import type { ModerationCategory } from "../../../core/moderation/model";
import type { SanctionKind } from "../../../core/moderation/sanctions";
import { ApiError } from "../../../ui-kit/api/envelope";

/**
 * What the owner of an account reads of their standing and what they may appeal (README
 * "Appeals"), for the account page and the emailed appeal link alike. Pure.
 */

export type OwnStrike = OwnStanding["strikes"][number];
export type OwnSanction = OwnStanding["sanctions"][number];

/** A decision the owner may contest: a strike, or a suspension or ban. */
export interface AppealSubject {
  kind: AppealSubjectKind;
  id: string;
  appealable_until: string | null;
  appeal: AppealView | null;
}

/** The owner's words for a strike's category (the admin app has staff's shorter ones). */
export const OWN_CATEGORY_LABELS: Record<ModerationCategory, string> = {
  nsfw: "Sexual or adult content",
  hate: "Hate speech",
  violence: "Violence or threats",
  spam: "Spam or a scam",
  pii: "Someone's private information",
  malicious_link: "A harmful or deceptive link",
  copyright: "Copied content",
};

export const OWN_STRIKE_STATUS_LABELS: Record<OwnStrike["status"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Removed",
};

export const OWN_SANCTION_KIND_LABELS: Record<SanctionKind, string> = {
  suspension: "Suspension",
  ban: "Ban",
};

/**
 * What may be done about a decision now: appeal it (the window is open and there is no
 * appeal yet), follow its appeal, or nothing (the window closed without one).
 */
export type AppealState = "open" | "appealed" | "closed";

export function appealState(
  subject: Pick<AppealSubject, "appealable_until" | "appeal">,
): AppealState {
  if (subject.appeal) return "appealed";
  return subject.appealable_until ? "open" : "closed";
}

export type AppealTone = "info" | "success" | "error";

/** An appeal's status for its author: a title, the review note when there is one, a tone. */
export function appealOutcome(appeal: Pick<AppealView, "status" | "automatic" | "review_note">): {
  title: string;
  detail: string | null;
  tone: AppealTone;
} {
  const note = appeal.review_note?.trim() || null;
  switch (appeal.status) {
    case "pending":
      return {
        title: "Appeal pending",
        detail:
          "A moderator who did not take the decision will review it. We will email you the outcome.",
        tone: "info",
      };
    case "accepted":
      return {
        title: appeal.automatic ? "Appeal accepted automatically" : "Appeal accepted",
        detail: note ?? "The decision was reversed.",
        tone: "success",
      };
    case "rejected":
      return {
        title: "Appeal rejected",
        detail: note ?? "The decision stands.",
        tone: "error",
      };
  }
}

/** The appeal message as typed: what is wrong with it, or undefined when it may be sent. */
export function appealMessageProblem(message: string): string | undefined {
  const length = message.trim().length;
  if (length === 0) return "Say why the decision is wrong.";
  if (length > APPEAL_MAX_CHARS)
    return `Use at most ${APPEAL_MAX_CHARS.toLocaleString("en")} characters (${(length - APPEAL_MAX_CHARS).toLocaleString("en")} too many).`;
  return undefined;
}

/** "120 of 2,000 characters" — counted as sent (trimmed). */
export function appealCharacterCount(message: string): string {
  return `${message.trim().length.toLocaleString("en")} of ${APPEAL_MAX_CHARS.toLocaleString("en")} characters`;
}

/** What the appeal link page says when its token is refused. */
export const APPEAL_LINK_INVALID =
  "This link has expired or is not valid; ask for a new one from the sign-in page.";

/**
 * A refused appeal or link, in words the owner can act on, and whether the standing should
 * be read again (it changed under the page: an appeal exists, or the window closed).
 * Null for anything else (the page shows the general description).
 */
export function appealRefusal(error: unknown): { message: string; reload: boolean } | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case "appeal_exists":
      return {
        message: "You have already appealed this decision. Its status is shown here.",
        reload: true,
      };
    case "appeal_window_closed":
      return {
        message:
          "The 30 days to appeal this decision have passed, so it can no longer be appealed.",
        reload: true,
      };
    case "nothing_to_appeal":
      return {
        message: "This decision no longer has any effect, so there is nothing to appeal.",
        reload: true,
      };
    case "invalid_appeal_link":
      return { message: APPEAL_LINK_INVALID, reload: false };
    case "not_found":
      return { message: "That decision is no longer on this account.", reload: true };
    default:
      return null;
  }
}

/**
 * The token of an emailed appeal link as the page found it, or null when it cannot be one:
 * the bounds of the contract's `appealTokenSchema`, without loading zod into the app.
 */
export function appealLinkToken(raw: string | string[] | undefined): string | null {
  const token = Array.isArray(raw) ? raw[0] : raw;
  return token && token.length >= 20 && token.length <= 200 ? token : null;
}

/** Whether a failure means the emailed link can no longer be used (ask for a new one). */
export const isInvalidAppealLink = (error: unknown): boolean =>
  error instanceof ApiError && error.code === "invalid_appeal_link";

/** The standing with one decision's appeal set: what the page shows once the appeal is sent. */
export function withAppeal(
  standing: OwnStanding,
  subject: Pick<AppealSubject, "kind" | "id">,
  appeal: AppealView,
): OwnStanding {
  const set = <T extends { id: string; appeal: AppealView | null }>(item: T): T =>
    item.id === subject.id ? { ...item, appeal } : item;
  return subject.kind === "strike"
    ? { ...standing, strikes: standing.strikes.map(set) }
    : { ...standing, sanctions: standing.sanctions.map(set) };
}

/** The sign-in refusals that come with a way to appeal (README "Appeals"). */
export const SANCTION_REFUSALS = ["account_suspended", "account_banned"] as const;

export const isSanctionRefusal = (code: string | null | undefined): boolean =>
  (SANCTION_REFUSALS as readonly string[]).includes(code ?? "");

/** Whether anything on the account calls for attention: a clean account sees "No strikes". */
export const isClean = (standing: Pick<OwnStanding, "strikes" | "sanctions">): boolean =>
  standing.strikes.length === 0 && standing.sanctions.length === 0;
