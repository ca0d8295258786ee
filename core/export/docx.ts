import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  type ParagraphChild,
  TabStopPosition,
  TabStopType,
  TextRun,
} from "docx";
import type { ResumeData } from "../resume/schema";
import { FONT_INFO, type FontId } from "../templates/fonts";
import { resolveDocumentStyle } from "../templates/index";
import { INLINE, safeUrl } from "../templates/rich-text";
import { type OutlineEntry, type OutlineLink, resumeOutline } from "./outline";

/**
 * A Word document people can keep editing: real Heading 1/2/3 styles (the navigation pane
 * and ATS parsers see the structure), real bulleted lists and clickable hyperlinks, in the
 * resume's accent colour and page size. Fonts are left to Word's defaults, which every
 * reader has.
 */
export async function resumeToDocx(data: ResumeData): Promise<Uint8Array> {
  const outline = resumeOutline(data);
  const style = resolveDocumentStyle(data);
  const font = FONT_INFO[style.font as FontId]?.family ?? undefined;
  const accent = style.accentColor.slice(1);
  const children: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(outline.name || "Resume")],
    }),
  ];
  if (outline.label) {
    children.push(
      new Paragraph({ children: [new TextRun({ text: outline.label, size: 26, color: accent })] }),
    );
  }
  if (outline.contacts.length)
    children.push(new Paragraph({ children: contactRuns(outline.contacts) }));
  for (const section of outline.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.title }));
    if (section.text) children.push(...richText(section.text));
    for (const item of section.items) children.push(bulletParagraph(item));
    for (const entry of section.entries) children.push(...entryParagraphs(entry));
  }
  const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
  const page =
    style.pageSize === "Letter" ? { width: 12240, height: 15840 } : { width: 11906, height: 16838 };
  const margin = twips(style.marginMm);
  const document = new Document({
    title: outline.name ? `${outline.name} — Resume` : "Resume",
    creator: outline.name || "Resume Builder",
    description: "Exported from Resume Builder",
    styles: {
      default: {
        document: { run: { size: Math.round(style.fontSize * 2), ...(font ? { font } : {}) } },
        heading1: {
          run: { color: accent, bold: true, size: 26 },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
        heading2: {
          run: { bold: true, size: 22 },
          paragraph: { spacing: { before: 160, after: 40 } },
        },
        title: { run: { bold: true, size: 40 } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: page,
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

const hyperlink = (text: string, url: string) =>
  new ExternalHyperlink({ link: url, children: [new TextRun({ text, style: "Hyperlink" })] });

function contactRuns(contacts: OutlineLink[]): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  contacts.forEach((contact, index) => {
    if (index > 0) runs.push(new TextRun(" | "));
    runs.push(contact.url ? hyperlink(contact.text, contact.url) : new TextRun(contact.text));
  });
  return runs;
}

/** A stretch of rich text with the same marks: what one Word run carries. */
interface Span {
  text: string;
  bold: boolean;
  italics: boolean;
  url: string | null;
}

type Marks = Omit<Span, "text">;

/**
 * The templates' inline Markdown (core/templates/rich-text.ts, same pattern and nesting
 * depth) as marked spans instead of HTML, so Word gets real bold and italic runs.
 */
function spans(source: string, marks: Marks, depth = 0): Span[] {
  if (depth > 3) return [{ text: source, ...marks }];
  const out: Span[] = [];
  let last = 0;
  const pattern = new RegExp(INLINE.source, INLINE.flags);
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match.index > last) out.push({ text: source.slice(last, match.index), ...marks });
    const [, linkText, linkUrl, strong, emStar, emUnderscore] = match;
    if (linkText !== undefined) {
      out.push(...spans(linkText, { ...marks, url: safeUrl(linkUrl) ?? marks.url }, depth + 1));
    } else if (strong !== undefined) {
      out.push(...spans(strong, { ...marks, bold: true }, depth + 1));
    } else {
      out.push(...spans(emStar ?? emUnderscore ?? "", { ...marks, italics: true }, depth + 1));
    }
    last = match.index + match[0].length;
  }
  if (last < source.length) out.push({ text: source.slice(last), ...marks });
  return out;
}

/** One line of rich text as runs: links stay links, bold and italic stay marked. */
function inlineRuns(source: string): ParagraphChild[] {
  return spans(source.replace(/\n/g, " "), { bold: false, italics: false, url: null }).map(
    ({ text, bold, italics, url }) => {
      const run = (style?: string) =>
        new TextRun({ text, ...(bold ? { bold } : {}), ...(italics ? { italics } : {}), style });
      return url ? new ExternalHyperlink({ link: url, children: [run("Hyperlink")] }) : run();
    },
  );
}

const bulletParagraph = (text: string) =>
  new Paragraph({ bullet: { level: 0 }, children: inlineRuns(text) });

/** Paragraphs and "- " bullet lists of the templates' Markdown subset. */
function richText(source: string): Paragraph[] {
  const out: Paragraph[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(new Paragraph({ children: inlineRuns(paragraph.join(" ")) }));
    paragraph = [];
  };
  for (const line of source.replace(/\r\n?/g, "\n").split("\n")) {
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (line.trim() === "") flush();
    else if (bullet) {
      flush();
      out.push(bulletParagraph(bullet[1] ?? ""));
    } else paragraph.push(line.trim());
  }
  flush();
  return out;
}

function entryParagraphs(entry: OutlineEntry): Paragraph[] {
  const heading: ParagraphChild[] = [];
  const title = entry.title || entry.org;
  heading.push(
    entry.titleUrl && entry.title ? hyperlink(title, entry.titleUrl) : new TextRun(title),
  );
  if (entry.title && entry.org) {
    heading.push(new TextRun(", "));
    heading.push(entry.orgUrl ? hyperlink(entry.org, entry.orgUrl) : new TextRun(entry.org));
  }
  if (entry.dates) heading.push(new TextRun({ text: `\t${entry.dates}`, bold: false }));
  const out = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }],
      children: heading,
    }),
  ];
  for (const line of [entry.where, entry.note]) {
    if (line) out.push(new Paragraph({ children: [new TextRun({ text: line, italics: true })] }));
  }
  if (entry.summary) out.push(...richText(entry.summary));
  for (const bullet of entry.bullets) out.push(bulletParagraph(bullet));
  if (entry.tags.length) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [
          new TextRun({ text: "Keywords: ", bold: true }),
          new TextRun(entry.tags.join(", ")),
        ],
      }),
    );
  }
  return out;
}
