import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Timeline: one column whose content sits beside a rail; each entry hangs from a vertical
 * line with a dot at its heading, and its dates move into the rail. The dates stay in the
 * entry's heading in the document (text order unchanged for ATS); only CSS places them.
 */
const CSS = `
.tpl-timeline{--rail:8.8em;--gap:1.3em}
.tpl-timeline .resume-header{padding-block-end:.8em;margin-block-end:.2em}
.tpl-timeline .name{font-size:2.4em;font-weight:600;line-height:1.05;letter-spacing:-.01em}
.tpl-timeline .label{font-size:1.15em;color:var(--accent-text);margin-block-start:.2em}
.tpl-timeline .contacts{display:flex;flex-wrap:wrap;gap:.15em 1.2em;margin-block-start:.5em;font-size:.92em;color:var(--muted)}
.tpl-timeline .section{margin-block-start:1.1em}
.tpl-timeline .section-title{display:flex;align-items:center;gap:.7em;font-size:.95em;font-weight:600;text-transform:uppercase;letter-spacing:.07em;color:var(--accent-text);margin-block-end:.5em}
.tpl-timeline .section-title::before{content:"";flex:none;width:calc((var(--rail) + var(--gap) * .5) / .95);height:2px;background:var(--accent)}
.tpl-timeline .section>:not(.section-title){margin-inline-start:calc(var(--rail) + var(--gap))}
.tpl-timeline .section>.entry{position:relative;margin-inline-start:calc(var(--rail) + var(--gap) * .5);padding-inline-start:calc(var(--gap) * .5);padding-block-end:.55em;border-inline-start:2px solid var(--accent-line)}
.tpl-timeline .section>.entry::before{content:"";position:absolute;inset-inline-start:calc(-.3em - 1px);inset-block-start:.4em;width:.6em;height:.6em;border-radius:50%;background:var(--accent)}
.tpl-timeline .section>.entry:last-child{padding-block-end:0}
.tpl-timeline .entry .keep{position:relative}
.tpl-timeline .entry-dates{position:absolute;inset-block-start:.1em;inset-inline-end:calc(100% + var(--gap) * 1.25 / .86);width:calc(var(--rail) / .86);white-space:normal;text-align:end;font-size:.86em;font-weight:600;color:var(--accent-text);line-height:1.3}
.tpl-timeline .entry-heading{font-size:1.03em}
.tpl-timeline .entry-org{font-weight:400;color:var(--muted)}
.tpl-timeline .entry-bullets,.tpl-timeline .entry-summary{margin-block-start:.2em}
.tpl-timeline .skills li,.tpl-timeline .languages li{margin:.15em 0}
.tpl-timeline .skill-name,.tpl-timeline .language-name{font-weight:600}
@media screen and (max-width:640px){.tpl-timeline{--rail:0em}.tpl-timeline .section-title::before{display:none}.tpl-timeline .entry-dates{position:static;display:block;width:auto;text-align:start}}
`;

export const timeline: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-timeline"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data)}\n${renderSections(data)}</main></div>`,
});
