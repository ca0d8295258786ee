/**
 * A resume as headings, entries and lists, without any styling: what the DOCX and TXT
 * exports are written from. The sections, entries and contacts come from the same mapping
 * as the HTML templates (core/templates/entries.ts), so every format says the same thing;
 * this file only turns list sections into plain lines.
 */
import { headingFor } from "../resume/layout";
import type { ResumeData, SectionKey } from "../resume/schema";
import {
  type ContactLink,
  contactLinks,
  type DisplayEntry,
  type DisplaySection,
  displaySections,
  type LanguageLine,
  profileSummary,
  type SkillLine,
  str,
} from "../templates/entries";

export type OutlineLink = Pick<ContactLink, "text" | "url">;
export type OutlineEntry = DisplayEntry;

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

/** "TypeScript (Expert): Node, Deno"; the level stays in brackets when there is no name. */
export function skillLineText({ name, level, keywords }: SkillLine): string {
  const head = [name, level ? `(${level})` : ""].filter(Boolean).join(" ");
  const list = keywords.join(", ");
  return head && list ? `${head}: ${list}` : head || list;
}

export const languageLineText = ({ language, fluency }: LanguageLine): string =>
  [language, fluency].filter(Boolean).join(" — ");

function outlineSection({ key, title, body }: DisplaySection): OutlineSection {
  const section = { key, title, entries: [], items: [], text: "" };
  if (body.kind === "entries") return { ...section, entries: body.entries };
  if (body.kind === "skills") return { ...section, items: body.lines.map(skillLineText) };
  return { ...section, items: body.lines.map(languageLineText) };
}

export function resumeOutline(data: ResumeData): ResumeOutline {
  const sections: OutlineSection[] = [];
  const summary = profileSummary(data);
  if (summary) {
    const title = headingFor(data, "summary");
    sections.push({ key: "summary", title, entries: [], items: [], text: summary });
  }
  sections.push(...displaySections(data).map(outlineSection));
  return {
    name: str(data.basics?.name),
    label: str(data.basics?.label),
    contacts: contactLinks(data).map(({ text, url }) => ({ text, url })),
    sections,
  };
}
