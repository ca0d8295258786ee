import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Elegant: a quiet, spacious single column — letter-spaced capitals for the name, headings
 * centred between hairlines, dates in small capitals, no fills.
 */
const CSS = `
.tpl-elegant .resume-header{text-align:center;margin-bottom:.6em}
.tpl-elegant .name{font-size:2.2em;font-weight:400;text-transform:uppercase;letter-spacing:.06em;line-height:1.15}
.tpl-elegant .label{margin-top:.35em;font-size:.95em;text-transform:uppercase;letter-spacing:.06em;color:var(--accent-text)}
.tpl-elegant .contacts{display:flex;flex-wrap:wrap;justify-content:center;gap:.15em 1.4em;margin-top:.9em;font-size:.9em;color:var(--muted)}
.tpl-elegant .section{margin-top:1.35em}
.tpl-elegant .section-title{display:flex;align-items:center;gap:1em;font-size:.82em;font-weight:400;text-transform:uppercase;letter-spacing:.06em;color:var(--accent-text);margin-bottom:.8em}
.tpl-elegant .section-title::before,.tpl-elegant .section-title::after{content:"";flex:1;height:0;border-top:.6px solid var(--accent-line)}
.tpl-elegant .summary{text-align:center;max-width:88%;margin:0 auto;font-style:italic}
.tpl-elegant .summary ul{display:inline-block;text-align:start}
.tpl-elegant .entry+.entry{margin-top:.85em}
.tpl-elegant .entry-heading{font-weight:600}
.tpl-elegant .entry-org{font-style:italic;font-weight:400}
.tpl-elegant .entry-dates{font-size:.82em;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.tpl-elegant .entry-meta,.tpl-elegant .entry-note{font-size:.92em}
.tpl-elegant .entry-bullets,.tpl-elegant .entry-summary{margin-top:.25em}
.tpl-elegant .entry-bullets li::marker{content:"\\2013\\00a0\\00a0";color:var(--accent)}
.tpl-elegant .skills,.tpl-elegant .languages{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.35em 2em}
.tpl-elegant .skill-label{display:block;font-weight:600}
.tpl-elegant .skill-keywords{color:var(--muted)}
.tpl-elegant .skill-keywords>.kw-sep:first-child{display:none}
.tpl-elegant .language-name{font-weight:600}
`;

export const elegant: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-elegant"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data)}\n${renderSections(data)}</main></div>`,
});
