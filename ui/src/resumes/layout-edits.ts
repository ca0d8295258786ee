/**
 * Edits of a resume's layout and language as pure functions, like ./document.ts (README
 * "Layout, headings and language"): renamed headings, the side column of two-column
 * templates, and the document's language and direction. Each returns the same object when
 * nothing changes, so the undo history and autosave see no edit.
 * Relative imports: tests/unit runs this in Node, outside the app's aliases.
 */
import { inSideColumn } from "../../../core/resume/layout";
import type {
  HeadingKey,
  ResumeData,
  SectionKey,
  TextDirection,
} from "../../../core/resume/schema";
import { sectionOrder } from "./document";

type Layout = NonNullable<NonNullable<ResumeData["meta"]>["layout"]>;

function withLayout(doc: ResumeData, patch: Partial<Layout>): ResumeData {
  const current: Layout = doc.meta?.layout ?? { order: sectionOrder(doc), hidden: [] };
  return { ...doc, meta: { ...doc.meta, layout: { ...current, ...patch } } };
}

/** Names a heading; an empty or blank name puts the default back. */
export function setHeadingTitle(doc: ResumeData, key: HeadingKey, title: string): ResumeData {
  const titles = { ...(doc.meta?.layout?.titles ?? {}) };
  const name = title.trim() ? title : undefined;
  if (titles[key] === name) return doc;
  if (name === undefined) delete titles[key];
  else titles[key] = name;
  if (Object.keys(titles).length > 0) return withLayout(doc, { titles });
  const { titles: _dropped, ...rest } = doc.meta?.layout ?? {
    order: sectionOrder(doc),
    hidden: [],
  };
  return { ...doc, meta: { ...doc.meta, layout: rest } };
}

/** The sections in the side column, in reading order (the template's default until moved). */
export function sideSections(doc: ResumeData, templateSide: readonly SectionKey[]): SectionKey[] {
  return sectionOrder(doc).filter((key) => inSideColumn(doc, key, templateSide));
}

/**
 * Puts a section in the side or the main column; writes the whole side list, so the
 * template's default no longer applies once the person has moved anything.
 */
export function setInSideColumn(
  doc: ResumeData,
  key: SectionKey,
  side: boolean,
  templateSide: readonly SectionKey[],
): ResumeData {
  const current = sideSections(doc, templateSide);
  if (current.includes(key) === side) return doc;
  const next = side ? [...current, key] : current.filter((item) => item !== key);
  return withLayout(doc, { side: sectionOrder(doc).filter((item) => next.includes(item)) });
}

/** Sets the document's language (a BCP 47 tag) or, with "", goes back to the default. */
export function setLanguage(doc: ResumeData, language: string): ResumeData {
  const tag = language.trim() || undefined;
  if ((doc.meta?.language ?? undefined) === tag) return doc;
  const { language: _dropped, ...meta } = doc.meta ?? {};
  return { ...doc, meta: tag ? { ...meta, language: tag } : meta };
}

/** Sets the direction, or with undefined lets the language decide. */
export function setDirection(doc: ResumeData, direction: TextDirection | undefined): ResumeData {
  if (doc.meta?.direction === direction) return doc;
  const { direction: _dropped, ...meta } = doc.meta ?? {};
  return { ...doc, meta: direction ? { ...meta, direction } : meta };
}
