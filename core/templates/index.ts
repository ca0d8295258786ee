/**
 * The template library (README "Templates and sharing"): each template is one pure function from the resume and
 * its style to CSS and body HTML, and `renderResumeDocument` wraps one in a complete,
 * self-contained HTML document. The editor preview, the public share page and the PDF all
 * call this, so what a person sees is what the PDF contains.
 */
import { documentDirection, documentLanguage } from "../resume/headings";
import {
  DEFAULT_STYLE,
  isLanguageTag,
  type ResumeData,
  type ResumeStyle,
  type SectionKey,
} from "../resume/schema";
import { academic } from "./academic";
import { banner } from "./banner";
import { pageRule, type TemplateRender } from "./base";
import { classic } from "./classic";
import { compact } from "./compact";
import { elegant } from "./elegant";
import { EXECUTIVE_SIDE, executive } from "./executive";
import {
  type FontFace,
  type FontSubset,
  fontFaceCss,
  isEmbeddableFontUrl,
  subsetsForText,
} from "./fonts";
import { safeStyle } from "./format";
import { minimal } from "./minimal";
import { modern } from "./modern";
import { type PagedOptions, pagedOutput } from "./paged";
import { portrait } from "./portrait";
import { escapeHtml } from "./rich-text";
import { SIDEBAR_SIDE, sidebar } from "./sidebar";
import { technical } from "./technical";
import { timeline } from "./timeline";

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  columns: 1 | 2;
  premium: boolean;
  /** Shows `basics.image` (or initials when there is none). */
  photo: boolean;
  /** The look the template was designed with; the editor applies it when switching. */
  defaults: Pick<ResumeStyle, "font" | "accentColor">;
  /** Two-column templates: the sections in the side column until the person moves them. */
  side?: readonly SectionKey[];
}

export const TEMPLATES: TemplateInfo[] = [
  {
    id: "classic",
    name: "Classic",
    description: "One column in a serif face, centred header, ruled headings. Safe everywhere.",
    columns: 1,
    premium: false,
    photo: false,
    defaults: { font: "source-serif", accentColor: "#1f3a5f" },
  },
  {
    id: "modern",
    name: "Modern",
    description:
      "One clean sans-serif column with the accent colour on the name, headings and skills.",
    columns: 1,
    premium: false,
    photo: false,
    defaults: { font: "inter", accentColor: "#1d4ed8" },
  },
  {
    id: "compact",
    name: "Compact",
    description: "Dense and tidy: section names in a side column, tight spacing for long careers.",
    columns: 1,
    premium: false,
    photo: false,
    defaults: { font: "ibm-plex-sans", accentColor: "#0f766e" },
  },
  {
    id: "sidebar",
    name: "Sidebar",
    description: "Two columns: contacts, skills and languages in a tinted side column.",
    columns: 2,
    premium: true,
    photo: false,
    defaults: { font: "inter", accentColor: "#7c3aed" },
    side: SIDEBAR_SIDE,
  },
  {
    id: "elegant",
    name: "Elegant",
    description: "Minimal and airy: letter-spaced capitals, hairline rules, no fills.",
    columns: 1,
    premium: true,
    photo: false,
    defaults: { font: "lora", accentColor: "#8a6d3b" },
  },
  {
    id: "portrait",
    name: "Portrait",
    description: "A header band with your photo, or your initials when you have not added one.",
    columns: 1,
    premium: true,
    photo: true,
    defaults: { font: "roboto-slab", accentColor: "#be123c" },
  },
  {
    id: "minimal",
    name: "Minimal",
    description: "Type and white space only: no fills, no rules, headings in the accent colour.",
    columns: 1,
    premium: false,
    photo: false,
    defaults: { font: "source-sans", accentColor: "#4d7c0f" },
  },
  {
    id: "technical",
    name: "Technical",
    description: "Monospace, a terminal-style framed header and skills as outlined chips.",
    columns: 1,
    premium: false,
    photo: false,
    defaults: { font: "jetbrains-mono", accentColor: "#15803d" },
  },
  {
    id: "academic",
    name: "Academic",
    description: "A serif CV: small-capital headings, dates in a margin column, hanging indents.",
    columns: 1,
    premium: false,
    photo: false,
    defaults: { font: "eb-garamond", accentColor: "#7f1d1d" },
  },
  {
    id: "executive",
    name: "Executive",
    description: "A bold full-width header over two columns, the details column on the right.",
    columns: 2,
    premium: true,
    photo: false,
    defaults: { font: "source-serif", accentColor: "#0e7490" },
    side: EXECUTIVE_SIDE,
  },
  {
    id: "timeline",
    name: "Timeline",
    description: "Dates in a rail beside a vertical line, a dot for every role.",
    columns: 1,
    premium: true,
    photo: false,
    defaults: { font: "ibm-plex-sans", accentColor: "#c2410c" },
  },
  {
    id: "banner",
    name: "Banner",
    description: "A full-width colour band with your name in white, headings on tinted strips.",
    columns: 1,
    premium: true,
    photo: false,
    defaults: { font: "source-sans", accentColor: "#4338ca" },
  },
];

export const DEFAULT_TEMPLATE = "classic";

export const TEMPLATE_RENDERERS: Record<string, TemplateRender> = {
  classic,
  modern,
  compact,
  sidebar,
  elegant,
  portrait,
  minimal,
  technical,
  academic,
  executive,
  timeline,
  banner,
};

/** A template's entry, or the default template's for an unknown id. */
export function templateInfo(id: unknown): TemplateInfo {
  return (
    TEMPLATES.find((template) => template.id === id) ??
    (TEMPLATES.find((template) => template.id === DEFAULT_TEMPLATE) as TemplateInfo)
  );
}

export interface RenderOptions {
  /** Overrides the document's `meta.style.template`. */
  template?: string;
  /** Overrides fields of the document's `meta.style` (e.g. the editor's unsaved picks). */
  style?: Partial<ResumeStyle>;
  /**
   * Embedded fonts: `@font-face` CSS, or a function giving each file's address (see
   * `fontFaces`/`fontFaceCss` in ./fonts). Only data: URLs and same-origin paths are
   * accepted. Without it the templates use their fallback stacks.
   */
  fonts?: string | ((face: FontFace) => string);
  /** Font subsets to embed when `fonts` is a function (default: those the text needs). */
  fontSubsets?: FontSubset[];
  /** Adds `<meta name="robots" content="noindex">` (share pages default to it). */
  noindex?: boolean;
  /**
   * Document language, a BCP 47 tag, over the document's `meta.language` (itself "en" when
   * absent or malformed); the direction follows it unless `meta.direction` says otherwise.
   */
  lang?: string;
  /** The editor's paged preview: print rules on screen, one page per column (./paged.ts). */
  paged?: boolean | PagedOptions;
}

/**
 * The style a document renders with: defaults, then the template's own look, then the
 * document's choices, then `options.style`; every field validated on the way, so a value
 * that skipped the schema falls back instead of reaching the CSS.
 */
export function resolveDocumentStyle(data: ResumeData, options: RenderOptions = {}): ResumeStyle {
  const requested = options.template ?? options.style?.template ?? data.meta?.style?.template;
  const info = templateInfo(requested);
  const base: ResumeStyle = { ...DEFAULT_STYLE, ...info.defaults, template: info.id };
  const chosen = safeStyle({ ...(data.meta?.style ?? {}), ...(options.style ?? {}) }, base);
  return { ...chosen, template: info.id };
}

/**
 * The style a new resume is stored with (README "Templates and sharing"). A template picked
 * at creation brings its font and colour, as switching to it in the editor does; a document
 * created without a pick (an import, a copy) keeps the font and colour it has and takes its
 * template's for any it lacks, so the stored style is the one every renderer shows.
 */
export function styleAtCreation(
  style: Partial<ResumeStyle> | undefined,
  picked: string | undefined,
): Partial<ResumeStyle> {
  const template = picked ?? style?.template ?? DEFAULT_TEMPLATE;
  const { defaults } = templateInfo(template);
  if (picked !== undefined) return { ...style, ...defaults, template };
  const own = safeStyle(style, { ...DEFAULT_STYLE, ...defaults });
  return { ...style, font: own.font, accentColor: own.accentColor, template };
}

function checkedFontCss(css: string): string {
  if (/@import/i.test(css)) throw new Error("Font CSS may not @import");
  for (const match of css.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi)) {
    if (!isEmbeddableFontUrl(match[2] ?? ""))
      throw new Error("Font CSS may only use data: or same-origin URLs");
  }
  return css;
}

/**
 * Text placed inside `<style>` can never close it: our CSS has no "<" of its own, so every
 * "<" becomes the CSS escape for the same character.
 */
const styleText = (css: string) => css.replace(/</g, "\\3c ");

/**
 * No script, no plugin, nothing from another origin: the document can only show itself.
 * Images: inline, https photos, and photos uploaded here (`/media/{key}`, same origin).
 */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: 'self'; font-src data: 'self'; base-uri 'none'; form-action 'none'";

/** A complete HTML document for the resume, with nothing to fetch but the person's photo. */
export function renderResumeDocument(data: ResumeData, options: RenderOptions = {}): string {
  const style = resolveDocumentStyle(data, options);
  const render = TEMPLATE_RENDERERS[style.template] ?? classic;
  const output = render(data, style);
  const { css, body } = options.paged
    ? pagedOutput(output, style, options.paged === true ? {} : options.paged)
    : output;
  // Without a list, the subsets this document's text uses: same-origin files cost nothing
  // until a character in their unicode-range appears (README "Layout, headings and language").
  const fonts =
    typeof options.fonts === "function"
      ? fontFaceCss(style.font, options.fonts, options.fontSubsets ?? subsetsForText(body))
      : checkedFontCss(options.fonts ?? "");
  const lang = isLanguageTag(options.lang) ? options.lang : documentLanguage(data);
  const dir = documentDirection(data, lang);
  const name = typeof data.basics?.name === "string" ? data.basics.name.trim() : "";
  const title = name ? `${name} — Resume` : "Resume";
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.noindex ? '<meta name="robots" content="noindex">\n' : ""}<title>${escapeHtml(title)}</title>
<style>
${styleText(`${pageRule(style)}\n${fonts}\n${css}`)}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export type { TemplateOutput, TemplateRender } from "./base";
export {
  EVERY_SUBSET,
  FONT_INFO,
  type FontFace,
  type FontSubset,
  fontFaceCss,
  fontFaces,
} from "./fonts";
export { escapeHtml, plainText, renderInline, renderRichText } from "./rich-text";
