import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";

/**
 * Banner: a full-width band in the accent colour across the top with the name in white,
 * then one column with headings on tinted strips. The band uses the darkened accent
 * (`--accent-text`), so white text on it stays readable whatever colour the person picks.
 */
const CSS = `
.tpl-banner .resume-header{background:var(--accent-text);color:#fff;padding:1.3em 1.5em 1.1em;margin-block-end:.3em}
.tpl-banner .name{font-size:2.5em;font-weight:600;line-height:1.05;letter-spacing:.01em}
.tpl-banner .label{font-size:1.15em;margin-block-start:.25em;opacity:.92}
.tpl-banner .contacts{display:flex;flex-wrap:wrap;gap:.2em 1.3em;margin-block-start:.8em;padding-block-start:.6em;border-block-start:1px solid rgba(255,255,255,.35);font-size:.92em}
.tpl-banner .section{margin-block-start:1em}
.tpl-banner .section-title{font-size:.98em;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--accent-text);background:var(--accent-soft);padding:.25em .6em;margin-block-end:.5em}
.tpl-banner .section>:not(.section-title){margin-inline:.6em}
.tpl-banner .entry+.entry{margin-block-start:.7em}
.tpl-banner .entry-heading{font-size:1.03em}
.tpl-banner .entry-org{font-weight:400;color:var(--accent-text)}
.tpl-banner .entry-dates{color:var(--muted);font-size:.92em}
.tpl-banner .entry-bullets,.tpl-banner .entry-summary{margin-block-start:.2em}
.tpl-banner .skills{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.3em 1.8em}
.tpl-banner .skill-name,.tpl-banner .language-name{font-weight:600}
.tpl-banner .languages{display:flex;flex-wrap:wrap;gap:.3em 1.8em}
@media screen and (max-width:640px){.tpl-banner .skills{grid-template-columns:1fr}}
`;

export const banner: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-banner"><header class="resume-header">${nameBlock(data)}${contactList(data)}</header>\n<main>${renderSummary(data)}\n${renderSections(data)}</main></div>`,
});
