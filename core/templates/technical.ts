import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Technical: for engineers — a monospace face by default, the header framed like a terminal
 * window with an accent title bar, dashed rules under headings, and skills and tags as
 * outlined chips. Every element is text; the chips keep real commas for ATS.
 */
const CSS = `
.tpl-technical{line-height:calc(var(--leading) * .96)}
.tpl-technical .resume-header{border:1.5px solid var(--accent);border-block-start-width:.5em;border-radius:.3em;padding:.8em 1em}
.tpl-technical .name{font-size:1.95em;font-weight:700;line-height:1.1;letter-spacing:-.02em}
.tpl-technical .label{font-size:1.05em;color:var(--accent-text);margin-block-start:.15em}
.tpl-technical .contacts{display:flex;flex-wrap:wrap;gap:.15em 1.4em;margin-block-start:.55em;font-size:.88em;color:var(--muted)}
.tpl-technical .contacts a{color:var(--accent-text)}
.tpl-technical .section{margin-block-start:1.05em}
.tpl-technical .section-title{font-size:1em;font-weight:700;color:var(--accent-text);padding-block-end:.15em;margin-block-end:.5em;border-block-end:1.5px dashed var(--accent-line)}
.tpl-technical .entry+.entry{margin-block-start:.7em}
.tpl-technical .entry-heading{font-weight:700}
.tpl-technical .entry-org{font-weight:400;color:var(--accent-text)}
.tpl-technical .entry-dates{font-size:.88em;color:var(--muted)}
.tpl-technical .entry-meta,.tpl-technical .entry-note{font-size:.9em}
.tpl-technical .entry-bullets,.tpl-technical .entry-summary{margin-block-start:.2em}
.tpl-technical .entry-bullets li::marker{content:"\\25b8\\00a0"}
.tpl-technical .entry-tags,.tpl-technical .skill-keywords{display:flex;flex-wrap:wrap;gap:.3em}
.tpl-technical .entry-tags{margin-block-start:.35em}
.tpl-technical .entry-tags .kw-sep,.tpl-technical .skill-keywords .kw-sep{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.tpl-technical .entry-tags .kw,.tpl-technical .skill-keywords .kw{border:1px solid var(--accent-line);color:var(--ink);border-radius:.2em;padding:0 .4em;font-size:.86em}
.tpl-technical .skills li{display:grid;grid-template-columns:minmax(8em,24%) 1fr;gap:.6em;align-items:baseline;margin:.3em 0}
.tpl-technical .skill-name{font-weight:700}
.tpl-technical .skill-level{font-size:.86em}
.tpl-technical .languages{display:flex;flex-wrap:wrap;gap:.3em 1.8em}
.tpl-technical .language-name{font-weight:700}
@media screen and (max-width:640px){.tpl-technical .skills li{grid-template-columns:1fr;gap:.15em}}
`;

export const technical: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-technical"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data, "About")}\n${renderSections(data)}</main></div>`,
});
