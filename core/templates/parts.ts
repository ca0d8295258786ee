/**
 * The markup every template shares: one semantic structure (header, a section with an h2
 * per resume section, an article per entry, real lists) that ATS parsers and screen readers
 * read the same way whichever template styles it. Templates differ in CSS and in how they
 * arrange these pieces, not in what the pieces say.
 */
import { orderedSections, SECTION_TITLES, visibleEntries } from "../resume/layout";
import type { ResumeData, SectionKey, StandardSection } from "../resume/schema";
import { dateRange, formatDate } from "./format";
import { escapeHtml, link, renderInline, renderRichText, safeUrl } from "./rich-text";

/** One entry in the shape every section is drawn in. Text fields are raw; rendering escapes. */
export interface EntryView {
  title?: string;
  titleUrl?: string;
  org?: string;
  orgUrl?: string;
  where?: string;
  dates?: string;
  /** A short plain line under the heading (a company's description, a score, roles). */
  note?: string;
  /** Rich text (Markdown subset). */
  summary?: string;
  /** Rich inline text, one bullet each. */
  bullets?: string[];
  tags?: string[];
}

const str = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(str).filter((item) => item !== "") : [];
const joined = (parts: unknown[], separator: string) =>
  parts.map(str).filter(Boolean).join(separator);

/** Text with `dir="auto"` so a right-to-left name or title lays itself out correctly. */
const text = (tag: string, className: string, value: string) =>
  value ? `<${tag} class="${className}" dir="auto">${escapeHtml(value)}</${tag}>` : "";

function linked(value: string, url: string | undefined, className: string): string {
  if (!value) return "";
  const href = safeUrl(url);
  const inner = escapeHtml(value);
  return `<span class="${className}" dir="auto">${href ? link(href, inner) : inner}</span>`;
}

/**
 * An entry whose heading travels with its first lines: the heading and the summary's start
 * (or the first two bullets) sit in one `.keep` group that must not break, while the rest
 * of a long entry may break between bullets.
 */
export function renderEntry(entry: EntryView): string {
  const title = linked(str(entry.title), entry.titleUrl, "entry-title");
  const org = linked(str(entry.org), entry.orgUrl, "entry-org");
  const where = text("span", "entry-where", str(entry.where));
  const dates = entry.dates ? `<span class="entry-dates">${escapeHtml(entry.dates)}</span>` : "";
  const note = text("p", "entry-note", str(entry.note));
  const heading = title || org;
  const head =
    `<div class="entry-head"><h3 class="entry-heading">${heading}${title && org ? `<span class="entry-sep">, </span>${org}` : ""}</h3>${dates}</div>` +
    (where ? `<div class="entry-meta">${where}</div>` : "");
  const summary = renderRichText(entry.summary);
  const bullets = list(entry.bullets).map((item) => `<li dir="auto">${renderInline(item)}</li>`);
  const tags = list(entry.tags);
  let keep = head + note;
  let rest = "";
  if (summary) {
    keep += `<div class="entry-summary">${summary}</div>`;
    if (bullets.length) rest += `<ul class="entry-bullets">${bullets.join("")}</ul>`;
  } else if (bullets.length) {
    keep += `<ul class="entry-bullets">${bullets.slice(0, 2).join("")}</ul>`;
    if (bullets.length > 2)
      rest += `<ul class="entry-bullets entry-bullets-more">${bullets.slice(2).join("")}</ul>`;
  }
  if (tags.length) rest += `<p class="entry-tags">${keywords(tags)}</p>`;
  return `<article class="entry"><div class="keep">${keep}</div>${rest}</article>`;
}

/** Keywords as separate spans (tag-styled in some templates) with real commas for ATS. */
export function keywords(items: string[]): string {
  return items
    .map((item) => `<span class="kw" dir="auto">${escapeHtml(item)}</span>`)
    .join('<span class="kw-sep">, </span>');
}

type Entries = Record<string, unknown>[];

const ENTRY_MAPPERS: Partial<Record<StandardSection, (e: Record<string, unknown>) => EntryView>> = {
  work: (e) => ({
    title: str(e.position) || str(e.name),
    org: str(e.position) ? str(e.name) : "",
    orgUrl: str(e.url),
    where: str(e.location),
    dates: dateRange(e.startDate, e.endDate),
    note: str(e.description),
    summary: str(e.summary),
    bullets: list(e.highlights),
  }),
  volunteer: (e) => ({
    title: str(e.position) || str(e.organization),
    org: str(e.position) ? str(e.organization) : "",
    orgUrl: str(e.url),
    dates: dateRange(e.startDate, e.endDate),
    summary: str(e.summary),
    bullets: list(e.highlights),
  }),
  education: (e) => {
    const degree = joined([e.studyType, e.area], ", ");
    const courses = list(e.courses);
    return {
      title: degree || str(e.institution),
      org: degree ? str(e.institution) : "",
      orgUrl: str(e.url),
      dates: dateRange(e.startDate, e.endDate),
      note: str(e.score) ? `Score: ${str(e.score)}` : "",
      bullets: courses.length ? [`Courses: ${courses.join(", ")}`] : [],
    };
  },
  awards: (e) => ({
    title: str(e.title),
    org: str(e.awarder),
    dates: formatDate(e.date),
    summary: str(e.summary),
  }),
  certificates: (e) => ({
    title: str(e.name),
    titleUrl: str(e.url),
    org: str(e.issuer),
    dates: formatDate(e.date),
  }),
  publications: (e) => ({
    title: str(e.name),
    titleUrl: str(e.url),
    org: str(e.publisher),
    dates: formatDate(e.releaseDate),
    summary: str(e.summary),
  }),
  projects: (e) => ({
    title: str(e.name),
    titleUrl: str(e.url),
    org: str(e.entity),
    dates: dateRange(e.startDate, e.endDate),
    note: joined([list(e.roles).join(", "), e.type], " · "),
    summary: str(e.description),
    bullets: list(e.highlights),
    tags: list(e.keywords),
  }),
  references: (e) => ({ title: str(e.name), summary: str(e.reference) }),
};

const customEntry = (e: Record<string, unknown>): EntryView => ({
  title: str(e.title),
  titleUrl: str(e.url),
  org: str(e.subtitle),
  dates: formatDate(e.date),
  summary: str(e.summary),
  bullets: list(e.highlights),
});

const hasContent = (view: EntryView) =>
  Boolean(
    view.title ||
      view.org ||
      view.summary ||
      view.bullets?.length ||
      view.tags?.length ||
      view.note,
  );

function skillsList(entries: Entries, kind: "skills" | "interests"): string {
  const items = entries
    .map((e) => {
      const name = str(e.name);
      const level = kind === "skills" ? str(e.level) : "";
      const kws = list(e.keywords);
      if (!name && !kws.length) return "";
      return (
        `<li class="skill"><span class="skill-label">${name ? `<span class="skill-name" dir="auto">${escapeHtml(name)}</span>` : ""}` +
        (level ? `<span class="skill-level" dir="auto"> (${escapeHtml(level)})</span>` : "") +
        "</span>" +
        (kws.length
          ? `<span class="skill-keywords">${name ? '<span class="kw-sep">: </span>' : ""}${keywords(kws)}</span>`
          : "") +
        "</li>"
      );
    })
    .filter(Boolean);
  return items.length ? `<ul class="skills skills-${kind}">${items.join("")}</ul>` : "";
}

function languagesList(entries: Entries): string {
  const items = entries
    .map((e) => {
      const language = str(e.language);
      const fluency = str(e.fluency);
      if (!language && !fluency) return "";
      return `<li class="language"><span class="language-name" dir="auto">${escapeHtml(language)}</span>${fluency ? `<span class="language-fluency" dir="auto"><span class="kw-sep"> — </span>${escapeHtml(fluency)}</span>` : ""}</li>`;
    })
    .filter(Boolean);
  return items.length ? `<ul class="languages">${items.join("")}</ul>` : "";
}

/** A safe token for class names and ids, whatever a custom section's id contains. */
const slug = (key: string) => key.replace(/[^a-z0-9-]/gi, "").slice(0, 48) || "section";

/** The body of one section (without its heading), or "" when it has nothing to show. */
export function sectionContent(data: ResumeData, key: SectionKey): { title: string; html: string } {
  if (key.startsWith("custom-")) {
    const custom = (data.customSections ?? []).find((section) => section.id === key);
    if (!custom || custom.hidden) return { title: "", html: "" };
    const entries = visibleEntries(custom.items).map(customEntry).filter(hasContent);
    return { title: str(custom.title), html: entries.map(renderEntry).join("\n") };
  }
  const section = key as StandardSection;
  const title = SECTION_TITLES[section] ?? "";
  const entries = visibleEntries(data[section] as Entries | undefined) as Entries;
  if (section === "skills" || section === "interests")
    return { title, html: skillsList(entries, section) };
  if (section === "languages") return { title, html: languagesList(entries) };
  const mapper = ENTRY_MAPPERS[section];
  if (!mapper) return { title, html: "" };
  return { title, html: entries.map(mapper).filter(hasContent).map(renderEntry).join("\n") };
}

/** A whole section: `<section>` with its h2, or "" when empty. */
export function renderSection(data: ResumeData, key: SectionKey): string {
  const { title, html } = sectionContent(data, key);
  if (!html) return "";
  const id = `section-${slug(key)}`;
  return `<section class="section ${key.startsWith("custom-") ? "section-custom " : ""}${id}" aria-labelledby="${id}-title"><h2 class="section-title" id="${id}-title" dir="auto">${escapeHtml(title || "Section")}</h2>${html}</section>`;
}

/** The summary from `basics`, as a section, unless the person hid `basics`. */
export function renderSummary(data: ResumeData, title = "Profile"): string {
  if ((data.meta?.layout?.hidden ?? []).includes("basics")) return "";
  const summary = renderRichText(data.basics?.summary);
  if (!summary) return "";
  return `<section class="section section-summary" aria-labelledby="section-summary-title"><h2 class="section-title" id="section-summary-title">${escapeHtml(title)}</h2><div class="summary">${summary}</div></section>`;
}

/** Sections in the person's order; `filter` lets two-column templates split them. */
export function renderSections(data: ResumeData, filter?: (key: SectionKey) => boolean): string {
  return orderedSections(data)
    .filter((key) => !filter || filter(key))
    .map((key) => renderSection(data, key))
    .filter(Boolean)
    .join("\n");
}

/** Contact details as list items: email and web links are real links, the rest text. */
export function contactItems(data: ResumeData): string[] {
  const basics = data.basics ?? {};
  const items: string[] = [];
  const email = str(basics.email);
  const mailto = email ? safeUrl(`mailto:${email}`) : null;
  if (email)
    items.push(
      `<li class="contact contact-email">${mailto ? link(mailto, escapeHtml(email)) : escapeHtml(email)}</li>`,
    );
  const phone = str(basics.phone);
  if (phone) items.push(`<li class="contact contact-phone" dir="ltr">${escapeHtml(phone)}</li>`);
  const location = basics.location ?? {};
  const place = joined([location.city, location.region, location.countryCode], ", ");
  if (place)
    items.push(`<li class="contact contact-location" dir="auto">${escapeHtml(place)}</li>`);
  const site = safeUrl(basics.url);
  if (site)
    items.push(`<li class="contact contact-url">${link(site, escapeHtml(shortUrl(site)))}</li>`);
  for (const profile of visibleEntries(basics.profiles)) {
    const network = str(profile.network);
    const username = str(profile.username);
    const href = safeUrl(profile.url);
    const label = joined([network, username || (href ? shortUrl(href) : "")], ": ");
    if (!label) continue;
    items.push(
      `<li class="contact contact-profile" dir="auto">${href ? link(href, escapeHtml(label)) : escapeHtml(label)}</li>`,
    );
  }
  return items;
}

/** "https://www.example.com/me/" → "example.com/me": how addresses read on paper. */
export function shortUrl(url: string): string {
  return url
    .replace(/^mailto:/i, "")
    .replace(/^https?:\/\/(www\.)?/i, "")
    .replace(/\/$/, "");
}

/** Name and headline as the document's `<header>` content. */
export function nameBlock(data: ResumeData): string {
  const name = str(data.basics?.name);
  const label = str(data.basics?.label);
  return (
    `<h1 class="name" dir="auto">${escapeHtml(name || "Your name")}</h1>` +
    (label ? `<p class="label" dir="auto">${escapeHtml(label)}</p>` : "")
  );
}

export function contactList(data: ResumeData, className = "contacts"): string {
  const items = contactItems(data);
  return items.length ? `<ul class="${className}">${items.join("")}</ul>` : "";
}
