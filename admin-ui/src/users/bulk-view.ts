// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import {
  BULK_MAX_IDS,
  BULK_SUSPEND_MAX_IDS,
  type BulkEmailRequest,
  type BulkEmailTemplate,
  type BulkFilter,
  type BulkSelection,
  type BulkSuspendRequest,
  type BulkSuspendResult,
  bulkEmailRequestSchema,
  bulkSuspendRequestSchema,
} from "../../../core/contract/admin-bulk";
import type { AdminUsersQuery } from "../../../core/contract/admin-users";

/**
 * What the Users list's bulk actions act on and say (README "Admin: users", bulk actions).
 * Pure: the page keeps the state and passes what it shows.
 */

/** Ticked rows (kept across pages), or every account the list's filter matches. */
export type ListSelection =
  | { kind: "ids"; ids: ReadonlySet<string> }
  | { kind: "filter"; filter: BulkFilter; total: number };

export const noSelection = (): ListSelection => ({ kind: "ids", ids: new Set() });

/** The list's filter without its page and sort: what "every matching account" means. */
export function filterOf(query: AdminUsersQuery): BulkFilter {
  const { page: _page, per_page: _perPage, sort: _sort, order: _order, ...filter } = query;
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined && value !== ""),
  ) as BulkFilter;
}

/** The same filter (key order and unset fields aside): the selection still means the list. */
export const sameFilter = (a: BulkFilter, b: BulkFilter) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Rows ticked or unticked. */
export function toggleIds(
  selection: ListSelection,
  ids: readonly string[],
  checked: boolean,
): ListSelection {
  const next = new Set(selection.kind === "ids" ? selection.ids : []);
  for (const id of ids) {
    if (checked) next.add(id);
    else next.delete(id);
  }
  return { kind: "ids", ids: next };
}

export const selectedCount = (selection: ListSelection) =>
  selection.kind === "ids" ? selection.ids.size : selection.total;

export const isSelected = (selection: ListSelection, id: string) =>
  selection.kind === "filter" || selection.ids.has(id);

/** "3 accounts selected", "All 12,400 matching accounts selected". */
export function selectionLabel(selection: ListSelection): string {
  const count = selectedCount(selection);
  const accounts = `${count.toLocaleString("en")} ${count === 1 ? "account" : "accounts"}`;
  return selection.kind === "filter"
    ? `All ${accounts} matching this search selected`
    : `${accounts} selected`;
}

/**
 * Offer "Select all N matching" once the whole page is ticked and the search matches more
 * than is ticked.
 */
export function offerAllMatching(
  selection: ListSelection,
  pageIds: readonly string[],
  total: number,
): boolean {
  if (selection.kind !== "ids" || pageIds.length === 0) return false;
  return pageIds.every((id) => selection.ids.has(id)) && total > selection.ids.size;
}

/** The selection as the API takes it, or why it cannot be sent as it is. */
export function apiSelection(
  selection: ListSelection,
): { ok: true; selection: BulkSelection } | { ok: false; problem: string } {
  if (selection.kind === "filter") return { ok: true, selection: { filter: selection.filter } };
  if (selection.ids.size === 0) return { ok: false, problem: "Select accounts first." };
  if (selection.ids.size > BULK_MAX_IDS) {
    return {
      ok: false,
      problem: `Tick at most ${BULK_MAX_IDS.toLocaleString("en")} accounts, or select every account matching the search.`,
    };
  }
  return { ok: true, selection: { ids: [...selection.ids] } };
}

/**
 * Why Suspend cannot take this selection, or null: it goes account by account through each
 * ban workflow, so only ticked accounts, at most 100 at once.
 */
export function suspendProblem(selection: ListSelection): string | null {
  if (selection.kind === "filter") {
    return `Suspend takes ticked accounts only (at most ${BULK_SUSPEND_MAX_IDS}), not a whole search.`;
  }
  if (selection.ids.size > BULK_SUSPEND_MAX_IDS) {
    return `Suspend at most ${BULK_SUSPEND_MAX_IDS} accounts at once (${selection.ids.size} ticked).`;
  }
  return null;
}

export type SuspendField = "days" | "reason" | "note";

/** The suspension as the API's schema takes it, or each field's problem in words. */
export function checkSuspendDraft(
  ids: readonly string[],
  draft: { days: string; reason: string; note: string },
):
  | { ok: true; request: BulkSuspendRequest }
  | { ok: false; issues: Partial<Record<SuspendField, string>> } {
  const note = draft.note.trim();
  const parsed = bulkSuspendRequestSchema.safeParse({
    ids,
    days: draft.days.trim() === "" ? Number.NaN : Number(draft.days),
    reason: draft.reason,
    note: note || undefined,
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues: Partial<Record<SuspendField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "days") issues.days ??= "Enter a whole number of days from 1 to 30.";
    if (field === "reason") issues.reason ??= "Choose a reason.";
    if (field === "note") issues.note ??= "Keep the note to 500 characters.";
  }
  return { ok: false, issues };
}

export const EMAIL_TEMPLATE_LABELS: Record<BulkEmailTemplate, string> = {
  service_notice: "Service notice",
  policy_update: "Policy update",
  account_notice: "Account notice",
};

export type EmailField = "template" | "subject" | "message";

/** The email as the API's schema takes it, or each field's problem in words. */
export function checkEmailDraft(
  selection: BulkSelection,
  draft: { template: string; subject: string; message: string },
):
  | { ok: true; request: BulkEmailRequest }
  | { ok: false; issues: Partial<Record<EmailField, string>> } {
  const parsed = bulkEmailRequestSchema.safeParse({ selection, ...draft });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues: Partial<Record<EmailField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "template") issues.template ??= "Choose a template.";
    if (field === "subject") {
      issues.subject ??= draft.subject.trim()
        ? "Keep the subject to 120 characters."
        : "Write a subject.";
    }
    if (field === "message") {
      issues.message ??= draft.message.trim()
        ? "Keep the message to 5,000 characters."
        : "Write the message.";
    }
  }
  return { ok: false, issues };
}

export const SKIP_REASON_LABELS: Record<BulkSuspendResult["skipped"][number]["reason"], string> = {
  not_found: "no such account",
  yourself: "your own account",
  staff: "a staff account",
  already_banned: "already banned",
};

/** "2 accounts suspended, 1 skipped" (the workflow applies each within seconds). */
export function suspendSummary(result: BulkSuspendResult): string {
  const n = result.requested.length;
  const done = `Suspension requested for ${n} ${n === 1 ? "account" : "accounts"}`;
  return result.skipped.length ? `${done}, ${result.skipped.length} skipped` : done;
}
