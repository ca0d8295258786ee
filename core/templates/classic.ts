import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/** Classic: one column, serif by default, centred header and ruled small-caps headings. */
const CSS = `
.tpl-classic .resume-header{text-align:center;padding-bottom:.7em;margin-bottom:.2em;border-bottom:1.5px solid var(--accent)}
.tpl-classic .name{font-size:2.25em;font-weight:700;line-height:1.1;letter-spacing:.01em}
.tpl-classic .label{font-size:1.12em;font-style:italic;color:var(--muted);margin-top:.2em}
.tpl-classic .contacts{display:flex;flex-wrap:wrap;justify-content:center;margin-top:.5em;font-size:.94em}
.tpl-classic .contacts li+li::before{content:"\\00b7";margin:0 .55em;color:var(--accent)}
.tpl-classic .section{margin-top:1.05em}
.tpl-classic .section-title{font-size:1.02em;font-weight:700;text-transform:uppercase;letter-spacing:.06em;color:var(--accent-text);border-bottom:.75px solid var(--rule);padding-bottom:.1em;margin-bottom:.5em}
.tpl-classic .entry+.entry{margin-top:.65em}
.tpl-classic .entry-org{font-style:italic;font-weight:400}
.tpl-classic .entry-dates{font-style:italic;color:var(--muted)}
.tpl-classic .entry-meta{font-style:italic}
.tpl-classic .entry-bullets,.tpl-classic .entry-summary{margin-top:.2em}
.tpl-classic .skills li,.tpl-classic .languages li{margin:.12em 0}
.tpl-classic .skill-name,.tpl-classic .language-name{font-weight:700}
`;

export const classic: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-classic"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data, "Summary")}\n${renderSections(data)}</main></div>`,
});
