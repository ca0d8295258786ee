/**
 * A resume as headings, entries and lists, without any styling: what the DOCX and TXT
 * exports are written from. It follows the same section order, hidden flags and fields as
 * the HTML templates (core/templates/parts.ts), so every format says the same thing.
 */
import { orderedSections, SECTION_TITLES, visibleEntries } from "../resume/layout";
import type { ResumeData, SectionKey, StandardSection } from "../resume/schema";
import { dateRange, formatDate } from "../templates/format";
import { shortUrl } from "../templates/parts";
import { safeUrl } from "../templates/rich-text";

export interface OutlineLink {
  text: string;
  /** A checked http(s)/mailto address, or null when the text is not a link. */
  url: string | null;
}

export interface OutlineEntry {
  title: string;
  titleUrl: string | null;
  org: string;
  orgUrl: string | null;
  where: string;
  dates: string;
  note: string;
  /** Rich text (the templates' Markdown subset), unrendered. */
  summary: string;
  /** Rich inline text, one bullet each. */
  bullets: string[];
  tags: string[];
}

export interface OutlineSection {
  key: SectionKey | "summary";
  title: string;
  entries: OutlineEntry[];
  /** Skills, languages and interests: one plain line each ("TypeScript: Node, Deno"). */
  items: string[];
  /** The profile summary (rich text) for the `summary` section. */
  text: string;
}

export interface ResumeOutline {
  name: string;
  label: string;
  contacts: OutlineLink[];
  sections: OutlineSection[];
}

type Raw = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(str).filter((item) => item !== "") : [];
const joined = (parts: unknown[], separator: string) =>
  parts.map(str).filter(Boolean).join(separator);
const urlOf = (value: unknown) => safeUrl(str(value));

function entry(fields: Partial<OutlineEntry>): OutlineEntry {
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

const MAPPERS: Partial<Record<StandardSection, (e: Raw) => OutlineEntry>> = {
  work: (e) =>
    entry({
      title: str(e.position) || str(e.name),
      org: str(e.position) ? str(e.name) : "",
      orgUrl: urlOf(e.url),
      where: str(e.location),
      dates: dateRange(e.startDate, e.endDate),
      note: str(e.description),
      summary: str(e.summary),
      bullets: list(e.highlights),
    }),
  volunteer: (e) =>
    entry({
      title: str(e.position) || str(e.organization),
      org: str(e.position) ? str(e.organization) : "",
      orgUrl: urlOf(e.url),
      dates: dateRange(e.startDate, e.endDate),
      summary: str(e.summary),
      bullets: list(e.highlights),
    }),
  education: (e) => {
    const degree = joined([e.studyType, e.area], ", ");
    const courses = list(e.courses);
    return entry({
      title: degree || str(e.institution),
      org: degree ? str(e.institution) : "",
      orgUrl: urlOf(e.url),
      dates: dateRange(e.startDate, e.endDate),
      note: str(e.score) ? `Score: ${str(e.score)}` : "",
      bullets: courses.length ? [`Courses: ${courses.join(", ")}`] : [],
    });
  },
  awards: (e) =>
    entry({
      title: str(e.title),
      org: str(e.awarder),
      dates: formatDate(e.date),
      summary: str(e.summary),
    }),
  certificates: (e) =>
    entry({
      title: str(e.name),
      titleUrl: urlOf(e.url),
      org: str(e.issuer),
      dates: formatDate(e.date),
    }),
  publications: (e) =>
    entry({
      title: str(e.name),
      titleUrl: urlOf(e.url),
      org: str(e.publisher),
      dates: formatDate(e.releaseDate),
      summary: str(e.summary),
    }),
  projects: (e) =>
    entry({
      title: str(e.name),
      titleUrl: urlOf(e.url),
      org: str(e.entity),
      dates: dateRange(e.startDate, e.endDate),
      note: joined([list(e.roles).join(", "), e.type], " · "),
      summary: str(e.description),
      bullets: list(e.highlights),
      tags: list(e.keywords),
    }),
  references: (e) => entry({ title: str(e.name), summary: str(e.reference) }),
};

const customEntry = (e: Raw): OutlineEntry =>
  entry({
    title: str(e.title),
    titleUrl: urlOf(e.url),
    org: str(e.subtitle),
    dates: formatDate(e.date),
    summary: str(e.summary),
    bullets: list(e.highlights),
  });

const hasContent = (e: OutlineEntry) =>
  Boolean(e.title || e.org || e.summary || e.bullets.length || e.tags.length || e.note);

function listItems(section: StandardSection, entries: Raw[]): string[] {
  return entries
    .map((e) => {
      if (section === "languages") return joined([e.language, e.fluency], " — ");
      const name = str(e.name);
      const level = section === "skills" ? str(e.level) : "";
      const head = level ? `${name} (${level})` : name;
      const kws = list(e.keywords).join(", ");
      return head && kws ? `${head}: ${kws}` : head || kws;
    })
    .filter(Boolean);
}

function contacts(data: ResumeData): OutlineLink[] {
  const basics = data.basics ?? {};
  const out: OutlineLink[] = [];
  const email = str(basics.email);
  if (email) out.push({ text: email, url: safeUrl(`mailto:${email}`) });
  const phone = str(basics.phone);
  if (phone) out.push({ text: phone, url: null });
  const location = basics.location ?? {};
  const place = joined([location.city, location.region, location.countryCode], ", ");
  if (place) out.push({ text: place, url: null });
  const site = safeUrl(basics.url);
  if (site) out.push({ text: shortUrl(site), url: site });
  for (const profile of visibleEntries(basics.profiles)) {
    const href = safeUrl(profile.url);
    const text = joined(
      [profile.network, str(profile.username) || (href ? shortUrl(href) : "")],
      ": ",
    );
    if (text) out.push({ text, url: href });
  }
  return out;
}

function section(data: ResumeData, key: SectionKey): OutlineSection | null {
  const empty = { key, entries: [], items: [], text: "" };
  if (key.startsWith("custom-")) {
    const custom = (data.customSections ?? []).find((candidate) => candidate.id === key);
    if (!custom || custom.hidden) return null;
    const entries = visibleEntries(custom.items as Raw[])
      .map(customEntry)
      .filter(hasContent);
    return entries.length ? { ...empty, title: str(custom.title) || "Section", entries } : null;
  }
  const standard = key as StandardSection;
  const title = SECTION_TITLES[standard] ?? "Section";
  const raw = visibleEntries(data[standard] as Raw[] | undefined) as Raw[];
  if (standard === "skills" || standard === "interests" || standard === "languages") {
    const items = listItems(standard, raw);
    return items.length ? { ...empty, title, items } : null;
  }
  const mapper = MAPPERS[standard];
  const entries = mapper ? raw.map(mapper).filter(hasContent) : [];
  return entries.length ? { ...empty, title, entries } : null;
}

export function resumeOutline(data: ResumeData): ResumeOutline {
  const sections: OutlineSection[] = [];
  const summary = str(data.basics?.summary);
  if (summary && !(data.meta?.layout?.hidden ?? []).includes("basics")) {
    sections.push({ key: "summary", title: "Profile", entries: [], items: [], text: summary });
  }
  for (const key of orderedSections(data)) {
    const built = section(data, key);
    if (built) sections.push(built);
  }
  return {
    name: str(data.basics?.name),
    label: str(data.basics?.label),
    contacts: contacts(data),
    sections,
  };
}
