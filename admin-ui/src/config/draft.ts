// Relative imports, not the apps' ~core alias: unit tests load this file without it.
import { type ConfigSection, configValueSchema } from "../../../core/contract/live-config";

/**
 * A section's form (README "Live configuration"): every entry (a plan, a rate-limit rule) with
 * its fields, typed as text or ticked; checked with the section's own zod schema before
 * anything is sent, and the server's issues placed on the same fields. Pure.
 */

export type SectionValue = Record<string, Record<string, unknown>>;
/**
 * A cell: text typed, a box ticked, the names ticked in a group (a flag's plans), or a list of
 * records this form does not edit (the strike thresholds, which have their own page), kept as is.
 */
export type Cell = string | boolean | string[] | { kept: unknown[] };

const isRecordList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.some((item) => typeof item === "object" && item !== null);
export type Draft = Record<string, Record<string, Cell>>;

/** A field's key in the errors map: `free.exportsPerMonth`. */
export const fieldKey = (entry: string, field: string) => `${entry}.${field}`;

export function toDraft(value: SectionValue): Draft {
  const draft: Draft = {};
  for (const [entry, fields] of Object.entries(value)) {
    draft[entry] = {};
    for (const [field, current] of Object.entries(fields))
      draft[entry][field] = isRecordList(current)
        ? { kept: current }
        : Array.isArray(current)
          ? current.map(String)
          : typeof current === "boolean"
            ? current
            : current === null
              ? ""
              : String(current);
  }
  return draft;
}

/** Empty is null (unlimited, where the field allows it); anything else not a number stays text for zod to name. */
const parseCell = (cell: Cell): unknown => {
  if (typeof cell === "boolean" || Array.isArray(cell)) return cell;
  if (typeof cell === "object") return cell.kept;
  const text = cell.trim();
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
};

export function fromDraft(draft: Draft): SectionValue {
  const value: SectionValue = {};
  for (const [entry, fields] of Object.entries(draft)) {
    value[entry] = {};
    for (const [field, cell] of Object.entries(fields)) value[entry][field] = parseCell(cell);
  }
  return value;
}

export interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** Issues by field key; issues not about one field (an unknown entry) under "". */
export function issuesByField(issues: readonly Issue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const [entry, field] = issue.path.map(String);
    const key = entry !== undefined && field !== undefined ? fieldKey(entry, field) : "";
    byField[key] ??= issue.message;
  }
  return byField;
}

export type DraftCheck =
  | { ok: true; value: SectionValue }
  | { ok: false; errors: Record<string, string> };

/** The draft checked with the schema the Worker uses; `entries` names the rate-limit rules. */
export function checkDraft(
  section: ConfigSection,
  draft: Draft,
  entries: readonly string[],
): DraftCheck {
  const value = fromDraft(draft);
  const parsed = configValueSchema(section, entries).safeParse(value);
  return parsed.success
    ? { ok: true, value }
    : { ok: false, errors: issuesByField(parsed.error.issues) };
}

/** A server refusal's issues (paths under `value`) by field key, or null when it has none. */
export function serverIssues(error: unknown): Record<string, string> | null {
  const details = (error as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return null;
  const under = (details as Issue[])
    .filter((issue) => Array.isArray(issue.path) && issue.path[0] === "value")
    .map((issue) => ({ ...issue, path: issue.path.slice(1) }));
  return under.length > 0 ? issuesByField(under) : null;
}

export interface Change {
  entry: string;
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * What differs between two values of a section, field by field (`from` is `base`'s); an entry
 * only one of them has (an email override) differs in each of its fields.
 */
export function diffValues(base: SectionValue, other: SectionValue): Change[] {
  const changes: Change[] = [];
  for (const entry of new Set([...Object.keys(base), ...Object.keys(other)])) {
    const fields = new Set([...Object.keys(base[entry] ?? {}), ...Object.keys(other[entry] ?? {})]);
    for (const field of fields) {
      const from = base[entry]?.[field];
      const to = other[entry]?.[field];
      if (JSON.stringify(to) !== JSON.stringify(from)) changes.push({ entry, field, from, to });
    }
  }
  return changes;
}

/** A value as the page shows it: unlimited for null, yes/no for a flag. */
export const showValue = (value: unknown): string =>
  value === null
    ? "unlimited"
    : typeof value === "boolean"
      ? value
        ? "yes"
        : "no"
      : value === undefined
        ? "—"
        : isRecordList(value)
          ? value.map((item) => JSON.stringify(item)).join(" ¶ ")
          : Array.isArray(value)
            ? value.map(String).join(" ¶ ")
            : String(value);
