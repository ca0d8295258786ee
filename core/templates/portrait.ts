import { mediaKeyOf } from "../media/photo-rules";
import type { ResumeData } from "../resume/schema";
import type { TemplateRender } from "./base";
import { baseCss } from "./base";
import { initials } from "./format";
import { contactList, nameBlock, renderSections, renderSummary } from "./parts";
import { escapeHtml, safeUrl } from "./rich-text";

const DATA_IMAGE = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The photo address a document may show: a photo uploaded here (the same-origin path
 * `/media/{key}`, README "Photos"), the person's own https image or an inline PNG, JPEG or
 * WebP. Anything else (http, SVG, which can carry script, other data: types, other
 * same-origin paths) gives null, and the template shows initials instead.
 */
export function safeImage(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (DATA_IMAGE.test(trimmed)) return trimmed;
  if (mediaKeyOf(trimmed)) return trimmed;
  const url = safeUrl(trimmed);
  return url?.startsWith("https://") ? url : null;
}

function photo(data: ResumeData): string {
  const src = safeImage(data.basics?.image);
  const name = typeof data.basics?.name === "string" ? data.basics.name.trim() : "";
  if (src)
    return `<img class="photo" src="${escapeHtml(src)}" alt="${escapeHtml(name ? `Photo of ${name}` : "Photo")}">`;
  return `<div class="photo photo-initials" aria-hidden="true">${escapeHtml(initials(name) || "CV")}</div>`;
}

/** Portrait: a tinted header band with the person's photo (or initials) beside their name. */
const CSS = `
.tpl-portrait .resume-header{display:flex;align-items:center;gap:1.4em;background:var(--accent-soft);border-radius:.6em;padding:1.1em 1.3em}
.tpl-portrait .photo{flex:none;width:6.6em;height:6.6em;border-radius:50%;object-fit:cover;border:3px solid #fff;box-shadow:0 0 0 1.5px var(--accent)}
.tpl-portrait .photo-initials{display:flex;align-items:center;justify-content:center;background:var(--accent);color:#fff;font-size:2.1em;width:3.15em;height:3.15em;font-weight:600;letter-spacing:.04em}
.tpl-portrait .identity{min-width:0}
.tpl-portrait .name{font-size:2.2em;font-weight:700;line-height:1.1}
.tpl-portrait .label{font-size:1.12em;color:var(--accent-text);margin-top:.15em}
.tpl-portrait .contacts{display:flex;flex-wrap:wrap;gap:.15em 1em;margin-top:.55em;font-size:.92em;color:var(--muted)}
.tpl-portrait .section{margin-top:1.1em}
.tpl-portrait .section-title{font-size:1.05em;font-weight:700;color:var(--ink);border-inline-start:4px solid var(--accent);padding-inline-start:.55em;margin-bottom:.5em;line-height:1.2}
.tpl-portrait .entry+.entry{margin-top:.7em}
.tpl-portrait .entry-org{font-weight:400;color:var(--accent-text)}
.tpl-portrait .entry-dates{color:var(--muted);font-size:.92em}
.tpl-portrait .entry-bullets,.tpl-portrait .entry-summary{margin-top:.2em}
.tpl-portrait .skills{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.3em 1.8em}
.tpl-portrait .skill-name,.tpl-portrait .language-name{font-weight:700}
.tpl-portrait .languages{display:flex;flex-wrap:wrap;gap:.3em 1.8em}
@media screen and (max-width:640px){.tpl-portrait .resume-header{flex-direction:column;text-align:center}.tpl-portrait .contacts{justify-content:center}.tpl-portrait .skills{grid-template-columns:1fr}}
`;

export const portrait: TemplateRender = (data, style) => ({
  css: baseCss(style) + CSS,
  body: `<div class="page tpl-portrait"><header class="resume-header">${photo(data)}<div class="identity">${nameBlock(data)}${contactList(data)}</div></header>\n<main>${renderSummary(data)}\n${renderSections(data)}</main></div>`,
});
