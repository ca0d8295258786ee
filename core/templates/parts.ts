/**
 * The markup every template shares: one semantic structure (header, a section with an h2
 * per resume section, an article per entry, real lists) that ATS parsers and screen readers
 * read the same way whichever template styles it. Templates differ in CSS and in how they
 * arrange these pieces, not in what the pieces say.
 */
import { headingFor, inSideColumn } from "../resume/layout";
import type { ResumeData, SectionKey } from "../resume/schema";
import {
  type ContactLink,
  contactLinks,
  type DisplayEntry,
  type DisplaySection,
  displaySection,
  displaySections,
  type LanguageLine,
  profileSummary,
  type SkillLine,
  str,
} from "./entries";
import { escapeHtml, link, renderInline, renderRichText } from "./rich-text";

export { shortUrl } from "./entries";

/** Text with `dir="auto"` so a right-to-left name or title lays itself out correctly. */
const text = (tag: string, className: string, value: string) =>
  value ? `<${tag} class="${className}" dir="auto">${escapeHtml(value)}</${tag}>` : "";

function linked(value: string, href: string | null, className: string): string {
  if (!value) return "";
  const inner = escapeHtml(value);
  return `<span class="${className}" dir="auto">${href ? link(href, inner) : inner}</span>`;
}

/**
 * An entry whose heading travels with its first lines: the heading and the summary's start
 * (or the first two bullets) sit in one `.keep` group that must not break, while the rest
 * of a long entry may break between bullets.
 */
export function renderEntry(entry: DisplayEntry): string {
  const title = linked(entry.title, entry.titleUrl, "entry-title");
  const org = linked(entry.org, entry.orgUrl, "entry-org");
  const where = text("span", "entry-where", entry.where);
  const dates = entry.dates ? `<span class="entry-dates">${escapeHtml(entry.dates)}</span>` : "";
  const note = text("p", "entry-note", entry.note);
  const heading = title || org;
  const head =
    `<div class="entry-head"><h3 class="entry-heading">${heading}${title && org ? `<span class="entry-sep">, </span>${org}` : ""}</h3>${dates}</div>` +
    (where ? `<div class="entry-meta">${where}</div>` : "");
  const summary = renderRichText(entry.summary);
  const bullets = entry.bullets.map((item) => `<li dir="auto">${renderInline(item)}</li>`);
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
  if (entry.tags.length) rest += `<p class="entry-tags">${keywords(entry.tags)}</p>`;
  return `<article class="entry"><div class="keep">${keep}</div>${rest}</article>`;
}

/** Keywords as separate spans (tag-styled in some templates) with real commas for ATS. */
export function keywords(items: string[]): string {
  return items
    .map((item) => `<span class="kw" dir="auto">${escapeHtml(item)}</span>`)
    .join('<span class="kw-sep">, </span>');
}

function skillsList(lines: SkillLine[], key: SectionKey): string {
  const items = lines.map((line) => {
    const name = line.name
      ? `<span class="skill-name" dir="auto">${escapeHtml(line.name)}</span>`
      : "";
    const level = line.level
      ? `<span class="skill-level" dir="auto">${line.name ? " " : ""}(${escapeHtml(line.level)})</span>`
      : "";
    const keywordsHtml = line.keywords.length
      ? `<span class="skill-keywords">${name || level ? '<span class="kw-sep">: </span>' : ""}${keywords(line.keywords)}</span>`
      : "";
    return `<li class="skill"><span class="skill-label">${name}${level}</span>${keywordsHtml}</li>`;
  });
  return `<ul class="skills skills-${key}">${items.join("")}</ul>`;
}

function languagesList(lines: LanguageLine[]): string {
  const items = lines.map(({ language, fluency }) => {
    const sep = language && fluency ? '<span class="kw-sep"> — </span>' : "";
    return `<li class="language"><span class="language-name" dir="auto">${escapeHtml(language)}</span>${fluency ? `<span class="language-fluency" dir="auto">${sep}${escapeHtml(fluency)}</span>` : ""}</li>`;
  });
  return `<ul class="languages">${items.join("")}</ul>`;
}

function sectionHtml(section: DisplaySection): string {
  const { body } = section;
  if (body.kind === "skills") return skillsList(body.lines, section.key);
  if (body.kind === "languages") return languagesList(body.lines);
  return body.entries.map(renderEntry).join("\n");
}

/** A safe token for class names and ids, whatever a custom section's id contains. */
const slug = (key: string) => key.replace(/[^a-z0-9-]/gi, "").slice(0, 48) || "section";

function sectionElement(section: DisplaySection): string {
  const id = `section-${slug(section.key)}`;
  const custom = section.key.startsWith("custom-") ? "section-custom " : "";
  return `<section class="section ${custom}${id}" aria-labelledby="${id}-title"><h2 class="section-title" id="${id}-title" dir="auto">${escapeHtml(section.title)}</h2>${sectionHtml(section)}</section>`;
}

/** A whole section: `<section>` with its h2, or "" when empty. */
export function renderSection(data: ResumeData, key: SectionKey): string {
  const section = displaySection(data, key);
  return section ? sectionElement(section) : "";
}

/**
 * The summary from `basics`, as a section, unless the person hid `basics`; `title` is the
 * template's heading for it, which the person's own name for it replaces.
 */
export function renderSummary(data: ResumeData, title?: string): string {
  const summary = renderRichText(profileSummary(data));
  if (!summary) return "";
  return `<section class="section section-summary" aria-labelledby="section-summary-title"><h2 class="section-title" id="section-summary-title" dir="auto">${escapeHtml(headingFor(data, "summary", title))}</h2><div class="summary">${summary}</div></section>`;
}

/** Contact details as a headed section, for templates that give them a column of their own. */
export function renderContactSection(data: ResumeData): string {
  const contacts = contactList(data);
  if (!contacts) return "";
  return `<section class="section section-contact" aria-labelledby="section-contact-title"><h2 class="section-title" id="section-contact-title" dir="auto">${escapeHtml(headingFor(data, "contact"))}</h2>${contacts}</section>`;
}

/** A two-column template's sections: the side column's and the main column's, in order. */
export function renderColumns(
  data: ResumeData,
  templateSide: readonly SectionKey[],
): { main: string; side: string } {
  return {
    main: renderSections(data, (key) => !inSideColumn(data, key, templateSide)),
    side: renderSections(data, (key) => inSideColumn(data, key, templateSide)),
  };
}

/** Sections in the person's order; `filter` lets two-column templates split them. */
export function renderSections(data: ResumeData, filter?: (key: SectionKey) => boolean): string {
  return displaySections(data, filter).map(sectionElement).join("\n");
}

/** Phone numbers read left to right whatever the language around them. */
const CONTACT_DIR: Record<ContactLink["kind"], string> = {
  email: "",
  phone: ' dir="ltr"',
  location: ' dir="auto"',
  url: "",
  profile: ' dir="auto"',
};

/** Contact details as list items: email and web links are real links, the rest text. */
export function contactItems(data: ResumeData): string[] {
  return contactLinks(data).map(({ kind, text, url }) => {
    const inner = url ? link(url, escapeHtml(text)) : escapeHtml(text);
    return `<li class="contact contact-${kind}"${CONTACT_DIR[kind]}>${inner}</li>`;
  });
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
