// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import type { Permission } from "../../../core/auth/permissions";
import {
  type AccountStanding,
  type SanctionAction,
  type SanctionView,
  sanctionActionSchema,
} from "../../../core/contract/sanctions";

/**
 * What the account standing page shows and lets a person do (README "Strikes" and "Bans").
 * Pure: the page passes who may do what, the clock's formatter and the answers it read.
 */

export interface StandingActions {
  /** A manual strike: `content.moderate`. */
  addStrike: boolean;
  /** Suspend, ban, lift: `users.write` (the API also wants a recent second factor). */
  suspend: boolean;
  ban: boolean;
  lift: boolean;
}

/**
 * The actions to offer: each only to a role holding its permission, and only when it can
 * change something — a deleted or banned account is not suspended or banned again, and lift
 * needs an active sanction. The standing may still be loading (null): then no sanction action.
 */
export function standingActions(
  can: (permission: Permission) => boolean,
  standing: Pick<AccountStanding, "status" | "sanctions"> | null,
): StandingActions {
  const write = can("users.write") && standing !== null;
  const status = standing?.status;
  const open = status !== "deleted" && status !== "banned";
  return {
    addStrike: can("content.moderate") && status !== "deleted",
    suspend: write && open,
    ban: write && open,
    lift: write && (standing?.sanctions.some((sanction) => sanction.active) ?? false),
  };
}

/**
 * A sanction's span in words: "5 Dec 2026, 10:00 → 12 Dec 2026, 10:00", "… → until lifted"
 * for a ban, with the lift when there was one (who and why are shown beside it).
 */
export function sanctionSpan(
  sanction: Pick<SanctionView, "kind" | "starts_at" | "ends_at" | "lifted_at">,
  format: (iso: string) => string,
): string {
  const end = sanction.ends_at ? format(sanction.ends_at) : "until lifted";
  const span = `${format(sanction.starts_at)} → ${end}`;
  return sanction.lifted_at ? `${span} (lifted ${format(sanction.lifted_at)})` : span;
}

export type RequestProgress =
  | { state: "waiting" }
  | { state: "processed"; result: string | null; processedAt: string }
  /** Not in the standing's list (yet): keep asking, the list may lag the 202 by a moment. */
  | { state: "unknown" };

/** Where an escalation request stands in a freshly read standing. */
export function requestProgress(standing: AccountStanding, requestId: string): RequestProgress {
  const request = standing.requests.find((candidate) => candidate.id === requestId);
  if (!request) return { state: "unknown" };
  if (request.processed_at === null) return { state: "waiting" };
  return { state: "processed", result: request.result, processedAt: request.processed_at };
}

/** The escalation request a manual strike writes (README "Bans": keyed `strike:{id}`). */
export const strikeRequestId = (strikeId: string) => `strike:${strikeId}`;

export interface SanctionDraft {
  action: "suspend" | "ban" | "lift";
  /** As typed in the days field. */
  days: string;
  reason: string;
  note: string;
}

export type SanctionField = "days" | "reason" | "note";

export type DraftCheck =
  | { ok: true; action: SanctionAction }
  | { ok: false; issues: Partial<Record<SanctionField, string>> };

/**
 * The action as the API's own schema takes it (core/contract/sanctions.ts), or the problem with
 * each field in the same words, before anything is sent.
 */
export function checkSanctionDraft(draft: SanctionDraft): DraftCheck {
  const note = draft.note.trim();
  const days = draft.days.trim() === "" ? Number.NaN : Number(draft.days);
  const candidate =
    draft.action === "lift"
      ? { action: "lift", note }
      : draft.action === "suspend"
        ? { action: "suspend", days, reason: draft.reason, note: note || undefined }
        : { action: "ban", reason: draft.reason, note: note || undefined };
  const parsed = sanctionActionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, action: parsed.data };
  const issues: Partial<Record<SanctionField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== "days" && field !== "reason" && field !== "note") continue;
    issues[field] ??=
      field === "days"
        ? "Enter a whole number of days from 1 to 30."
        : field === "reason"
          ? "Choose a reason."
          : issue.message;
  }
  return { ok: false, issues };
}

/**
 * Whether an action's request may have reached the server without its answer reaching us
 * (offline, a 5xx): then sending it again keeps its `Idempotency-Key`, so the server replays
 * its first answer; any definite answer ends the key. Duck-typed on ApiError's `status`.
 */
export const answerMayBeLost = (error: unknown): boolean => {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== "number" || status === 0 || status >= 500;
};

export const newIdempotencyKey = () => `admin-${crypto.randomUUID()}`;
