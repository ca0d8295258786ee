import type { Tone } from "./tone";

/**
 * How long a moderator still has to decide a case (README "Content moderation": the review
 * queue's deadlines, 24 h for critical cases and 48 h for standard ones). Pure: the page passes
 * the current time, refreshed every minute.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Under this much time left a case is flagged, so the last hours of a deadline stand out. */
export const URGENT_BEFORE_MS = 4 * HOUR;

export interface TimeLeft {
  /** "5 h left", "35 min left", "overdue 2 h". */
  text: string;
  overdue: boolean;
  tone: Tone;
}

/**
 * A duration in the largest unit that still reads exactly enough: minutes under an hour,
 * hours under three days (a 48 h deadline reads "47 h", not "1 d"), days beyond. Rounded
 * down, so "5 h left" never promises more time than there is.
 */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return "<1 min";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 3 * DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/** The time left before `dueAt` at `now` (ms), or null when the case has no deadline. */
export function timeLeft(dueAt: string | null | undefined, now: number): TimeLeft | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const left = due - now;
  if (left <= 0) return { text: `overdue ${formatDuration(-left)}`, overdue: true, tone: "error" };
  return {
    text: `${formatDuration(left)} left`,
    overdue: false,
    tone: left < URGENT_BEFORE_MS ? "warning" : "neutral",
  };
}
