// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import {
  type AdminUsersQuery,
  adminUsersQuerySchema,
  type SortOrder,
  USER_SORT_FIELDS,
  type UserSortField,
} from "../../../core/contract/admin-users";

/**
 * What the Users list keeps in its URL (README "Admin: users"): the search, every filter, the
 * sort and the page, so a reload or a shared link shows the same list. Pure: the page passes
 * the URL's query and gets back what to ask the API and what to write to the URL.
 */

export const USERS_PER_PAGE = 25;

export const USER_FILTER_NAMES = [
  "q",
  "status",
  "plan",
  "role",
  "signed_up_from",
  "signed_up_to",
  "active_from",
  "active_to",
  "has_mfa",
] as const;
export type UserFilterName = (typeof USER_FILTER_NAMES)[number];

export type UserListSearch = Partial<Record<UserFilterName | "sort" | "order" | "page", string>>;

/**
 * The list query from the URL. Each value is checked on its own against the API's schema, so
 * one bad value (a hand-edited link) drops only itself instead of the whole query.
 */
export function parseUserListSearch(search: UserListSearch): AdminUsersQuery {
  const fields = adminUsersQuerySchema.shape;
  const query: Record<string, unknown> = {};
  for (const name of [...USER_FILTER_NAMES, "sort", "order", "page"] as const) {
    const raw = search[name];
    if (raw === undefined || raw === "") continue;
    const parsed = fields[name].safeParse(raw);
    if (parsed.success && parsed.data !== undefined && parsed.data !== "")
      query[name] = parsed.data;
  }
  return adminUsersQuerySchema.parse({ ...query, per_page: USERS_PER_PAGE });
}

/** The API query for a list: only what is set, defaults left out. */
export function apiQuery(query: AdminUsersQuery): Record<string, string | number | undefined> {
  const { per_page, page, sort, order, ...filters } = query;
  return { ...filters, sort, order, page, per_page };
}

/** A new filter value for the URL: an empty value removes it, and any change goes to page 1. */
export function withFilter(name: UserFilterName, value: string): UserListSearch {
  return { [name]: value.trim() === "" ? undefined : value.trim(), page: undefined };
}

/** Newest sign-ups first is the default; it stays out of the URL. */
const DEFAULT_SORT: UserSortField = "created_at";
const DEFAULT_ORDER: SortOrder = "desc";

/**
 * Clicking a column heading: the same column flips its order; another column starts with the
 * order people look for first there (A→Z for email, newest first for dates).
 */
export function nextSort(query: AdminUsersQuery, field: UserSortField): UserListSearch {
  const order: SortOrder =
    query.sort === field
      ? query.order === "asc"
        ? "desc"
        : "asc"
      : field === "email"
        ? "asc"
        : "desc";
  const isDefault = field === DEFAULT_SORT && order === DEFAULT_ORDER;
  return {
    sort: isDefault ? undefined : field,
    order: isDefault ? undefined : order,
    page: undefined,
  };
}

/** `aria-sort` for a column heading. */
export function ariaSort(query: AdminUsersQuery, field: UserSortField) {
  if (query.sort !== field) return "none" as const;
  return query.order === "asc" ? ("ascending" as const) : ("descending" as const);
}

export const SORT_LABELS: Record<UserSortField, string> = {
  created_at: "Signed up",
  last_login_at: "Last signed in",
  email: "Email",
};

export const isSortField = (value: string): value is UserSortField =>
  (USER_SORT_FIELDS as readonly string[]).includes(value);

/** Whether any filter or search is set (the page then offers "Clear filters"). */
export const hasFilters = (search: UserListSearch) =>
  USER_FILTER_NAMES.some((name) => (search[name] ?? "") !== "");

/** Every filter and the page removed; the sort stays. */
export const clearedFilters = (): UserListSearch =>
  Object.fromEntries([...USER_FILTER_NAMES, "page"].map((name) => [name, undefined]));

/** The longest staff note the API takes (core/contract/admin-users.ts). */
export const NOTE_MAX_CHARS = 2000;

/** What is wrong with a note as typed, checked before it is sent; undefined when it can go. */
export function noteProblem(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === "") return "Write the note first.";
  if (trimmed.length > NOTE_MAX_CHARS)
    return `Keep it to ${NOTE_MAX_CHARS} characters (now ${trimmed.length}).`;
  return undefined;
}
