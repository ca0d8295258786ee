// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import type { UserStatus } from "../../../core/auth/identity";
import {
  type IpBanRequest,
  type IpBanView,
  ipBanRequestSchema,
  type LinkedAccount,
  type LinkedBanRequest,
  type LinkSignal,
  linkedBanRequestSchema,
} from "../../../core/contract/appeals";
import {
  BAN_REASONS,
  type BanReason,
  SANCTION_KINDS,
  type SanctionKind,
} from "../../../core/moderation/sanctions";

/**
 * What the bans page and the linked-accounts section show and send (README "Bans"). Pure: the
 * pages pass what was typed and what they read.
 */

export const BAN_STATES = ["active", "expiring", "all"] as const;
/** `active` (default), `expiring` (a suspension ending within 48 hours), or `all`. */
export type BanState = (typeof BAN_STATES)[number];

export interface BanFilters {
  kind?: SanctionKind;
  reason?: BanReason;
  state: BanState;
  page: number;
}

export type BanFilterName = "kind" | "reason" | "state";

const pick = <T extends string>(values: readonly T[], value: string | undefined) =>
  values.find((candidate) => candidate === value);

export const pageOf = (value: string | undefined): number =>
  Math.max(1, Number.parseInt(value ?? "1", 10) || 1);

/** The account bans' filters from the URL query; anything unknown falls back to the default. */
export function parseBanFilters(
  search: Partial<Record<BanFilterName | "page", string>>,
): BanFilters {
  return {
    kind: pick(SANCTION_KINDS, search.kind),
    reason: pick(BAN_REASONS, search.reason),
    state: pick(BAN_STATES, search.state) ?? "active",
    page: pageOf(search.page),
  };
}

export interface IpBanDraft {
  range: string;
  reason: string;
  note: string;
  /** As typed; empty: until lifted. */
  days: string;
}

export type IpBanField = "range" | "reason" | "note" | "days";

export type Checked<T, F extends string> =
  | { ok: true; request: T }
  | { ok: false; issues: Partial<Record<F, string>> };

/**
 * The address ban as the API's schema takes it, or what is wrong with each field. Whether the
 * range is a valid address or CIDR (and not too wide) is the server's to say: it answers 400
 * with the reason, shown in the dialog.
 */
export function checkIpBanDraft(draft: IpBanDraft): Checked<IpBanRequest, IpBanField> {
  const days = draft.days.trim() === "" ? undefined : Number(draft.days);
  const note = draft.note.trim();
  const parsed = ipBanRequestSchema.safeParse({
    range: draft.range,
    reason: draft.reason,
    note: note || undefined,
    days,
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues: Partial<Record<IpBanField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "range") issues.range ??= "Enter an address or a range, like 203.0.113.0/24.";
    if (field === "reason") issues.reason ??= "Choose a reason.";
    if (field === "days")
      issues.days ??= "Enter a whole number of days from 1 to 365, or leave it empty.";
    if (field === "note") issues.note ??= issue.message;
  }
  return { ok: false, issues };
}

/** "Until lifted", "Until 12 Dec 2026, 10:00", or when it ended. */
export function ipBanSpan(
  ban: Pick<IpBanView, "expires_at" | "lifted_at" | "active">,
  format: (iso: string) => string,
): string {
  if (ban.lifted_at) return `Lifted ${format(ban.lifted_at)}`;
  if (!ban.expires_at) return "Until lifted";
  return ban.active ? `Until ${format(ban.expires_at)}` : `Ended ${format(ban.expires_at)}`;
}

export const LINK_SIGNAL_LABELS: Record<LinkSignal, string> = {
  email_alias: "Same email address (alias)",
  device: "Same device or passkey",
  card: "Same payment card",
  signup_address: "Same sign-up address",
};

/** A banned or deleted account has nothing left to ban: it is listed but not offered. */
export const mayBanLinked = (status: UserStatus): boolean =>
  status !== "banned" && status !== "deleted";

/** The selection kept to accounts still listed and still bannable (the list may be re-read). */
export function selectableIds(
  accounts: readonly Pick<LinkedAccount, "user_id" | "status">[],
  selected: ReadonlySet<string>,
): string[] {
  return accounts
    .filter((account) => mayBanLinked(account.status) && selected.has(account.user_id))
    .map((account) => account.user_id);
}

export interface LinkedBanDraft {
  userIds: string[];
  reason: string;
  note: string;
}

export type LinkedBanField = "user_ids" | "reason" | "note";

/** The linked ban as the API's schema takes it, or what is wrong with each part. */
export function checkLinkedBanDraft(
  draft: LinkedBanDraft,
): Checked<LinkedBanRequest, LinkedBanField> {
  const note = draft.note.trim();
  const parsed = linkedBanRequestSchema.safeParse({
    user_ids: draft.userIds,
    reason: draft.reason,
    note: note || undefined,
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues: Partial<Record<LinkedBanField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "user_ids")
      issues.user_ids ??=
        draft.userIds.length === 0
          ? "Select at least one linked account."
          : "Select at most 50 accounts.";
    if (field === "reason") issues.reason ??= "Choose a reason.";
    if (field === "note") issues.note ??= issue.message;
  }
  return { ok: false, issues };
}

/** Refusals of an address ban that are about the range typed: shown on that field. */
export const isRangeRefusal = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "invalid_range" || code === "range_too_wide" || code === "own_address";
};

/** How many of the accounts a linked ban asked for show as banned in a fresh read. */
export function linkedBanProgress(
  accounts: readonly Pick<LinkedAccount, "user_id" | "status">[],
  targetIds: readonly string[],
): { banned: number; total: number } {
  const banned = accounts.filter(
    (account) => targetIds.includes(account.user_id) && account.status === "banned",
  ).length;
  return { banned, total: targetIds.length };
}
