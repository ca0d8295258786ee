import { type Change, diffWords } from "diff";
import { SECTION_TITLES } from "./layout";
import { type ResumeData, STANDARD_SECTIONS } from "./schema";

/**
 * What changed between two states of a resume, for the version history (README "Version
 * history"): by section, then entry, then field, with a word diff of each changed text. Entries
 * are matched by their stable `id` (by position when they have none), so an entry that moved
 * shows as a reorder, not as every field changing. Pure, so the browser computes it from the
 * two documents it already has.
 */
export type ChangeKind = "added" | "removed" | "changed";
export interface TextPart {
  text: string;
  change: "added" | "removed" | null;
}
export interface FieldDiff {
  field: string;
  change: ChangeKind;
  parts: TextPart[];
}
export interface EntryDiff {
  /** The entry's title ("Engineer at Acme"); null for a section's own fields. */
  entry: string | null;
  change: ChangeKind;
  fields: FieldDiff[];
}
export interface SectionDiff {
  key: string;
  title: string;
  entries: EntryDiff[];
}

type Json = unknown;
type Fields = Map<string, { label: string; text: string }>;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `startDate` → "Start date". */
const humanize = (key: string) => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const TITLE_FIELDS = ["position", "title", "name", "institution", "organization", "language"];
const entryTitle = (entry: Json, fallback: string): string => {
  if (!isObject(entry)) return fallback;
  const parts = TITLE_FIELDS.map((field) => entry[field]).filter(
    (value): value is string => typeof value === "string" && value.trim() !== "",
  );
  return parts.slice(0, 2).join(" · ") || fallback;
};

const keyed = (items: Json[]): Map<string, Json> =>
  new Map(
    items.map((item, index) => [
      isObject(item) && typeof item.id === "string" ? `id:${item.id}` : `#${index}`,
      item,
    ]),
  );

const asText = (value: Json): string => {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return "";
};

/** Leaf texts of an entry, by path; lists of words or lines become one text. */
function flatten(value: Json, path: string, label: string, into: Fields): Fields {
  if (Array.isArray(value)) {
    if (value.every((item) => !isObject(item) && !Array.isArray(item))) {
      const text = value.map(asText).join("\n");
      if (text !== "") into.set(path, { label, text });
      return into;
    }
    for (const [key, item] of keyed(value)) {
      const name = entryTitle(item, label);
      flatten(item, `${path}/${key}`, label ? `${label} › ${name}` : name, into);
    }
    return into;
  }
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "id") continue;
      flatten(item, `${path}/${key}`, label ? `${label} › ${humanize(key)}` : humanize(key), into);
    }
    return into;
  }
  const text = asText(value);
  if (text !== "") into.set(path, { label, text });
  return into;
}

const wordParts = (before: string, after: string): TextPart[] =>
  diffWords(before, after).map((part: Change) => ({
    text: part.value,
    change: part.added ? "added" : part.removed ? "removed" : null,
  }));

function diffFields(before: Json, after: Json): FieldDiff[] {
  const old = flatten(before, "", "", new Map());
  const now = flatten(after, "", "", new Map());
  const fields: FieldDiff[] = [];
  for (const [path, { label, text }] of now) {
    const was = old.get(path)?.text ?? "";
    if (was === text) continue;
    fields.push({
      field: label,
      change: was === "" ? "added" : "changed",
      parts: wordParts(was, text),
    });
  }
  for (const [path, { label, text }] of old) {
    if (!now.has(path))
      fields.push({ field: label, change: "removed", parts: wordParts(text, "") });
  }
  return fields;
}

function diffEntries(before: Json, after: Json): EntryDiff[] {
  const old = keyed(Array.isArray(before) ? before : []);
  const now = keyed(Array.isArray(after) ? after : []);
  const entries: EntryDiff[] = [];
  for (const [key, item] of now) {
    const fields = diffFields(old.get(key), item);
    if (fields.length === 0) continue;
    const title = entryTitle(item, "Untitled entry");
    entries.push({ entry: title, change: old.has(key) ? "changed" : "added", fields });
  }
  for (const [key, item] of old) {
    if (now.has(key)) continue;
    const title = entryTitle(item, "Untitled entry");
    entries.push({ entry: title, change: "removed", fields: diffFields(item, undefined) });
  }
  const kept = (items: Map<string, Json>, other: Map<string, Json>) =>
    [...items.keys()].filter((key) => other.has(key));
  const wasOrder = kept(old, now);
  const isOrder = kept(now, old);
  if (wasOrder.join("\n") !== isOrder.join("\n")) {
    // titled as they are now, so a renamed entry that also moved reads as one entry
    const titles = (keys: string[]) =>
      keys.map((key) => entryTitle(now.get(key), "Untitled entry")).join(", ");
    entries.push({
      entry: null,
      change: "changed",
      fields: [
        {
          field: "Order",
          change: "changed",
          parts: wordParts(titles(wasOrder), titles(isOrder)),
        },
      ],
    });
  }
  return entries;
}

const section = (key: string, title: string, entries: EntryDiff[]): SectionDiff[] =>
  entries.length === 0 ? [] : [{ key, title, entries }];

const objectSection = (key: string, title: string, before: Json, after: Json) => {
  const fields = diffFields(before, after);
  return section(key, title, fields.length ? [{ entry: null, change: "changed", fields }] : []);
};

/** The changes from `before` (a saved version) to `after` (the resume now), in reading order. */
export function diffResumes(before: ResumeData, after: ResumeData): SectionDiff[] {
  const old = before as Record<string, Json>;
  const now = after as Record<string, Json>;
  const sections: SectionDiff[] = [];
  for (const key of STANDARD_SECTIONS) {
    sections.push(
      ...(key === "basics"
        ? objectSection(key, SECTION_TITLES[key], old[key], now[key])
        : section(key, SECTION_TITLES[key], diffEntries(old[key], now[key]))),
    );
  }
  const customs = (data: ResumeData) => keyed(data.customSections ?? []);
  const oldCustom = customs(before);
  const nowCustom = customs(after);
  for (const key of new Set([...oldCustom.keys(), ...nowCustom.keys()])) {
    const was = oldCustom.get(key) as Record<string, Json> | undefined;
    const is = nowCustom.get(key) as Record<string, Json> | undefined;
    const title = asText(is?.title ?? was?.title) || "Custom section";
    const id = asText(is?.id ?? was?.id) || key;
    const { items: wasItems, ...wasHead } = was ?? {};
    const { items: isItems, ...isHead } = is ?? {};
    const head = diffFields(wasHead, isHead);
    sections.push(
      ...section(id, title, [
        ...(head.length ? [{ entry: null, change: "changed" as const, fields: head }] : []),
        ...diffEntries(wasItems, isItems),
      ]),
    );
  }
  sections.push(...objectSection("meta", "Layout and style", old.meta, now.meta));
  const known = new Set<string>([...STANDARD_SECTIONS, "customSections", "meta"]);
  const others = (data: Record<string, Json>) =>
    Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key)));
  sections.push(...objectSection("other", "Other fields", others(old), others(now)));
  return sections;
}
