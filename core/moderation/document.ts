/**
 * What a resume publishes, flattened for moderation: every text field a template shows, with
 * its JSON path, and every link it carries. Hidden sections, hidden entries and fields the
 * templates never draw (dates, ids, unknown fields kept by the loose schema) are not published,
 * so they are not checked: a check looks at exactly what a visitor or an export sees.
 */
import { orderedSections } from "../resume/layout";
import type { ResumeData, StandardSection } from "../resume/schema";
import type { ModerationDocument, ModerationField, ModerationLink } from "./model";

type Raw = Record<string, unknown>;

/** The text fields each standard section's entries publish (core/templates/entries.ts). */
const SECTION_TEXT_FIELDS: Record<Exclude<StandardSection, "basics">, readonly string[]> = {
  work: ["name", "position", "location", "description", "summary", "highlights"],
  volunteer: ["organization", "position", "summary", "highlights"],
  education: ["institution", "area", "studyType", "score", "courses"],
  awards: ["title", "awarder", "summary"],
  certificates: ["name", "issuer"],
  publications: ["name", "publisher", "summary"],
  skills: ["name", "level", "keywords"],
  languages: ["language", "fluency"],
  interests: ["name", "keywords"],
  references: ["name", "reference"],
  projects: ["name", "description", "roles", "entity", "type", "highlights", "keywords"],
};
const CUSTOM_TEXT_FIELDS = ["title", "subtitle", "date", "summary", "highlights"] as const;
const BASICS_TEXT_FIELDS = ["name", "label", "email", "phone"] as const;
const LOCATION_TEXT_FIELDS = ["address", "postalCode", "city", "region", "countryCode"] as const;

/**
 * Addresses written inside text: a scheme or `www.`, up to the first space or bracket (rich
 * text's `[label](url)` ends at the parenthesis). One character class, no nesting: linear.
 */
const URL_IN_TEXT = /(?<![\w@.-])(?:(?:https?|ftp|file):\/\/|www\.)[^\s<>"'`()[\]{}]{1,2048}/giu;
/**
 * Script and data schemes count only as a rich-text link's target (`[label](javascript:…)`):
 * in running text "JavaScript:React" is a skill list, not a link.
 */
const SCRIPT_LINK_TARGET = /(?<=\]\(\s{0,3})(?:javascript|vbscript|data):[^\s)]{1,2048}/giu;
const TRAILING_PUNCTUATION = /[.,;:!?*_~]+$/u;

/** Every address in a piece of text, as written (trailing sentence punctuation removed). */
export function urlsInText(text: string): { url: string; start: number; end: number }[] {
  const found: { url: string; start: number; end: number }[] = [];
  for (const pattern of [URL_IN_TEXT, SCRIPT_LINK_TARGET]) {
    for (const match of text.matchAll(pattern)) {
      const url = match[0].replace(TRAILING_PUNCTUATION, "");
      if (url.length > 4) found.push({ url, start: match.index, end: match.index + url.length });
    }
  }
  return found;
}

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

class DocumentBuilder {
  readonly fields: ModerationField[] = [];
  readonly links: ModerationLink[] = [];

  /** A string or a list of strings at `path` (lists get `[i]` per item). */
  addText(path: string, value: unknown): void {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) this.addText(`${path}[${index}]`, item);
      return;
    }
    const content = text(value);
    if (!content) return;
    this.fields.push({ path, text: content });
    for (const { url } of urlsInText(content)) this.links.push({ path, url });
  }

  addLink(path: string, value: unknown): void {
    const url = text(value);
    if (url) this.links.push({ path, url });
  }

  addEntry(path: string, entry: Raw, fields: readonly string[]): void {
    for (const field of fields) this.addText(`${path}.${field}`, entry[field]);
    this.addLink(`${path}.url`, entry.url);
  }
}

function addBasics(builder: DocumentBuilder, data: ResumeData): void {
  const basics = (data.basics ?? {}) as Raw;
  for (const field of BASICS_TEXT_FIELDS) builder.addText(`basics.${field}`, basics[field]);
  // The summary is the one part of `basics` that hiding the section removes (entries.ts).
  if (!(data.meta?.layout?.hidden ?? []).includes("basics")) {
    builder.addText("basics.summary", basics.summary);
  }
  const location = (basics.location ?? {}) as Raw;
  for (const field of LOCATION_TEXT_FIELDS)
    builder.addText(`basics.location.${field}`, location[field]);
  builder.addLink("basics.url", basics.url);
  // An uploaded or inline photo is checked as an image; an outside https photo is also an
  // address the page loads (other addresses are never shown: core/templates/portrait.ts).
  if (/^https:\/\//i.test(text(basics.image))) builder.addLink("basics.image", basics.image);
  (data.basics?.profiles ?? []).forEach((profile, index) => {
    if (profile.hidden) return;
    builder.addEntry(`basics.profiles[${index}]`, profile as Raw, ["network", "username"]);
  });
}

function addSections(builder: DocumentBuilder, data: ResumeData): void {
  // orderedSections leaves out hidden sections and custom sections marked hidden.
  for (const key of orderedSections(data)) {
    if (key.startsWith("custom-")) {
      const index = (data.customSections ?? []).findIndex((section) => section.id === key);
      const section = data.customSections?.[index];
      if (!section) continue;
      builder.addText(`customSections[${index}].title`, section.title);
      section.items.forEach((item, itemIndex) => {
        if (item.hidden) return;
        builder.addEntry(
          `customSections[${index}].items[${itemIndex}]`,
          item as Raw,
          CUSTOM_TEXT_FIELDS,
        );
      });
      continue;
    }
    const standard = key as Exclude<StandardSection, "basics">;
    const entries = (data[standard] ?? []) as Raw[];
    entries.forEach((entry, index) => {
      if (entry.hidden === true) return;
      builder.addEntry(`${standard}[${index}]`, entry, SECTION_TEXT_FIELDS[standard]);
    });
  }
}

/**
 * The published text of a resume and its links. `owner` is the account holder: their account
 * email and the resume's own contact email and phone are theirs to publish, never leakage.
 */
export function resumeToModerationDocument(
  data: ResumeData,
  owner: { email: string; phone?: string | null },
): ModerationDocument {
  const builder = new DocumentBuilder();
  addBasics(builder, data);
  addSections(builder, data);
  const emails = [owner.email, text(data.basics?.email)]
    .filter(Boolean)
    .map((e) => e.toLowerCase());
  const phones = [text(owner.phone), text(data.basics?.phone)].filter(Boolean);
  return {
    fields: builder.fields,
    links: builder.links,
    ownerContacts: { emails: [...new Set(emails)], phones: [...new Set(phones)] },
  };
}
