import { defaultHeading, documentLanguage, HEADING_LANGUAGES, headingLanguage } from "./headings";
import {
  DEFAULT_STYLE,
  type HeadingKey,
  type ResumeData,
  type ResumeStyle,
  type SectionKey,
  STANDARD_SECTIONS,
  styleSchema,
} from "./schema";

/** Sections a person can move and hide; `basics` is the header and always comes first. */
export const MOVABLE_SECTIONS = STANDARD_SECTIONS.filter((section) => section !== "basics");

const {
  summary: englishSummary,
  contact: _contact,
  ...englishSections
} = HEADING_LANGUAGES.en.headings;

/** The editor's names for the sections: the English headings, the profile for `basics`. */
export const SECTION_TITLES: Record<(typeof STANDARD_SECTIONS)[number], string> = {
  basics: englishSummary,
  ...englishSections,
};

/**
 * A heading as the resume shows it (README "Layout, headings and language"): the person's
 * own name for it; else the template's (`fallback`, e.g. "Summary"), which is English and so
 * only stands in an English document; else the default in the document's language.
 */
export function headingFor(data: ResumeData, key: HeadingKey, fallback?: string): string {
  const renamed = data.meta?.layout?.titles?.[key];
  if (typeof renamed === "string" && renamed.trim()) return renamed.trim();
  const lang = documentLanguage(data);
  if (fallback && headingLanguage(lang) === "en") return fallback;
  return defaultHeading(key, lang);
}

/**
 * Whether a section sits in the side column of a two-column template: where the person put
 * it, or where the template puts it by default.
 */
export function inSideColumn(
  data: ResumeData,
  key: SectionKey,
  templateSide: readonly SectionKey[],
): boolean {
  return (data.meta?.layout?.side ?? templateSide).includes(key);
}

/**
 * The sections to render, in order: the document's own order first, then any section it
 * does not mention in the standard order, then custom sections; unknown and duplicate keys
 * are dropped and hidden ones left out.
 */
export function orderedSections(data: ResumeData): SectionKey[] {
  const custom = (data.customSections ?? []).map((section) => section.id as SectionKey);
  const known = new Set<SectionKey>([...MOVABLE_SECTIONS, ...custom]);
  const hidden = new Set<string>(data.meta?.layout?.hidden ?? []);
  for (const section of data.customSections ?? []) if (section.hidden) hidden.add(section.id);
  const ordered: SectionKey[] = [];
  for (const key of [...(data.meta?.layout?.order ?? []), ...MOVABLE_SECTIONS, ...custom]) {
    if (known.has(key as SectionKey) && !ordered.includes(key as SectionKey))
      ordered.push(key as SectionKey);
  }
  return ordered.filter((key) => !hidden.has(key));
}

/** The document's styling with every missing or invalid field at its default. */
export function resolveStyle(data: ResumeData): ResumeStyle {
  const style = { ...DEFAULT_STYLE };
  for (const [key, value] of Object.entries(data.meta?.style ?? {})) {
    const field = styleSchema.shape[key as keyof ResumeStyle];
    if (field?.safeParse(value).success) Object.assign(style, { [key]: value });
  }
  return style;
}

/** Entries the person has not hidden. */
export const visibleEntries = <T extends { hidden?: boolean }>(entries: T[] | undefined): T[] =>
  (entries ?? []).filter((entry) => !entry.hidden);

/**
 * A new, empty resume for someone, in the default style but for font and accent: those are
 * its template's, set when it is created (`styleAtCreation` in core/templates/index.ts).
 */
export function emptyResume(name = "", email = ""): ResumeData {
  const { font: _font, accentColor: _accent, ...style } = DEFAULT_STYLE;
  return {
    basics: { name, email, profiles: [] },
    work: [],
    education: [],
    skills: [],
    projects: [],
    meta: { layout: { order: [...MOVABLE_SECTIONS], hidden: [] }, style },
  };
}
