/**
 * Edits of the resume document as pure functions: each takes a document and returns a new
 * one (the same object when nothing changed), so the undo history can keep every state by
 * reference and the autosave can tell "changed since the last save" by identity.
 * Relative imports: tests/unit runs this in Node, outside the app's aliases.
 */
import { MOVABLE_SECTIONS } from "../../../core/resume/layout";
import {
  type CustomSection,
  LIMITS,
  type ResumeData,
  type ResumeStyle,
  type SectionKey,
  type StandardSection,
} from "../../../core/resume/schema";

/** The sections whose entries are edited as a list (besides profiles and custom sections). */
export type ListSection = Exclude<StandardSection, "basics">;
/** Where a list of entries lives: a standard section, `basics.profiles` or a custom section id. */
export type ListRef = ListSection | "basics.profiles" | `custom-${string}`;

export type Entry = { id?: string; hidden?: boolean } & Record<string, unknown>;

let idCounter = 0;
/** Ids only need to be unique within one document; a random part keeps tabs from colliding. */
export function newId(prefix = "e"): string {
  idCounter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${random}${idCounter.toString(36)}`;
}

const isCustom = (ref: string): ref is `custom-${string}` => ref.startsWith("custom-");

/** The entries of a list, or an empty list. */
export function entriesOf(doc: ResumeData, ref: ListRef): Entry[] {
  if (ref === "basics.profiles") return (doc.basics?.profiles ?? []) as Entry[];
  if (isCustom(ref))
    return (doc.customSections?.find((section) => section.id === ref)?.items ?? []) as Entry[];
  return ((doc as Record<string, unknown>)[ref] ?? []) as Entry[];
}

function withEntries(doc: ResumeData, ref: ListRef, entries: Entry[]): ResumeData {
  if (ref === "basics.profiles")
    return { ...doc, basics: { ...doc.basics, profiles: entries as never } };
  if (isCustom(ref)) {
    return {
      ...doc,
      customSections: (doc.customSections ?? []).map((section) =>
        section.id === ref ? { ...section, items: entries as CustomSection["items"] } : section,
      ),
    };
  }
  return { ...doc, [ref]: entries };
}

const ALL_LISTS = (doc: ResumeData): ListRef[] => [
  "basics.profiles",
  ...MOVABLE_SECTIONS,
  ...(doc.customSections ?? []).map((section) => section.id as `custom-${string}`),
];

/**
 * Gives every entry an id (documents from other tools have none), so the editor can keep
 * an entry's fields in place while others move, and name it in undo and announcements.
 */
export function ensureIds(doc: ResumeData, makeId: () => string = newId): ResumeData {
  let result = doc;
  for (const ref of ALL_LISTS(doc)) {
    const entries = entriesOf(result, ref);
    const seen = new Set<string>();
    let changed = false;
    const fixed = entries.map((entry) => {
      if (typeof entry.id === "string" && entry.id && !seen.has(entry.id)) {
        seen.add(entry.id);
        return entry;
      }
      changed = true;
      const id = makeId();
      seen.add(id);
      return { ...entry, id };
    });
    if (changed) result = withEntries(result, ref, fixed);
  }
  return result;
}

/** Moves one item of a list to another index (clamped); the same list when it stays. */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from < 0 || from >= items.length || from === target) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved as T);
  return next;
}

export function addEntry(
  doc: ResumeData,
  ref: ListRef,
  entry: Record<string, unknown> = {},
  makeId: () => string = newId,
): { doc: ResumeData; id: string } {
  const entries = entriesOf(doc, ref);
  const id = makeId();
  if (entries.length >= LIMITS.sectionItems) return { doc, id: "" };
  return { doc: withEntries(doc, ref, [...entries, { ...entry, id }]), id };
}

export function updateEntry(
  doc: ResumeData,
  ref: ListRef,
  id: string,
  patch: Record<string, unknown>,
): ResumeData {
  const entries = entriesOf(doc, ref);
  const index = entries.findIndex((entry) => entry.id === id);
  const current = entries[index];
  if (!current) return doc;
  if (Object.entries(patch).every(([key, value]) => current[key] === value)) return doc;
  const next = { ...current, ...patch };
  // an emptied optional field is left out rather than stored as ""
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
  return withEntries(doc, ref, entries.with(index, next));
}

export function removeEntry(doc: ResumeData, ref: ListRef, id: string): ResumeData {
  const entries = entriesOf(doc, ref);
  const next = entries.filter((entry) => entry.id !== id);
  return next.length === entries.length ? doc : withEntries(doc, ref, next);
}

/** Moves an entry to `to` (an index); returns the new document and where it landed. */
export function moveEntry(
  doc: ResumeData,
  ref: ListRef,
  id: string,
  to: number,
): { doc: ResumeData; index: number; count: number } {
  const entries = entriesOf(doc, ref);
  const from = entries.findIndex((entry) => entry.id === id);
  const moved = moveItem(entries, from, to);
  const index = moved.findIndex((entry) => entry.id === id);
  return {
    doc: moved === entries ? doc : withEntries(doc, ref, moved),
    index,
    count: entries.length,
  };
}

export function setEntryHidden(
  doc: ResumeData,
  ref: ListRef,
  id: string,
  hidden: boolean,
): ResumeData {
  return updateEntry(doc, ref, id, { hidden: hidden || undefined });
}

/** Edits `basics` (and `basics.location` when `location` is given). */
export function updateBasics(
  doc: ResumeData,
  patch: Record<string, unknown>,
  location?: Record<string, unknown>,
): ResumeData {
  const basics = { ...doc.basics, ...patch } as Record<string, unknown>;
  if (location) basics.location = { ...doc.basics?.location, ...location };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete basics[key];
  return { ...doc, basics: basics as ResumeData["basics"] };
}

/** Every movable section in reading order, hidden ones included (they stay editable). */
export function sectionOrder(doc: ResumeData): SectionKey[] {
  const custom = (doc.customSections ?? []).map((section) => section.id as SectionKey);
  const known = new Set<SectionKey>([...MOVABLE_SECTIONS, ...custom]);
  const ordered: SectionKey[] = [];
  for (const key of [...(doc.meta?.layout?.order ?? []), ...MOVABLE_SECTIONS, ...custom]) {
    if (known.has(key as SectionKey) && !ordered.includes(key as SectionKey))
      ordered.push(key as SectionKey);
  }
  return ordered;
}

export function isSectionHidden(doc: ResumeData, key: SectionKey): boolean {
  if ((doc.meta?.layout?.hidden ?? []).includes(key)) return true;
  return Boolean(doc.customSections?.find((section) => section.id === key)?.hidden);
}

function withLayout(doc: ResumeData, layout: { order?: string[]; hidden?: string[] }): ResumeData {
  const current = doc.meta?.layout ?? { order: sectionOrder(doc), hidden: [] };
  return { ...doc, meta: { ...doc.meta, layout: { ...current, ...layout } } };
}

export function moveSection(
  doc: ResumeData,
  key: SectionKey,
  to: number,
): { doc: ResumeData; index: number; count: number } {
  const order = sectionOrder(doc);
  const moved = moveItem(order, order.indexOf(key), to);
  return {
    doc: moved === order ? doc : withLayout(doc, { order: moved }),
    index: moved.indexOf(key),
    count: order.length,
  };
}

export function setSectionHidden(doc: ResumeData, key: SectionKey, hidden: boolean): ResumeData {
  if (isSectionHidden(doc, key) === hidden) return doc;
  const others = (doc.meta?.layout?.hidden ?? []).filter((item) => item !== key);
  let next = withLayout(doc, { hidden: hidden ? [...others, key] : others });
  if (isCustom(key)) {
    next = {
      ...next,
      customSections: (next.customSections ?? []).map((section) => {
        if (section.id !== key) return section;
        const { hidden: _dropped, ...rest } = section;
        return hidden ? { ...rest, hidden: true } : rest;
      }),
    };
  }
  return next;
}

/** A custom section id from its title: `custom-` and a slug, made unique in the document. */
export function customSectionId(doc: ResumeData, title: string): `custom-${string}` {
  const slug =
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30)
      .replace(/-+$/, "") || "section";
  const taken = new Set((doc.customSections ?? []).map((section) => section.id));
  let id = `custom-${slug}` as const;
  for (let n = 2; taken.has(id); n += 1) id = `custom-${slug}-${n}` as const;
  return id;
}

export function addCustomSection(
  doc: ResumeData,
  title: string,
): { doc: ResumeData; id: `custom-${string}` | null } {
  const sections = doc.customSections ?? [];
  const name = title.trim().slice(0, LIMITS.shortText);
  if (!name || sections.length >= LIMITS.customSections) return { doc, id: null };
  const id = customSectionId(doc, name);
  const order = [...sectionOrder(doc), id];
  const next = { ...doc, customSections: [...sections, { id, title: name, items: [] }] };
  return { doc: withLayout(next, { order }), id };
}

export function renameCustomSection(doc: ResumeData, id: string, title: string): ResumeData {
  const section = doc.customSections?.find((item) => item.id === id);
  if (!section || section.title === title) return doc;
  return {
    ...doc,
    customSections: (doc.customSections ?? []).map((item) =>
      item.id === id ? { ...item, title } : item,
    ),
  };
}

export function removeCustomSection(doc: ResumeData, id: string): ResumeData {
  if (!doc.customSections?.some((section) => section.id === id)) return doc;
  const layout = doc.meta?.layout;
  const next: ResumeData = {
    ...doc,
    customSections: doc.customSections.filter((section) => section.id !== id),
  };
  if (!layout) return next;
  return withLayout(next, {
    order: layout.order.filter((key) => key !== id),
    hidden: layout.hidden.filter((key) => key !== id),
  });
}

export function setStyle(doc: ResumeData, patch: Partial<ResumeStyle>): ResumeData {
  const current = doc.meta?.style ?? {};
  if (Object.entries(patch).every(([key, value]) => current[key as keyof ResumeStyle] === value))
    return doc;
  return { ...doc, meta: { ...doc.meta, style: { ...current, ...patch } } };
}
