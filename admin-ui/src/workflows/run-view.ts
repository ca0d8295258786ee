// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import { z } from "zod";
import type { StepKind, StepStatus } from "../../../core/workflows/runs";

/**
 * View logic of the runs console (README "Workflow runs"): the list's URL filters, and how
 * durations, rates and mirrored steps read. Plain functions, tested in tests/unit.
 */

/** The design system's badge tones (~kit Badge), named here so this file needs no JSX. */
type BadgeTone = "neutral" | "info" | "success" | "warning" | "error";

/** The list's filters as they live in the URL; a malformed one is dropped, never sent. */
export type RunSearch = {
  page?: string;
  workflow?: string;
  status?: string;
  q?: string;
  from?: string;
  to?: string;
};

const day = z.iso.date();

/** A search box's text: trimmed, at most what the API takes (200). */
export const searchText = (value: string | undefined) => value?.trim().slice(0, 200) || undefined;

/** A `YYYY-MM-DD` day, or undefined when empty or not a real date. */
export const validDay = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed && day.safeParse(trimmed).success ? trimmed : undefined;
};

/** Why the date range cannot be applied, per field; empty when it can. */
export function dateRangeIssues(from: string, to: string): { from?: string; to?: string } {
  const issues: { from?: string; to?: string } = {};
  if (from.trim() && !validDay(from)) issues.from = "Enter a date as YYYY-MM-DD.";
  if (to.trim() && !validDay(to)) issues.to = "Enter a date as YYYY-MM-DD.";
  if (!issues.from && !issues.to && from.trim() && to.trim() && from.trim() > to.trim()) {
    issues.from = "The start must not be after the end.";
  }
  return issues;
}

/** The API query for the URL's filters: only values the API accepts. */
export function runFiltersOf(search: RunSearch) {
  const from = validDay(search.from);
  const to = validDay(search.to);
  const inOrder = !from || !to || from <= to;
  return {
    page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
    workflow: search.workflow || undefined,
    status: search.status || undefined,
    q: searchText(search.q),
    from: inOrder ? from : undefined,
    to: inOrder ? to : undefined,
  };
}

/** 850 → "850 ms", 12_400 → "12.4 s", 125_000 → "2 min 5 s"; null (still open) → "—". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toString()} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) {
    const seconds = Math.round((ms % 60_000) / 1_000);
    return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** 0.25 → "25%", 0.0123 → "1.2%", 0 → "0%". */
export function formatRate(rate: number): string {
  const percent = rate * 100;
  if (percent === 0 || percent >= 10) return `${Math.round(percent)}%`;
  return `${Math.round(percent * 10) / 10}%`;
}

export const STEP_KIND_LABEL: Record<StepKind, string> = {
  do: "Step",
  sleep: "Sleep",
  wait: "Wait for event",
};

export const STEP_STATUS_LABEL: Record<StepStatus, string> = {
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  waiting: "Waiting",
};

export const STEP_STATUS_TONE: Record<StepStatus, BadgeTone> = {
  running: "info",
  succeeded: "success",
  failed: "error",
  waiting: "neutral",
};

/** A failure rate worth a warning tone: one attempt in ten or more failing. */
export const rateTone = (rate: number): BadgeTone =>
  rate >= 0.1 ? "error" : rate > 0 ? "warning" : "success";

/** The stats window's first day: `days` back from `today` (YYYY-MM-DD, UTC). */
export function sinceDay(today: Date, days: number): string {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
