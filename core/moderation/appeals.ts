/**
 * Appeals (README "Appeals"): the vocabulary shared by the Worker and both apps. A person may
 * appeal a strike, or a suspension or ban, once, within 30 days of it, in up to 2,000
 * characters. Auto-review accepts the obvious false positives; a different moderator than the
 * one who decided takes the rest. Pure.
 */

/** What an appeal contests: a strike, or a suspension or ban (an `account_sanctions` row). */
export const APPEAL_SUBJECT_KINDS = ["strike", "sanction"] as const;
export type AppealSubjectKind = (typeof APPEAL_SUBJECT_KINDS)[number];

export const APPEAL_STATUSES = ["pending", "accepted", "rejected"] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Where it was written: the account page, or the link emailed to a suspended or banned account. */
export const APPEAL_CHANNELS = ["account", "email_link"] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];

export const APPEAL_WINDOW_DAYS = 30;
export const APPEAL_MAX_CHARS = 2000;
/** Who decides an appeal accepted by auto-review (the appeals' `reviewer_id`). */
export const AUTO_REVIEWER = "auto-review";

const DAY_MS = 86_400_000;

/** Whether a decision taken at `decidedAt` may still be appealed at `now`. */
export const withinAppealWindow = (decidedAt: number, now: number): boolean =>
  now - decidedAt <= APPEAL_WINDOW_DAYS * DAY_MS;

/** The last moment a decision taken at `decidedAt` may be appealed. */
export const appealDeadline = (decidedAt: number): number =>
  decidedAt + APPEAL_WINDOW_DAYS * DAY_MS;

/** The user app's standing page, where an active account sees its strikes and appeals them. */
export const STANDING_PATH = "/account/standing";
