// The CSV of a bulk export (README "Admin: users", bulk actions): RFC 4180 text that a
// spreadsheet opens without running anything in it.
import { BULK_EXPORT_COLUMNS } from "../../core/contract/admin-bulk";

export type BulkExportColumn = (typeof BULK_EXPORT_COLUMNS)[number];

/** One account as the export reads it from D1. */
export interface ExportAccount {
  id: string;
  email: string;
  name: string;
  status: string;
  role: string;
  plan: string;
  emailVerifiedAt: number | null;
  mfaEnabled: boolean;
  customerId: string | null;
  createdAt: number;
  lastLoginAt: number | null;
}

/**
 * A spreadsheet reads a cell starting with one of these as a formula (`=HYPERLINK(…)` in a
 * name someone chose at sign-up). OWASP's "CSV injection" advice: start such a cell with `'`,
 * which makes it text and shows what was typed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell holding one of these is quoted, its quotes doubled (RFC 4180 §2.6–2.7). */
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: empty for null, defused, quoted when it must be. */
export function csvCell(value: string | null): string {
  if (value === null) return "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended by CRLF as RFC 4180 has it. */
export const csvLine = (cells: readonly (string | null)[]): string =>
  `${cells.map(csvCell).join(",")}\r\n`;

/** The first line: the column names of the contract, in its order. */
export const csvHeader = (): string => csvLine(BULK_EXPORT_COLUMNS);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An account's cells, named by column so a column added to the contract cannot be missed. */
function cellsOf(account: ExportAccount): Record<BulkExportColumn, string | null> {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    status: account.status,
    role: account.role,
    plan: account.plan,
    email_verified: String(account.emailVerifiedAt !== null),
    mfa_enabled: String(account.mfaEnabled),
    customer_id: account.customerId,
    created_at: iso(account.createdAt),
    last_login_at: iso(account.lastLoginAt),
  };
}

/** An account's record, its cells in the header's order. */
export function csvRecord(account: ExportAccount): string {
  const cells = cellsOf(account);
  return csvLine(BULK_EXPORT_COLUMNS.map((column) => cells[column]));
}
