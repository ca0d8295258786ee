import type { ResumeData } from "../resume/schema";
import { plainText } from "../templates/rich-text";
import { type OutlineEntry, resumeOutline } from "./outline";

/**
 * Plain text for applicant-tracking systems: no columns, no tables, upper-case section
 * headings, one fact per line, "- " bullets and links as "text (address)", so a parser
 * that only reads lines gets the same content the PDF shows.
 */
export function resumeToText(data: ResumeData): string {
  const outline = resumeOutline(data);
  const blocks: string[] = [];
  blocks.push(
    [outline.name.toUpperCase() || "RESUME", outline.label, contactLine(outline.contacts)]
      .filter(Boolean)
      .join("\n"),
  );
  for (const section of outline.sections) {
    const body: string[] = [];
    if (section.text) body.push(plainText(section.text));
    for (const item of section.items) body.push(`- ${item}`);
    if (section.items.length) body.splice(0, body.length, body.join("\n"));
    for (const entry of section.entries) body.push(entryText(entry));
    blocks.push(`${section.title.toUpperCase()}\n${body.join("\n\n")}`);
  }
  return `${blocks.join("\n\n")}\n`;
}

function contactLine(contacts: { text: string; url: string | null }[]): string {
  return contacts
    .map((contact) => {
      const shown = contact.url?.replace(/^mailto:/i, "");
      return contact.url && shown && !contact.text.includes(shown.replace(/^https?:\/\//i, ""))
        ? `${contact.text} (${shown})`
        : contact.text;
    })
    .join(" | ");
}

const oneLine = (text: string) => plainText(text).replace(/\s*\n\s*/g, " ");

function entryText(entry: OutlineEntry): string {
  const heading = [entry.title, entry.org].filter(Boolean).join(", ");
  const lines = [entry.dates ? `${heading} — ${entry.dates}` : heading];
  const link = entry.titleUrl ?? entry.orgUrl;
  if (link) lines.push(link.replace(/^mailto:/i, ""));
  if (entry.where) lines.push(entry.where);
  if (entry.note) lines.push(entry.note);
  if (entry.summary) lines.push(plainText(entry.summary));
  for (const bullet of entry.bullets) lines.push(`- ${oneLine(bullet)}`);
  if (entry.tags.length) lines.push(`Keywords: ${entry.tags.join(", ")}`);
  return lines.filter(Boolean).join("\n");
}
