import type { SectionKey } from "../resume/schema";
import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { nameBlock, renderColumns, renderContactSection, renderSummary } from "./parts";

/** Credentials and short lists for the narrow column, until the person moves them. */
export const EXECUTIVE_SIDE: readonly SectionKey[] = [
  "skills",
  "certificates",
  "awards",
  "languages",
];

/**
 * Executive: a full-width header over two columns, the narrow one at the end of the line
 * (the right in left-to-right documents) and separated by a hairline, no fills. The main
 * column comes first in the document so ATS and screen readers read experience before the
 * details; only logical properties, so a right-to-left document mirrors the whole layout.
 */
const CSS = `
.tpl-executive .resume-header{padding-block-end:.9em;margin-block-end:1.1em;border-block-end:5px solid var(--accent)}
.tpl-executive .name{font-size:2.6em;font-weight:600;line-height:1.05;text-transform:uppercase;letter-spacing:.03em}
.tpl-executive .label{font-size:1.2em;color:var(--accent-text);margin-block-start:.2em;letter-spacing:.02em}
.tpl-executive .layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,29%);column-gap:1.6em}
.tpl-executive .main{grid-column:1;grid-row:1}
.tpl-executive .side{grid-column:2;grid-row:1;border-inline-start:1px solid var(--rule);padding-inline-start:1.2em;font-size:.94em}
.tpl-executive .section{margin-block-start:1.1em}
.tpl-executive .main>.section:first-child,.tpl-executive .side>.section:first-child{margin-block-start:0}
.tpl-executive .section-title{font-size:1.08em;font-weight:600;color:var(--accent-text);margin-block-end:.45em;padding-block-end:.15em;border-block-end:1px solid var(--accent-line)}
.tpl-executive .side .section-title{font-size:.9em;text-transform:uppercase;letter-spacing:.08em;border-block-end:0;padding-block-end:0}
.tpl-executive .contacts li{margin:.15em 0}
.tpl-executive .entry+.entry{margin-block-start:.8em}
.tpl-executive .entry-heading{font-size:1.04em}
.tpl-executive .entry-org{font-weight:600;color:var(--accent-text)}
.tpl-executive .entry-dates{font-weight:600;font-size:.92em}
.tpl-executive .entry-meta{font-size:.92em}
.tpl-executive .entry-bullets,.tpl-executive .entry-summary{margin-block-start:.25em}
.tpl-executive .side .entry+.entry{margin-block-start:.5em}
.tpl-executive .side .entry-head{display:block}
.tpl-executive .side .entry-dates{display:block;font-weight:400;color:var(--muted)}
.tpl-executive .side .skills li,.tpl-executive .side .languages li{margin:0 0 .45em}
.tpl-executive .side .skill-label{display:block;font-weight:600}
.tpl-executive .side .skill-keywords{color:var(--muted)}
.tpl-executive .side .skill-keywords>.kw-sep:first-child{display:none}
.tpl-executive .side .language-name{font-weight:600}
.tpl-executive .main .skill-name,.tpl-executive .main .language-name{font-weight:600}
@media screen and (max-width:640px){.tpl-executive .layout{grid-template-columns:1fr}.tpl-executive .side{grid-column:1;grid-row:2;border-inline-start:0;padding-inline-start:0;margin-block-start:1.1em}}
`;

export const executive: TemplateRender = (data, style) => {
  const columns = renderColumns(data, EXECUTIVE_SIDE);
  const side = [renderContactSection(data), columns.side].filter(Boolean).join("\n");
  return {
    css: baseCss(style) + CSS,
    body: `<div class="page tpl-executive"><header class="resume-header">${nameBlock(data)}</header>\n<div class="layout"><main class="main">${renderSummary(data, "Executive summary")}\n${columns.main}</main>\n${side ? `<aside class="side" aria-label="Details">${side}</aside>` : ""}</div></div>`,
  };
};
