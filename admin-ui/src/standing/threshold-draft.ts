// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import {
  type StrikeThresholdsRequest,
  strikeThresholdsRequestSchema,
} from "../../../core/contract/strikes";
import type { StrikeThreshold } from "../../../core/moderation/strikes";

/**
 * The strike-threshold form's rows as typed, with the reason kept with the new `moderation`
 * config version (README "Live configuration"), and the request they make: checked with the
 * API's own schema (core/moderation/strikes.ts), so a ban below a suspension or a repeated count is
 * refused here with the words the API would use, under the row and field it concerns. Pure.
 */

export interface ThresholdRow {
  strikes: string;
  action: "suspend" | "ban";
  /** Suspensions only; ignored for a ban. */
  hours: string;
}

export type ThresholdField = "strikes" | "action" | "hours";

export interface ThresholdIssues {
  /** Problems of the list as a whole (too few or too many rows). */
  list: string[];
  /** Per row index, per field. */
  rows: Record<number, Partial<Record<ThresholdField, string>>>;
  /** The reason's problem, if any. */
  reason?: string;
}

export const rowsOf = (thresholds: readonly StrikeThreshold[]): ThresholdRow[] =>
  thresholds.map((threshold) => ({
    strikes: String(threshold.strikes),
    action: threshold.action,
    hours: threshold.hours === null ? "" : String(threshold.hours),
  }));

export const NEW_THRESHOLD_ROW: ThresholdRow = { strikes: "", action: "suspend", hours: "24" };

const numberOf = (typed: string) => (typed.trim() === "" ? Number.NaN : Number(typed));

export function requestOf(rows: readonly ThresholdRow[], reason: string): StrikeThresholdsRequest {
  return {
    reason,
    thresholds: rows.map((row) => ({
      strikes: numberOf(row.strikes),
      action: row.action,
      hours: row.action === "ban" ? null : numberOf(row.hours),
    })),
  };
}

/**
 * Sorts issues as the schema (or the API's 400 `validation_failed` details, which carry the
 * same paths) reports them: `["thresholds", index, field]` to a row's field, the rest to the list.
 */
export function thresholdIssues(
  issues: readonly { path?: readonly PropertyKey[]; message?: string }[],
): ThresholdIssues {
  const result: ThresholdIssues = { list: [], rows: {} };
  for (const issue of issues) {
    const message = issue.message ?? "Invalid value";
    if (issue.path?.[0] === "reason") {
      result.reason ??= message;
      continue;
    }
    const path = (issue.path ?? []).filter((part) => part !== "thresholds");
    const [index, field] = path;
    if (typeof index !== "number") {
      if (!result.list.includes(message)) result.list.push(message);
      continue;
    }
    const row = result.rows[index] ?? {};
    result.rows[index] = row;
    // an issue of the entry as a whole shows under its first field
    const at: ThresholdField =
      field === "strikes" || field === "action" || field === "hours" ? field : "strikes";
    row[at] ??= message;
  }
  return result;
}

export type ThresholdCheck =
  | { ok: true; request: StrikeThresholdsRequest }
  | { ok: false; issues: ThresholdIssues };

export function checkThresholdRows(rows: readonly ThresholdRow[], reason: string): ThresholdCheck {
  const request = requestOf(rows, reason);
  const parsed = strikeThresholdsRequestSchema.safeParse(request);
  if (parsed.success) return { ok: true, request };
  return { ok: false, issues: thresholdIssues(parsed.error.issues) };
}

/** "24-hour suspension", "7-day suspension", "Permanent ban". */
export function thresholdEffect(threshold: Pick<StrikeThreshold, "action" | "hours">): string {
  if (threshold.action === "ban" || threshold.hours === null) return "Permanent ban";
  const hours = threshold.hours;
  if (hours % 24 === 0) {
    const days = hours / 24;
    return `${days}-day suspension`;
  }
  return `${hours}-hour suspension`;
}
