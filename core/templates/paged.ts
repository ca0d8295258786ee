import type { ResumeStyle } from "../resume/schema";
import { PAGE_DIMENSIONS, type TemplateOutput } from "./base";
import { safeStyle } from "./format";

/**
 * The paged variant of a document (README "Editor and preview"): the print rules applied on
 * screen, and the body flowed into a multi-column box whose column is exactly one page's
 * content area. Chromium fragments columns with the same engine and the same rules as printed
 * pages (break-inside/break-after, orphans and widows, margins truncated at a break), so
 * column i holds what page i of the PDF holds. The column gap is twice the margin: column i
 * then starts exactly i page widths to the right, and shifting the box by that much shows
 * page i inside a page-sized window.
 */
export interface PagedOptions {
  /** Which page this document shows (0-based): the box is shifted by that many pages. */
  page?: number;
}

/**
 * Media rules as a printer sees them: `@media print …` applies, `@media screen …` never does.
 * Queries without a media type are left to the frame, which is one page wide.
 */
export function printRulesOnScreen(css: string): string {
  return css.replace(/@media\s+([^{;]+)\{/gi, (whole, prelude: string) => {
    const queries = prelude.split(",").map((query) => query.trim());
    const kept = queries.flatMap((query) => {
      const type = /^(?:only\s+)?(print|screen)\b/i.exec(query);
      if (!type) return [query];
      if (type[1]?.toLowerCase() === "screen") return [];
      return [query.replace(/^(?:only\s+)?print/i, "all")];
    });
    if (kept.length === queries.length && kept.every((query, i) => query === queries[i])) {
      return whole;
    }
    return `@media ${kept.length ? kept.join(",") : "not all"}{`;
  });
}

/**
 * Chromium prints on paper measured in thousandths of an inch (A4 becomes 8.268 × 11.693 in)
 * and rounds the page's content box up to whole pixels; the columns take exactly that size,
 * or a line that fits on the printed page would wrap or move in the preview. (Measured by
 * bisecting printed test pages; browsers without `round()` keep the unrounded size.)
 */
const PRINTED_PAPER = { A4: ["8.268in", "11.693in"], Letter: ["8.5in", "11in"] } as const;

/** Wraps a template's output in the page flow; `style` decides the page and margins. */
export function pagedOutput(
  output: TemplateOutput,
  input: ResumeStyle,
  options: PagedOptions = {},
): TemplateOutput {
  const style = safeStyle(input);
  const page = PAGE_DIMENSIONS[style.pageSize];
  const [paperWidth, paperHeight] = PRINTED_PAPER[style.pageSize];
  const index = Math.max(0, Math.floor(options.page ?? 0));
  const margin = `${style.marginMm}mm`;
  const exact = (paper: string) => `calc(${paper} - 2 * ${margin})`;
  const rounded = (paper: string) => `round(up, ${exact(paper)}, 1px)`;
  const css = `${printRulesOnScreen(output.css)}
html,body{width:${page.width};height:${page.height};margin:0;overflow:hidden;background:#fff}
.paged-flow{position:absolute;top:${margin};left:${margin};column-count:1;column-fill:auto;width:${exact(paperWidth)};height:${exact(paperHeight)};column-gap:calc(${page.width} - ${exact(paperWidth)});transform:translateX(calc(-${index} * ${page.width}))}
.paged-flow{width:${rounded(paperWidth)};height:${rounded(paperHeight)};column-gap:calc(${page.width} - ${rounded(paperWidth)})}
`;
  return { css, body: `<div class="paged-flow">${output.body}</div>` };
}
