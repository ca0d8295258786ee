import type { SectionKey } from "../resume/schema";
import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { nameBlock, renderColumns, renderContactSection, renderSummary } from "./parts";

/** Sections short enough to read well in a narrow column, until the person moves them. */
export const SIDEBAR_SIDE: readonly SectionKey[] = ["skills", "languages", "interests"];

/**
 * Sidebar: two columns — a tinted column with contacts, skills, languages and interests
 * beside the experience. The main column comes first in the document, so text extraction
 * (ATS, screen readers) reads experience before the side details; CSS puts the side column
 * first on the line: on the left, or on the right in a right-to-left document.
 */
const CSS = `
.tpl-sidebar .layout{display:grid;grid-template-columns:minmax(0,32%) minmax(0,1fr);min-height:calc(var(--page-height) - 2 * var(--margin))}
.tpl-sidebar .main{grid-column:2;grid-row:1;padding-inline-start:1.5em}
.tpl-sidebar .side{grid-column:1;grid-row:1;background:var(--accent-soft);border-top:4px solid var(--accent);padding:1.1em 1em;font-size:.94em}
@media print{.tpl-sidebar .layout{min-height:0}}
.tpl-sidebar .resume-header{padding-bottom:.8em;margin-bottom:.2em}
.tpl-sidebar .name{font-size:2.3em;font-weight:600;line-height:1.05;letter-spacing:-.01em}
.tpl-sidebar .label{font-size:1.15em;color:var(--accent-text);margin-top:.2em}
.tpl-sidebar .section{margin-top:1em}
.tpl-sidebar .side .section:first-child{margin-top:0}
.tpl-sidebar .section-title{font-size:.85em;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--accent-text);margin-bottom:.5em}
.tpl-sidebar .main .section-title{border-bottom:1.5px solid var(--accent-line);padding-bottom:.2em}
.tpl-sidebar .contacts li{margin:.2em 0}
.tpl-sidebar .entry+.entry{margin-top:.7em}
.tpl-sidebar .entry-org{font-weight:400;color:var(--accent-text)}
.tpl-sidebar .entry-dates{color:var(--muted);font-size:.92em}
.tpl-sidebar .entry-bullets,.tpl-sidebar .entry-summary{margin-top:.2em}
.tpl-sidebar .side .skills li,.tpl-sidebar .side .languages li{margin:0 0 .45em}
.tpl-sidebar .side .skill-label{display:block;font-weight:600}
.tpl-sidebar .side .skill-keywords{color:var(--muted)}
.tpl-sidebar .side .skill-keywords>.kw-sep:first-child{display:none}
.tpl-sidebar .side .language-name{font-weight:600}
@media screen and (max-width:640px){.tpl-sidebar .layout{grid-template-columns:1fr;min-height:0}.tpl-sidebar .main{grid-column:1;padding:0}.tpl-sidebar .side{grid-row:2;margin-top:1em}}
`;

export const sidebar: TemplateRender = (data, style) => {
  const columns = renderColumns(data, SIDEBAR_SIDE);
  const side = [renderContactSection(data), columns.side].filter(Boolean).join("\n");
  return {
    css: baseCss(style) + CSS,
    body: `<div class="page tpl-sidebar"><div class="layout"><main class="main"><header class="resume-header">${nameBlock(data)}</header>\n${renderSummary(data)}\n${columns.main}</main>\n${side ? `<aside class="side" aria-label="Details">${side}</aside>` : ""}</div></div>`,
  };
};
