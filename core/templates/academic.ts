import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Academic: a curriculum vitae look for publications and long records — a serif face,
 * name and headings in small capitals, contacts stacked at the end of the header line,
 * dates in a column at the start of each entry (placed by CSS; the text order is unchanged), and publications with hanging indents.
 */
const CSS = `
.tpl-academic .resume-header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;gap:.4em 2em;padding-block-end:.6em;border-block-end:.75px solid var(--ink)}
.tpl-academic .name{font-size:2.2em;font-weight:400;font-variant:small-caps;letter-spacing:.03em;line-height:1.1}
.tpl-academic .label{font-size:1.08em;font-style:italic;margin-block-start:.1em}
.tpl-academic .contacts{font-size:.92em;text-align:end}
.tpl-academic .contacts a{color:var(--accent-text)}
.tpl-academic .section{margin-block-start:1.1em}
.tpl-academic .section-title{font-size:1.2em;font-weight:400;font-variant:small-caps;letter-spacing:.04em;color:var(--accent-text);margin-block-end:.4em}
.tpl-academic .entry{padding-inline-start:7.5em}
.tpl-academic .entry .keep{position:relative}
.tpl-academic .entry-dates{position:absolute;inset-block-start:.1em;inset-inline-start:-7.5em;width:6.5em;white-space:normal;font-size:.92em;color:var(--muted)}
.tpl-academic .entry+.entry{margin-block-start:.55em}
.tpl-academic .entry-heading{font-weight:600}
.tpl-academic .entry-org{font-style:italic;font-weight:400}
.tpl-academic .entry-meta,.tpl-academic .entry-note{font-size:.95em}
.tpl-academic .entry-bullets,.tpl-academic .entry-summary{margin-block-start:.15em}
.tpl-academic .section-publications .entry-summary,.tpl-academic .section-publications .entry-heading{padding-inline-start:1.5em;text-indent:-1.5em}
.tpl-academic .skills li,.tpl-academic .languages li{margin:.1em 0}
.tpl-academic .skill-name,.tpl-academic .language-name{font-variant:small-caps;font-weight:600}
@media screen and (max-width:640px){.tpl-academic .entry{padding-inline-start:0}.tpl-academic .entry-dates{position:static;width:auto}.tpl-academic .contacts{text-align:start}}
`;

export const academic: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-academic"><header class="resume-header"><div>${nameBlock(data)}</div>${contactList(data)}</header>\n<main>${renderSummary(data)}\n${renderSections(data)}</main></div>`,
});
