import type { FONTS } from "../resume/schema";

/**
 * Fonts are embedded, never fetched: the template CSS names a family with a fallback stack
 * that looks right on its own, and whoever renders the document may add `@font-face` rules
 * for that family (the Worker inlines WOFF2 data URLs from its static assets for the PDF and
 * the share page; the editor preview can point at same-origin files). The font files are
 * the `@fontsource/*` packages' WOFF2 files; `FontFace.file` names each one.
 */
export type FontId = (typeof FONTS)[number];
export type FontSubset = "latin" | "latin-ext" | "cyrillic" | "greek" | "vietnamese" | "arabic";

export interface FontInfo {
  id: FontId;
  /** Name for the font picker. */
  name: string;
  category: "sans-serif" | "serif" | "slab-serif" | "monospace";
  /** CSS `font-family` value: the embedded family first, then fallbacks of the same shape. */
  stack: string;
  /** The npm package the files come from; null for the system stack. */
  package: string | null;
  family: string | null;
  /** The faces templates use: regular, italic and one bold weight (600 or 700). */
  faces: { weight: number; style: "normal" | "italic" }[];
  subsets: FontSubset[];
}

/**
 * None of the template fonts has Arabic script, and the PDF's Chromium is only sure to have
 * Liberation: every stack names this family right after its own, and documents with Arabic
 * text embed its faces (`fontFaces` with the "arabic" subset), whatever the chosen font.
 * IBM Plex Sans Arabic draws each letter as one glyph, so a PDF's text (what an ATS reads)
 * keeps every letter; Noto Sans Arabic builds dotted letters from a dotless base and dots,
 * and the PDF's text lost the dots.
 */
const ARABIC = {
  package: "@fontsource/ibm-plex-sans-arabic",
  family: "IBM Plex Sans Arabic",
} as const;
const SANS_FALLBACK = `"${ARABIC.family}", "Helvetica Neue", Arial, "Liberation Sans", "Noto Sans", sans-serif`;
const SERIF_FALLBACK = `"${ARABIC.family}", Georgia, Cambria, "Times New Roman", "Liberation Serif", "Noto Serif", serif`;
const MONO_FALLBACK = `"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace`;
const ALL_SUBSETS: FontSubset[] = ["latin", "latin-ext", "cyrillic", "greek", "vietnamese"];

/**
 * Every subset a page may need, Arabic included: pages that link the files (the public page,
 * the admin preview) list them all, and `unicode-range` makes browsers fetch only what is used.
 */
export const EVERY_SUBSET: FontSubset[] = [...ALL_SUBSETS, "arabic"];

export const FONT_INFO: Record<FontId, FontInfo> = {
  inter: {
    id: "inter",
    name: "Inter",
    category: "sans-serif",
    stack: `"Inter", ${SANS_FALLBACK}`,
    package: "@fontsource/inter",
    family: "Inter",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 600, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  "source-serif": {
    id: "source-serif",
    name: "Source Serif",
    category: "serif",
    stack: `"Source Serif 4", "Source Serif Pro", ${SERIF_FALLBACK}`,
    package: "@fontsource/source-serif-4",
    family: "Source Serif 4",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 700, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  "ibm-plex-sans": {
    id: "ibm-plex-sans",
    name: "IBM Plex Sans",
    category: "sans-serif",
    stack: `"IBM Plex Sans", "Segoe UI", ${SANS_FALLBACK}`,
    package: "@fontsource/ibm-plex-sans",
    family: "IBM Plex Sans",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 600, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  lora: {
    id: "lora",
    name: "Lora",
    category: "serif",
    stack: `"Lora", ${SERIF_FALLBACK}`,
    package: "@fontsource/lora",
    family: "Lora",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 700, style: "normal" },
    ],
    subsets: ["latin", "latin-ext", "cyrillic", "vietnamese"],
  },
  "roboto-slab": {
    id: "roboto-slab",
    name: "Roboto Slab",
    category: "slab-serif",
    stack: `"Roboto Slab", Rockwell, "DejaVu Serif", ${SERIF_FALLBACK}`,
    package: "@fontsource/roboto-slab",
    family: "Roboto Slab",
    // Roboto Slab has no italic; the browser slants the regular face.
    faces: [
      { weight: 400, style: "normal" },
      { weight: 700, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  "source-sans": {
    id: "source-sans",
    name: "Source Sans",
    category: "sans-serif",
    stack: `"Source Sans 3", "Source Sans Pro", ${SANS_FALLBACK}`,
    package: "@fontsource/source-sans-3",
    family: "Source Sans 3",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 600, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  "eb-garamond": {
    id: "eb-garamond",
    name: "EB Garamond",
    category: "serif",
    stack: `"EB Garamond", Garamond, ${SERIF_FALLBACK}`,
    package: "@fontsource/eb-garamond",
    family: "EB Garamond",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 600, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  "jetbrains-mono": {
    id: "jetbrains-mono",
    name: "JetBrains Mono",
    category: "monospace",
    stack: `"JetBrains Mono", ${MONO_FALLBACK}`,
    package: "@fontsource/jetbrains-mono",
    family: "JetBrains Mono",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 700, style: "normal" },
    ],
    subsets: ALL_SUBSETS,
  },
  system: {
    id: "system",
    name: "System",
    category: "sans-serif",
    stack: `system-ui, -apple-system, "Segoe UI", Roboto, ${SANS_FALLBACK}`,
    package: null,
    family: null,
    faces: [],
    subsets: [],
  },
};

/** Which characters each subset file covers (as Fontsource and Google Fonts split them). */
export const UNICODE_RANGES: Record<FontSubset, string> = {
  latin:
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
  "latin-ext":
    "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF",
  cyrillic: "U+0301, U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116",
  greek: "U+0370-0377, U+037A-037F, U+0384-038A, U+038C, U+038E-03A1, U+03A3-03FF",
  arabic:
    "U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC",
  vietnamese:
    "U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB",
};

/** One WOFF2 file to embed. */
export interface FontFace {
  font: FontId;
  family: string;
  weight: number;
  style: "normal" | "italic";
  subset: FontSubset;
  /** Path of the file under node_modules, e.g. `@fontsource/inter/files/inter-latin-400-normal.woff2`. */
  file: string;
}

/** Latin and extended Latin cover most resumes; callers add subsets for other scripts. */
export const DEFAULT_SUBSETS: FontSubset[] = ["latin", "latin-ext"];

/** Subsets beyond Latin that `text` (a rendered document, say) needs, Latin always included. */
export function subsetsForText(text: string): FontSubset[] {
  const subsets: FontSubset[] = ["latin", "latin-ext"];
  if (/[\u0400-\u04ff]/.test(text)) subsets.push("cyrillic");
  if (/[\u0370-\u03ff]/.test(text)) subsets.push("greek");
  if (/[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0]/.test(text)) subsets.push("vietnamese");
  if (/[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/.test(text))
    subsets.push("arabic");
  return subsets;
}

/** The Arabic fallback's faces, in the font's own weights (it has no italic). */
function arabicFaces(font: FontId): FontFace[] {
  const weights = new Set((FONT_INFO[font]?.faces ?? []).map((face) => face.weight));
  if (!weights.size) weights.add(400).add(700);
  const slug = ARABIC.package.replace("@fontsource/", "");
  return [...weights].map((weight) => ({
    font,
    family: ARABIC.family,
    weight,
    style: "normal",
    subset: "arabic",
    file: `${ARABIC.package}/files/${slug}-arabic-${weight}-normal.woff2`,
  }));
}

/** Every file a font needs for the given subsets (those the font has, and the Arabic fallback). */
export function fontFaces(font: FontId, subsets: FontSubset[] = DEFAULT_SUBSETS): FontFace[] {
  const info = FONT_INFO[font];
  const arabic = subsets.includes("arabic") && info ? arabicFaces(font) : [];
  if (!info?.package || !info.family) return arabic;
  const slug = info.package.replace("@fontsource/", "");
  const out: FontFace[] = [];
  for (const subset of subsets.filter((s) => info.subsets.includes(s))) {
    for (const face of info.faces) {
      out.push({
        font,
        family: info.family,
        ...face,
        subset,
        file: `${info.package}/files/${slug}-${subset}-${face.weight}-${face.style}.woff2`,
      });
    }
  }
  return [...out, ...arabic];
}

/** The CSS stack for a font id; unknown ids get the system stack. */
export const fontStack = (font: string): string =>
  (FONT_INFO[font as FontId] ?? FONT_INFO.system).stack;

/**
 * `@font-face` rules for a font, with each file's address from `urlFor` (a data: URL, or a
 * same-origin path). Addresses are checked: only data:font/woff2 (or application/font-woff2,
 * octet-stream) URLs and relative or same-origin paths are written, so a mistake here cannot
 * make the document fetch from elsewhere.
 */
export function fontFaceCss(
  font: FontId,
  urlFor: (face: FontFace) => string,
  subsets: FontSubset[] = DEFAULT_SUBSETS,
): string {
  return fontFaces(font, subsets)
    .map((face) => {
      const url = urlFor(face);
      if (!isEmbeddableFontUrl(url))
        throw new Error(`Not an embeddable font address: ${face.file}`);
      return `@font-face{font-family:"${face.family}";font-style:${face.style};font-weight:${face.weight};font-display:block;src:url("${url}") format("woff2");unicode-range:${UNICODE_RANGES[face.subset]};}`;
    })
    .join("\n");
}

export function isEmbeddableFontUrl(url: string): boolean {
  if (/["'()\\\s<>]/.test(url)) return false;
  if (/^data:(font\/woff2|application\/font-woff2|application\/octet-stream);base64,/i.test(url))
    return true;
  // A path on the document's own origin: "/fonts/x.woff2" but not "//host/x.woff2".
  return /^\/(?!\/)/.test(url);
}
