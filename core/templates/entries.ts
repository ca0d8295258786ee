/**
 * What a resume says, section by section, before any format draws it: the one mapping from
 * resume sections (JSON Resume fields) to display entries, list lines and contact links.
 * The HTML templates (parts.ts) and the DOCX/TXT exports (core/export/outline.ts) both draw
 * from here, so a field, a hidden flag or an empty-entry rule cannot differ between formats.
 */
import { documentLanguage } from "../resume/headings";
import { headingFor, orderedSections, visibleEntries } from "../resume/layout";
import type { ResumeData, SectionKey, StandardSection } from "../resume/schema";
import { dateRange, formatDate } from "./format";
import { safeUrl } from "./rich-text";

/** One entry in the shape every section is drawn in. Text is raw; each format escapes it. */
export interface DisplayEntry {
  title: string;
  /** A checked http(s)/mailto address, or null when the title is not a link. */
  titleUrl: string | null;
  org: string;
  orgUrl: string | null;
  where: string;
  dates: string;
  /** A short plain line under the heading (a company's description, a score, roles). */
  note: string;
  /** Rich text (the templates' Markdown subset), unrendered. */
  summary: string;
  /** Rich inline text, one bullet each. */
  bullets: string[];
  tags: string[];
}

/** One line of skills or interests: "TypeScript (Expert): Node, Deno". */
export interface SkillLine {
  name: string;
  /** Empty for interests, which have no level. */
  level: string;
  keywords: string[];
}

/** One line of languages: "Spanish — Native". */
export interface LanguageLine {
  language: string;
  fluency: string;
}

export type SectionBody =
  | { kind: "entries"; entries: DisplayEntry[] }
  | { kind: "skills"; lines: SkillLine[] }
  | { kind: "languages"; lines: LanguageLine[] };

export interface DisplaySection {
  key: SectionKey;
  title: string;
  body: SectionBody;
}

export interface ContactLink {
  kind: "email" | "phone" | "location" | "url" | "profile";
  text: string;
  /** A checked http(s)/mailto address, or null when the text is not a link. */
  url: string | null;
}

type Raw = Record<string, unknown>;

export const str = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
export const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(str).filter((item) => item !== "") : [];
export const joined = (parts: unknown[], separator: string) =>
  parts.map(str).filter(Boolean).join(separator);
const urlOf = (value: unknown) => safeUrl(str(value));

function entry(fields: Partial<DisplayEntry>): DisplayEntry {
  return {
    title: "",
    titleUrl: null,
    org: "",
    orgUrl: null,
    where: "",
    dates: "",
    note: "",
    summary: "",
    bullets: [],
    tags: [],
    ...fields,
  };
}

/** Maps one raw entry; `lang` is the document's language, for its dates. */
type EntryMapper = (e: Raw, lang: string) => DisplayEntry;

const ENTRY_MAPPERS: Partial<Record<StandardSection, EntryMapper>> = {
  work: (e, lang) =>
    entry({
      title: str(e.position) || str(e.name),
      org: str(e.position) ? str(e.name) : "",
      orgUrl: urlOf(e.url),
      where: str(e.location),
      dates: dateRange(e.startDate, e.endDate, lang),
      note: str(e.description),
      summary: str(e.summary),
      bullets: list(e.highlights),
    }),
  volunteer: (e, lang) =>
    entry({
      title: str(e.position) || str(e.organization),
      org: str(e.position) ? str(e.organization) : "",
      orgUrl: urlOf(e.url),
      dates: dateRange(e.startDate, e.endDate, lang),
      summary: str(e.summary),
      bullets: list(e.highlights),
    }),
  education: (e, lang) => {
    const degree = joined([e.studyType, e.area], ", ");
    const courses = list(e.courses);
    return entry({
      title: degree || str(e.institution),
      org: degree ? str(e.institution) : "",
      orgUrl: urlOf(e.url),
      dates: dateRange(e.startDate, e.endDate, lang),
      note: str(e.score) ? `Score: ${str(e.score)}` : "",
      bullets: courses.length ? [`Courses: ${courses.join(", ")}`] : [],
    });
  },
  awards: (e, lang) =>
    entry({
      title: str(e.title),
      org: str(e.awarder),
      dates: formatDate(e.date, lang),
      summary: str(e.summary),
    }),
  certificates: (e, lang) =>
    entry({
      title: str(e.name),
      titleUrl: urlOf(e.url),
      org: str(e.issuer),
      dates: formatDate(e.date, lang),
    }),
  publications: (e, lang) =>
    entry({
      title: str(e.name),
      titleUrl: urlOf(e.url),
      org: str(e.publisher),
      dates: formatDate(e.releaseDate, lang),
      summary: str(e.summary),
    }),
  projects: (e, lang) =>
    entry({
      title: str(e.name),
      titleUrl: urlOf(e.url),
      org: str(e.entity),
      dates: dateRange(e.startDate, e.endDate, lang),
      note: joined([list(e.roles).join(", "), e.type], " · "),
      summary: str(e.description),
      bullets: list(e.highlights),
      tags: list(e.keywords),
    }),
  references: (e) => entry({ title: str(e.name), summary: str(e.reference) }),
};

const customEntry = (e: Raw, lang: string): DisplayEntry =>
  entry({
    title: str(e.title),
    titleUrl: urlOf(e.url),
    org: str(e.subtitle),
    dates: formatDate(e.date, lang),
    summary: str(e.summary),
    bullets: list(e.highlights),
  });

/** Dates or a place alone do not make an entry worth a heading. */
const hasContent = (e: DisplayEntry) =>
  Boolean(e.title || e.org || e.summary || e.bullets.length || e.tags.length || e.note);

/** A level alone says nothing (level of what?), so a line needs a name or keywords. */
function skillLines(entries: Raw[], kind: "skills" | "interests"): SkillLine[] {
  return entries
    .map((e) => ({
      name: str(e.name),
      level: kind === "skills" ? str(e.level) : "",
      keywords: list(e.keywords),
    }))
    .filter((line) => line.name || line.keywords.length);
}

function languageLines(entries: Raw[]): LanguageLine[] {
  return entries
    .map((e) => ({ language: str(e.language), fluency: str(e.fluency) }))
    .filter((line) => line.language || line.fluency);
}

function sectionBody(standard: StandardSection, raw: Raw[], lang: string): SectionBody {
  if (standard === "skills" || standard === "interests")
    return { kind: "skills", lines: skillLines(raw, standard) };
  if (standard === "languages") return { kind: "languages", lines: languageLines(raw) };
  const mapper = ENTRY_MAPPERS[standard];
  return {
    kind: "entries",
    entries: mapper ? raw.map((e) => mapper(e, lang)).filter(hasContent) : [],
  };
}

const isEmpty = (body: SectionBody) =>
  body.kind === "entries" ? body.entries.length === 0 : body.lines.length === 0;

/** One section as it is shown, or null when it is hidden or has nothing to show. */
export function displaySection(data: ResumeData, key: SectionKey): DisplaySection | null {
  if (key.startsWith("custom-")) {
    const custom = (data.customSections ?? []).find((candidate) => candidate.id === key);
    if (!custom || custom.hidden) return null;
    const entries = visibleEntries(custom.items as Raw[])
      .map((e) => customEntry(e, documentLanguage(data)))
      .filter(hasContent);
    if (!entries.length) return null;
    return { key, title: str(custom.title) || "Section", body: { kind: "entries", entries } };
  }
  const standard = key as StandardSection;
  const body = sectionBody(
    standard,
    visibleEntries(data[standard] as Raw[] | undefined),
    documentLanguage(data),
  );
  if (isEmpty(body)) return null;
  return { key, title: headingFor(data, standard as Exclude<StandardSection, "basics">), body };
}

/** The sections with something to show, in the person's order. */
export function displaySections(
  data: ResumeData,
  filter?: (key: SectionKey) => boolean,
): DisplaySection[] {
  return orderedSections(data)
    .filter((key) => !filter || filter(key))
    .map((key) => displaySection(data, key))
    .filter((section): section is DisplaySection => section !== null);
}

/** The profile summary (rich text, unrendered), or "" when empty or `basics` is hidden. */
export function profileSummary(data: ResumeData): string {
  if ((data.meta?.layout?.hidden ?? []).includes("basics")) return "";
  return str(data.basics?.summary);
}

/** "https://www.example.com/me/" → "example.com/me": how addresses read on paper. */
export function shortUrl(url: string): string {
  return url
    .replace(/^mailto:/i, "")
    .replace(/^https?:\/\/(www\.)?/i, "")
    .replace(/\/$/, "");
}

/** Contact details in header order: email and web addresses are links, the rest text. */
export function contactLinks(data: ResumeData): ContactLink[] {
  const basics = data.basics ?? {};
  const out: ContactLink[] = [];
  const email = str(basics.email);
  if (email) out.push({ kind: "email", text: email, url: safeUrl(`mailto:${email}`) });
  const phone = str(basics.phone);
  if (phone) out.push({ kind: "phone", text: phone, url: null });
  const location = basics.location ?? {};
  const place = joined([location.city, location.region, location.countryCode], ", ");
  if (place) out.push({ kind: "location", text: place, url: null });
  const site = safeUrl(basics.url);
  if (site) out.push({ kind: "url", text: shortUrl(site), url: site });
  for (const profile of visibleEntries(basics.profiles)) {
    const href = safeUrl(profile.url);
    const text = joined(
      [profile.network, str(profile.username) || (href ? shortUrl(href) : "")],
      ": ",
    );
    if (text) out.push({ kind: "profile", text, url: href });
  }
  return out;
}
