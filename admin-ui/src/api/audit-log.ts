import type { AuditEntry } from "~core/contract/admin";
import type { ApiClient, ListPage } from "~kit/api/client";

/** One administrative action, as GET /api/admin/audit-logs lists it. */
export type { AuditEntry } from "~core/contract/admin";

export const AUDIT_FILTER_NAMES = [
  "actor",
  "action",
  "resource_type",
  "resource_id",
  "from",
  "to",
] as const;
export type AuditFilterName = (typeof AUDIT_FILTER_NAMES)[number];
export type AuditFilters = Partial<Record<AuditFilterName, string>> & { page: number };

export const AUDIT_PER_PAGE = 25;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A bare date as the end of a range means the whole of that day (UTC). */
const endOf = (value: string | undefined) =>
  value && DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value;

export const listAuditLog = (
  api: ApiClient,
  filters: AuditFilters,
): Promise<ListPage<AuditEntry>> =>
  api.list<AuditEntry>("/api/admin/audit-logs", {
    query: { ...filters, to: endOf(filters.to), per_page: AUDIT_PER_PAGE },
  });
