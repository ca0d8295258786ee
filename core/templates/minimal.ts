import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Minimal: nothing but type and space — no fills, no rules, no capitals; everything aligned
 * to the start edge, generous gaps between sections, and the accent only on the headings.
 */
const CSS = `
.tpl-minimal .resume-header{margin-block-end:1.2em}
.tpl-minimal .name{font-size:2.1em;font-weight:600;line-height:1.1;letter-spacing:-.02em}
.tpl-minimal .label{font-size:1.1em;color:var(--muted);margin-block-start:.15em}
.tpl-minimal .contacts{display:flex;flex-wrap:wrap;gap:.1em 1.6em;margin-block-start:.8em;font-size:.92em;color:var(--muted)}
.tpl-minimal .section{margin-block-start:1.7em}
.tpl-minimal main>.section:first-child{margin-block-start:0}
.tpl-minimal .section-title{font-size:1.15em;font-weight:600;color:var(--accent-text);margin-block-end:.6em}
.tpl-minimal .entry+.entry{margin-block-start:1em}
.tpl-minimal .entry-heading{font-weight:600}
.tpl-minimal .entry-org{font-weight:400}
.tpl-minimal .entry-sep{color:var(--muted)}
.tpl-minimal .entry-dates{color:var(--muted);font-size:.94em}
.tpl-minimal .entry-meta,.tpl-minimal .entry-note{font-size:.94em}
.tpl-minimal .entry-bullets,.tpl-minimal .entry-summary{margin-block-start:.3em}
.tpl-minimal .entry-bullets li+li{margin-block-start:.15em}
.tpl-minimal .entry-bullets li::marker{content:"\\2014\\00a0";color:var(--muted)}
.tpl-minimal .skills li,.tpl-minimal .languages li{margin:.25em 0}
.tpl-minimal .skill-name,.tpl-minimal .language-name{font-weight:600}
.tpl-minimal .skill-keywords,.tpl-minimal .language-fluency{color:var(--muted)}
`;

export const minimal: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-minimal"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data, "About")}\n${renderSections(data)}</main></div>`,
});
