import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/** Modern: one column, sans-serif, the accent colour on the name, headings and skill tags. */
const CSS = `
.tpl-modern .resume-header{padding-bottom:.9em;border-bottom:3px solid var(--accent)}
.tpl-modern .name{font-size:2.5em;font-weight:600;line-height:1.05;letter-spacing:-.015em;color:var(--accent-text)}
.tpl-modern .label{font-size:1.2em;margin-top:.25em;color:var(--ink)}
.tpl-modern .contacts{display:flex;flex-wrap:wrap;gap:.2em 1.1em;margin-top:.6em;color:var(--muted);font-size:.94em}
.tpl-modern .contacts a{color:var(--accent-text)}
.tpl-modern .section{margin-top:1.15em}
.tpl-modern .section-title{display:flex;align-items:center;gap:.6em;font-size:.92em;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--accent-text);margin-bottom:.55em}
.tpl-modern .section-title::after{content:"";flex:1;height:1px;background:var(--accent-line)}
.tpl-modern .entry+.entry{margin-top:.75em}
.tpl-modern .entry-heading{font-size:1.05em}
.tpl-modern .entry-org{font-weight:400;color:var(--muted)}
.tpl-modern .entry-dates{color:var(--accent-text);font-size:.92em;font-weight:600}
.tpl-modern .entry-meta,.tpl-modern .entry-note{font-size:.94em}
.tpl-modern .entry-bullets,.tpl-modern .entry-summary{margin-top:.25em}
.tpl-modern .entry-tags,.tpl-modern .skill-keywords{display:flex;flex-wrap:wrap;gap:.25em}
.tpl-modern .entry-tags{margin-top:.35em}
.tpl-modern .entry-tags .kw-sep,.tpl-modern .skill-keywords .kw-sep{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.tpl-modern .entry-tags .kw,.tpl-modern .skill-keywords .kw{background:var(--accent-soft);color:var(--accent-text);border-radius:.3em;padding:.05em .5em;font-size:.9em}
.tpl-modern .skills li{display:grid;grid-template-columns:minmax(7em,26%) 1fr;gap:.5em;align-items:baseline;margin:.3em 0}
.tpl-modern .skill-name{font-weight:600}
.tpl-modern .skill-level{font-size:.9em}
.tpl-modern .languages{display:flex;flex-wrap:wrap;gap:.3em 1.6em}
.tpl-modern .language-name{font-weight:600}
`;

export const modern: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-modern"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data)}\n${renderSections(data)}</main></div>`,
});
