/**
 * The rich text people type into summaries, highlights and descriptions: a small Markdown
 * subset — **bold**, *italic* or _italic_, [text](url) links, "- " or "* " bullet lines and
 * blank-line paragraphs. Nothing else has meaning: every character is escaped, so stored
 * text can never become markup, and a link whose address is not http, https or mailto is
 * shown as its text alone.
 */

import { escapeHtml } from "../text/escape-html";

export { escapeHtml };

/**
 * The address to put in an href, or null when it is not one we let a resume link to.
 * The URL parser normalises it (no raw spaces or quotes survive) and the scheme is checked
 * after parsing, so tricks like leading control characters or "java\tscript:" fail.
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "mailto:")
      return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Link attributes every outbound link carries: the resume must not hand its window over. */
export const LINK_REL = 'rel="noopener noreferrer" target="_blank"';

export function link(href: string, textHtml: string, className?: string): string {
  const cls = className ? ` class="${className}"` : "";
  return `<a href="${escapeHtml(href)}"${cls} ${LINK_REL}>${textHtml}</a>`;
}

// One alternation so the earliest construct wins and the rest of the text stays literal.
// Link addresses may contain one level of balanced parentheses (Wikipedia-style URLs).
// Spans are bounded so that text full of unclosed markers costs linear time, not quadratic.
export const INLINE =
  /\[([^\]\n]{1,300})\]\(([^()\s]{0,2048}(?:\([^()\s]{0,300}\)[^()\s]{0,300})?)\)|\*\*(?=\S)([^\n]{1,500}?)(?<=\S)\*\*|\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]{1,500}?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu;

interface InlineVisitor {
  text(value: string): string;
  link(textOut: string, url: string | null): string;
  strong(inner: string): string;
  em(inner: string): string;
}

function walkInline(source: string, visit: InlineVisitor, depth = 0): string {
  // Nesting deeper than this is not something a resume needs; the rest stays literal.
  if (depth > 3) return visit.text(source);
  let out = "";
  let last = 0;
  const pattern = new RegExp(INLINE.source, INLINE.flags);
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    out += visit.text(source.slice(last, match.index));
    const [, linkText, linkUrl, strong, emStar, emUnderscore] = match;
    if (linkText !== undefined) {
      out += visit.link(walkInline(linkText, visit, depth + 1), safeUrl(linkUrl));
    } else if (strong !== undefined) {
      out += visit.strong(walkInline(strong, visit, depth + 1));
    } else {
      out += visit.em(walkInline(emStar ?? emUnderscore ?? "", visit, depth + 1));
    }
    last = match.index + match[0].length;
  }
  return out + visit.text(source.slice(last));
}

const HTML_VISITOR: InlineVisitor = {
  text: escapeHtml,
  link: (inner, url) => (url ? link(url, inner) : inner),
  strong: (inner) => `<strong>${inner}</strong>`,
  em: (inner) => `<em>${inner}</em>`,
};

const PLAIN_VISITOR: InlineVisitor = {
  text: (value) => value,
  link: (inner, url) => {
    if (!url) return inner;
    const shown = url.replace(/^mailto:/i, "");
    return inner === url || inner === shown ? inner : `${inner} (${shown})`;
  },
  strong: (inner) => inner,
  em: (inner) => inner,
};

/** One line of rich text (a highlight, a course) as inline HTML; line breaks become spaces. */
export function renderInline(text: unknown): string {
  if (typeof text !== "string" || text === "") return "";
  return walkInline(text.replace(/\s*\r?\n\s*/g, " "), HTML_VISITOR);
}

type Block = { kind: "p"; lines: string[] } | { kind: "ul"; items: string[] };

const BULLET = /^\s*[-*]\s+(.*)$/;

function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (current?.kind !== "ul") {
        current = { kind: "ul", items: [] };
        blocks.push(current);
      }
      current.items.push(bullet[1] ?? "");
    } else {
      if (current?.kind !== "p") {
        current = { kind: "p", lines: [] };
        blocks.push(current);
      }
      current.lines.push(line.trim());
    }
  }
  return blocks;
}

/** A summary or description as block HTML: paragraphs and bullet lists, `dir="auto"` each. */
export function renderRichText(text: unknown): string {
  if (typeof text !== "string" || text.trim() === "") return "";
  return parseBlocks(text)
    .map((block) =>
      block.kind === "p"
        ? `<p dir="auto">${block.lines.map((line) => walkInline(line, HTML_VISITOR)).join("<br>")}</p>`
        : `<ul>${block.items.map((item) => `<li dir="auto">${walkInline(item, HTML_VISITOR)}</li>`).join("")}</ul>`,
    )
    .join("");
}

/**
 * The same text with the markup taken out, for plain-text exports, ATS text and search:
 * paragraphs separated by a blank line, bullets as "- " lines, links as "text (address)".
 */
export function plainText(text: unknown): string {
  if (typeof text !== "string" || text.trim() === "") return "";
  return parseBlocks(text)
    .map((block) =>
      block.kind === "p"
        ? block.lines.map((line) => walkInline(line, PLAIN_VISITOR)).join("\n")
        : block.items.map((item) => `- ${walkInline(item, PLAIN_VISITOR)}`).join("\n"),
    )
    .join("\n\n");
}
