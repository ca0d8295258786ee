/**
 * Strikes and what they call for (README "Content moderation: strikes"). A strike is one
 * confirmed violation; the account's active strikes are counted against a small table of
 * thresholds (3 → 24-hour suspension, 5 → 7 days, 10 → ban by default, editable by super
 * admins). Strikes expire together after 90 days without a new violation. Pure: the clock is
 * passed in, the thresholds come from D1 through the caller.
 */
import { z } from "zod";
import type { ModerationCategory } from "./model";

export const STRIKE_SEVERITIES = ["minor", "major", "severe"] as const;
export type StrikeSeverity = (typeof STRIKE_SEVERITIES)[number];

/** Who confirmed the violation: the automated layers above 90, a moderator, or an admin. */
export const STRIKE_SOURCES = ["automatic", "moderator", "admin"] as const;
export type StrikeSource = (typeof STRIKE_SOURCES)[number];

export const STRIKE_EXPIRY_DAYS = 90;
const DAY_MS = 86_400_000;

export const STRIKE_THRESHOLD_ACTIONS = ["suspend", "ban"] as const;

export interface StrikeThreshold {
  /** The number of active strikes that triggers it. */
  strikes: number;
  action: "suspend" | "ban";
  /** How long a suspension lasts; null for a ban (permanent). */
  hours: number | null;
}

export const DEFAULT_STRIKE_THRESHOLDS: readonly StrikeThreshold[] = [
  { strikes: 3, action: "suspend", hours: 24 },
  { strikes: 5, action: "suspend", hours: 168 },
  { strikes: 10, action: "ban", hours: null },
];

/** The longest suspension a threshold may set: 30 days (longer is what a ban is for). */
export const MAX_SUSPENSION_HOURS = 720;

const thresholdSchema = z
  .object({
    strikes: z.number().int().min(1).max(100),
    action: z.enum(STRIKE_THRESHOLD_ACTIONS),
    hours: z.number().int().nullable(),
  })
  .strict()
  .superRefine((threshold, ctx) => {
    if (threshold.action === "ban" && threshold.hours !== null) {
      ctx.addIssue({ code: "custom", path: ["hours"], message: "A ban is permanent: no hours" });
    }
    if (
      threshold.action === "suspend" &&
      (threshold.hours === null || threshold.hours < 1 || threshold.hours > MAX_SUSPENSION_HOURS)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["hours"],
        message: `A suspension lasts 1 to ${MAX_SUSPENSION_HOURS} hours (30 days)`,
      });
    }
  });

/**
 * The thresholds as a super admin saves them: 1–10, each at a distinct count, and stricter as
 * strikes grow — at most one ban, needing more strikes than every suspension, and no suspension
 * shorter than one reached with fewer strikes. Issues name the offending entry's field.
 */
export const strikeThresholdsSchema = z
  .array(thresholdSchema)
  .min(1, "Keep at least one threshold")
  .max(10, "At most 10 thresholds")
  .superRefine((list, ctx) => {
    const seen = new Map<number, number>();
    list.forEach((threshold, index) => {
      const first = seen.get(threshold.strikes);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [index, "strikes"],
          message: `Entry ${first + 1} already triggers at ${threshold.strikes} strikes`,
        });
      } else seen.set(threshold.strikes, index);
    });
    const bans = list.flatMap((t, index) => (t.action === "ban" ? [index] : []));
    for (const index of bans.slice(1)) {
      ctx.addIssue({ code: "custom", path: [index, "action"], message: "Only one threshold bans" });
    }
    const suspensions = list
      .map((threshold, index) => ({ ...threshold, index }))
      .filter((t) => t.action === "suspend")
      .sort((a, b) => a.strikes - b.strikes);
    const highestSuspension = suspensions.at(-1);
    for (const index of bans) {
      const ban = list[index];
      if (ban && highestSuspension && ban.strikes <= highestSuspension.strikes) {
        ctx.addIssue({
          code: "custom",
          path: [index, "strikes"],
          message: `A ban needs more strikes than every suspension (one is at ${highestSuspension.strikes})`,
        });
      }
    }
    suspensions.forEach((current, i) => {
      const previous = suspensions[i - 1];
      if (!previous || previous.strikes === current.strikes) return;
      if ((current.hours ?? 0) < (previous.hours ?? 0)) {
        ctx.addIssue({
          code: "custom",
          path: [current.index, "hours"],
          message: `At ${current.strikes} strikes a suspension cannot be shorter than at ${previous.strikes} (${previous.hours} hours)`,
        });
      }
    });
  })
  .meta({ id: "StrikeThresholds" });

export type Escalation =
  | { kind: "none" }
  | { kind: "warning" }
  | { kind: "suspend"; hours: number; threshold: number }
  | { kind: "ban"; threshold: number };

/**
 * What `active` active strikes call for: the highest threshold reached; 1+ below the first →
 * warning. Thresholds come in any order; a suspension without hours (which the schema never
 * lets through) is skipped rather than guessed at.
 */
export function escalationFor(active: number, thresholds: readonly StrikeThreshold[]): Escalation {
  if (active < 1) return { kind: "none" };
  let reached: StrikeThreshold | null = null;
  for (const threshold of thresholds) {
    if (threshold.strikes > active) continue;
    if (threshold.action === "suspend" && threshold.hours === null) continue;
    if (!reached || threshold.strikes > reached.strikes) reached = threshold;
  }
  if (!reached) return { kind: "warning" };
  if (reached.action === "ban") return { kind: "ban", threshold: reached.strikes };
  return { kind: "suspend", hours: reached.hours ?? 0, threshold: reached.strikes };
}

/**
 * When an account's strikes have all expired: its last violation + 90 days. They are expired
 * once this is <= now (a new violation before then moves it on).
 */
export function strikesExpireAt(lastViolationAt: number): number {
  return lastViolationAt + STRIKE_EXPIRY_DAYS * DAY_MS;
}

/**
 * How serious a violation of each category is: what harms a visitor or a third party at once
 * (sexual content, hate, threats, harmful links) is severe; someone's personal data major;
 * spam and copyright (where the owner may hold the rights) minor.
 */
const CATEGORY_SEVERITY: Record<ModerationCategory, StrikeSeverity> = {
  nsfw: "severe",
  hate: "severe",
  violence: "severe",
  malicious_link: "severe",
  pii: "major",
  spam: "minor",
  copyright: "minor",
};

export function severityOf(category: ModerationCategory): StrikeSeverity {
  return CATEGORY_SEVERITY[category];
}
