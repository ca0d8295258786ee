import type { ResumeData, ResumeStyle } from "../resume/schema";
import { fontStack } from "./fonts";
import { readableAccent, safeStyle, tint } from "./format";

/** What a template returns: its stylesheet and the inside of `<body>`. */
export interface TemplateOutput {
  css: string;
  body: string;
}
export type TemplateRender = (data: ResumeData, style: ResumeStyle) => TemplateOutput;

export const PAGE_DIMENSIONS = {
  A4: { width: "210mm", height: "297mm", css: "A4" },
  Letter: { width: "8.5in", height: "11in", css: "letter" },
} as const;

/**
 * The stylesheet every template starts from: the person's style as custom properties (each
 * value re-validated, so nothing but a colour, a number or a known font reaches the CSS),
 * a sheet of paper on screen and real pages in print, and the page-break rules.
 */
export function baseCss(input: ResumeStyle): string {
  const style = safeStyle(input);
  const page = PAGE_DIMENSIONS[style.pageSize];
  const accent = style.accentColor.toLowerCase();
  return `:root{--accent:${accent};--accent-text:${readableAccent(accent)};--accent-soft:${tint(accent, 0.1)};--accent-line:${tint(accent, 0.35)};--font:${fontStack(style.font)};--size:${style.fontSize}pt;--leading:${style.lineSpacing};--margin:${style.marginMm}mm;--page-width:${page.width};--page-height:${page.height};--ink:#1f2328;--muted:#57606a;--rule:#d0d7de;}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#e5e7eb;color:var(--ink);font-family:var(--font);font-size:var(--size);line-height:var(--leading);font-kerning:normal;overflow-wrap:anywhere}
.page{width:var(--page-width);min-height:var(--page-height);margin:0 auto;padding:var(--margin);background:#fff}
@media screen{.page{margin:1.5rem auto;box-shadow:0 1px 3px rgba(0,0,0,.12),0 8px 24px rgba(0,0,0,.08)}}
@media screen and (max-width:calc(210mm + 2rem)){.page{width:auto;min-height:0;margin:0;box-shadow:none}}
@media print{body{background:none}.page{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}}
h1,h2,h3,p,ul,ol,figure,blockquote{margin:0}
ul{padding:0;list-style:none}
a{color:inherit;text-decoration:none}
a:hover{text-decoration:underline}
strong{font-weight:600}
img{max-width:100%}
.section-title{break-after:avoid;page-break-after:avoid}
.keep{break-inside:avoid;page-break-inside:avoid}
.entry-bullets li,.skills li,.languages li{break-inside:avoid;page-break-inside:avoid}
.entry-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;column-gap:1em}
.entry-heading{font-size:1em;font-weight:600;min-width:0}
.entry-dates{white-space:nowrap;font-variant-numeric:tabular-nums;margin-inline-start:auto}
.entry-bullets,.entry-summary ul,.summary ul{padding-inline-start:1.15em;list-style:disc}
.entry-bullets li::marker,.entry-summary li::marker,.summary li::marker{color:var(--accent)}
.entry-bullets.entry-bullets-more{margin-top:0 !important}
.entry-summary p+p,.summary p+p{margin-top:.35em}
.entry-summary ul,.summary ul{margin-top:.2em}
.entry-note,.entry-meta{color:var(--muted)}
.entry-tags{color:var(--muted);font-size:.92em}
.skill-level,.language-fluency{color:var(--muted)}
.summary a,.entry-summary a,.entry-bullets a{text-decoration:underline;text-decoration-color:var(--accent-line)}
`;
}

/** `@page` for the document head: paper size and the person's margins. */
export function pageRule(input: ResumeStyle): string {
  const style = safeStyle(input);
  return `@page{size:${PAGE_DIMENSIONS[style.pageSize].css};margin:${style.marginMm}mm}`;
}
