import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Compact: dense, for long careers on few pages — name and contacts share one band, section
 * titles sit in a narrow first column (on the right in a right-to-left document), and
 * spacing is tight (scaled from the chosen spacing).
 */
const CSS = `
.tpl-compact{line-height:calc(var(--leading) * .92)}
.tpl-compact .resume-header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;gap:.3em 2em;padding-bottom:.45em;border-bottom:2px solid var(--accent)}
.tpl-compact .name{font-size:1.9em;font-weight:600;line-height:1.05}
.tpl-compact .label{font-size:1.02em;color:var(--accent-text);font-weight:600;margin-top:.1em}
.tpl-compact .contacts{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:.05em .9em;font-size:.9em;color:var(--muted);max-width:58%}
.tpl-compact .section{display:grid;grid-template-columns:7.6em minmax(0,1fr);column-gap:1em;padding:.5em 0;border-bottom:.75px solid var(--rule)}
.tpl-compact .section:last-child{border-bottom:0}
.tpl-compact .section>*{grid-column:2}
.tpl-compact .section>.section-title{grid-column:1;grid-row:1 / span 200;font-size:.78em;font-weight:600;text-transform:uppercase;letter-spacing:.05em;overflow-wrap:break-word;color:var(--accent-text);padding-top:.25em}
.tpl-compact .entry+.entry{margin-top:.4em}
.tpl-compact .entry-org{font-weight:400}
.tpl-compact .entry-sep{color:var(--muted)}
.tpl-compact .entry-dates{color:var(--muted);font-size:.92em}
.tpl-compact .entry-meta,.tpl-compact .entry-note{display:inline;font-size:.92em}
.tpl-compact .entry-note{display:block}
.tpl-compact .entry-bullets{padding-inline-start:1em}
.tpl-compact .skills li,.tpl-compact .languages li{display:inline}
.tpl-compact .skills li+li::before,.tpl-compact .languages li+li::before{content:"  |  ";white-space:pre;color:var(--accent-line)}
.tpl-compact .skill-name,.tpl-compact .language-name{font-weight:600}
@media screen and (max-width:640px){.tpl-compact .section{grid-template-columns:1fr}.tpl-compact .section>*{grid-column:1}.tpl-compact .section>.section-title{grid-row:auto}.tpl-compact .contacts{justify-content:flex-start;max-width:none}}
`;

export const compact: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-compact"><header class="resume-header"><div>${nameBlock(data)}</div>${contactList(data)}</header>\n<main>${renderSummary(data, "Summary")}\n${renderSections(data)}</main></div>`,
});
