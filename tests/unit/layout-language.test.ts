import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resumeOutline } from "../../core/export/outline";
import {
  documentDirection,
  documentLanguage,
  HEADING_LANGUAGES,
  languageDirection,
} from "../../core/resume/headings";
import { headingFor } from "../../core/resume/layout";
import { HEADING_KEYS, type ResumeData, resumeDataSchema } from "../../core/resume/schema";
import { fontFaceCss, fontFaces, subsetsForText } from "../../core/templates/fonts";
import { dateRange, formatDate } from "../../core/templates/format";
import { renderResumeDocument, TEMPLATE_RENDERERS } from "../../core/templates/index";
import {
  setDirection,
  setHeadingTitle,
  setInSideColumn,
  setLanguage,
  sideSections,
} from "../../ui/src/resumes/layout-edits";
import { loadResume, styleOf } from "./template-helpers";

const full = loadResume("full");

function inLanguage(language: string, extra: Partial<NonNullable<ResumeData["meta"]>> = {}) {
  const data = structuredClone(full);
  data.meta = { ...data.meta, language, ...extra };
  return data;
}

/** Sentence-level text inside `content:"…"` is not a property; strip it before looking. */
const declarations = (css: string) =>
  css.replace(/content:\s*"(?:[^"\\]|\\.)*"/g, "content:none").match(/[a-z-]+\s*:[^;{}]+/gi) ?? [];

/** Declarations that only lay out correctly left to right: `padding-left`, `text-align:right`… */
function physicalDeclarations(css: string): string[] {
  return declarations(css).filter((declaration) => {
    const [property = "", value = ""] = declaration.split(/:(.*)/s);
    if (/^(@|media|screen|print)/.test(property.trim())) return false;
    return /(^|-)(left|right)(-|$)/i.test(property.trim()) || /\b(left|right)\b/i.test(value);
  });
}

describe("document language and direction in the schema", () => {
  it("accepts BCP 47 tags and bounded directions, and refuses anything else", () => {
    for (const language of ["de", "pt-BR", "ar-EG", "zh-Hant-TW", "sr-Latn"]) {
      expect(resumeDataSchema.safeParse({ meta: { language } }).success, language).toBe(true);
    }
    for (const language of ["", "x", "en_US", "de-", '"><script>', `en-${"a".repeat(40)}`]) {
      expect(resumeDataSchema.safeParse({ meta: { language } }).success, language).toBe(false);
    }
    expect(resumeDataSchema.safeParse({ meta: { direction: "rtl" } }).success).toBe(true);
    expect(resumeDataSchema.safeParse({ meta: { direction: "up" } }).success).toBe(false);
  });

  it("takes the direction from the language unless the person chose one", () => {
    for (const tag of ["ar", "he", "fa", "ur", "ar-EG", "yi"])
      expect(languageDirection(tag), tag).toBe("rtl");
    for (const tag of ["en", "de", "pt-BR", "az-Latn", "zh"])
      expect(languageDirection(tag), tag).toBe("ltr");
    expect(documentDirection(inLanguage("ar"))).toBe("rtl");
    expect(documentDirection(inLanguage("ar", { direction: "ltr" }))).toBe("ltr");
    expect(documentDirection(inLanguage("en", { direction: "rtl" }))).toBe("rtl");
    expect(documentLanguage(inLanguage("not a tag"))).toBe("en");
  });
});

describe("headings", () => {
  it("has every heading in every language", () => {
    for (const [lang, text] of Object.entries(HEADING_LANGUAGES)) {
      for (const key of HEADING_KEYS)
        expect(text.headings[key].trim(), `${lang} ${key}`).not.toBe("");
      expect(text.present).not.toBe("");
    }
    expect(HEADING_LANGUAGES.de.headings.work).toBe("Berufserfahrung");
    expect(HEADING_LANGUAGES.ar.headings.work).toBe("الخبرة المهنية");
  });

  it("uses the person's name, then the template's in English only, then the language's", () => {
    expect(headingFor(full, "work")).toBe("Experience");
    expect(headingFor(full, "summary", "Summary")).toBe("Summary");
    const german = inLanguage("de-AT");
    expect(headingFor(german, "work")).toBe("Berufserfahrung");
    expect(headingFor(german, "summary", "Summary")).toBe("Profil");
    expect(headingFor(inLanguage("ja"), "summary", "Summary")).toBe("Summary");
    german.meta = {
      ...german.meta,
      layout: { order: [], hidden: [], titles: { work: " Praxis " } },
    };
    expect(headingFor(german, "work")).toBe("Praxis");
    expect(headingFor(german, "contact")).toBe("Kontakt");
  });

  it("formats dates in the document's language", () => {
    expect(dateRange("2020-06", "", "en")).toBe("Jun 2020 – Present");
    expect(dateRange("2020-06", undefined, "de")).toBe("Juni 2020 – heute");
    expect(formatDate("2019", "fr")).toBe("2019");
    expect(formatDate("2019-03-04", "es")).toMatch(/mar.* 2019/);
    expect(dateRange("2020-06", "", "ar")).toContain("حتى الآن");
    expect(formatDate("spring 2019", "de")).toBe("spring 2019");
  });
});

describe("rendering in another language", () => {
  it.each(Object.keys(TEMPLATE_RENDERERS))(
    "%s: headings, lang and dir follow the document",
    (id) => {
      const german = renderResumeDocument(inLanguage("de"), { template: id });
      expect(german).toContain('<html lang="de" dir="ltr">');
      expect(german).toContain(">Berufserfahrung</h2>");
      expect(german).not.toContain(">Experience</h2>");
      expect(german).toContain("Juni 2020 – heute");
      const arabic = renderResumeDocument(inLanguage("ar"), { template: id });
      expect(arabic).toContain('<html lang="ar" dir="rtl">');
      expect(arabic).toContain(">الخبرة المهنية</h2>");
      const renamed = inLanguage("de");
      renamed.meta = {
        ...renamed.meta,
        layout: { order: [], hidden: [], titles: { work: "Werdegang" } },
      };
      expect(renderResumeDocument(renamed, { template: id })).toContain(">Werdegang</h2>");
      // An explicit language wins for `lang`, and the direction follows it.
      expect(renderResumeDocument(full, { template: id, lang: "he" })).toContain(
        '<html lang="he" dir="rtl">',
      );
    },
  );

  it("gives DOCX and TXT the same headings and dates", () => {
    const outline = resumeOutline(inLanguage("de"));
    const titles = outline.sections.map((section) => section.title);
    expect(titles.slice(0, 2)).toEqual(["Profil", "Berufserfahrung"]);
    expect(JSON.stringify(outline)).toContain("Juni 2020 – heute");
  });

  it.each(Object.keys(TEMPLATE_RENDERERS))("%s: no physical left/right in its CSS", (id) => {
    const css = styleOf(renderResumeDocument(full, { template: id }));
    expect(physicalDeclarations(css)).toEqual([]);
  });

  it("the CSS guard catches physical properties", () => {
    expect(
      physicalDeclarations(
        '.a{padding-left:1em;text-align:right;border-right-width:2px;content:"left";margin-inline-start:1em}',
      ),
    ).toEqual(["padding-left:1em", "text-align:right", "border-right-width:2px"]);
  });
});

describe("Arabic glyphs", () => {
  it("embeds the Arabic fallback when the rendered text needs it, from files that exist", () => {
    expect(subsetsForText("Amara Okafor")).toEqual(["latin", "latin-ext"]);
    expect(subsetsForText("أمارا")).toContain("arabic");
    const faces = fontFaces("lora", ["latin", "arabic"]);
    const arabic = faces.filter((face) => face.subset === "arabic");
    expect(arabic.map((face) => face.weight)).toEqual([400, 700]);
    expect(fontFaces("system", ["arabic"]).length).toBe(2);
    for (const face of arabic)
      expect(existsSync(join("node_modules", face.file)), face.file).toBe(true);
    const url = (face: { file: string }) => `/f/${face.file.split("/").pop()}`;
    const arabicDoc = renderResumeDocument(inLanguage("ar"), { fonts: url });
    expect(arabicDoc).toMatch(/font-family:"IBM Plex Sans Arabic"[^}]*unicode-range:U\+0600-06FF/);
    expect(renderResumeDocument(full, { fonts: url })).not.toContain(
      'font-family:"IBM Plex Sans Arabic"',
    );
    expect(fontFaceCss("inter", url, ["latin"])).not.toContain("IBM Plex Sans Arabic");
  });
});

describe("layout edits in the editor", () => {
  const SIDE = ["skills", "languages", "interests"] as const;

  it("renames a heading and puts the default back, leaving the document alone on no-ops", () => {
    const renamed = setHeadingTitle(full, "work", "Berufserfahrung");
    expect(renamed.meta?.layout?.titles).toEqual({ work: "Berufserfahrung" });
    expect(headingFor(renamed, "work")).toBe("Berufserfahrung");
    expect(setHeadingTitle(renamed, "work", "Berufserfahrung")).toBe(renamed);
    const reset = setHeadingTitle(renamed, "work", "  ");
    expect(reset.meta?.layout?.titles).toBeUndefined();
    expect(reset.meta?.layout?.order).toEqual(full.meta?.layout?.order);
    expect(setHeadingTitle(full, "work", "")).toBe(full);
  });

  it("moves sections between columns, writing the whole side list in reading order", () => {
    expect(sideSections(full, SIDE)).toEqual(["skills", "languages", "interests"]);
    const moved = setInSideColumn(full, "skills", false, SIDE);
    expect(moved.meta?.layout?.side).toEqual(["languages", "interests"]);
    const awards = setInSideColumn(moved, "awards", true, SIDE);
    expect(awards.meta?.layout?.side).toEqual(["awards", "languages", "interests"]);
    expect(setInSideColumn(awards, "awards", true, SIDE)).toBe(awards);
    const html = renderResumeDocument(moved, { template: "sidebar" });
    const main = html.slice(html.indexOf('<main class="main">'), html.indexOf("</main>"));
    expect(main).toContain('id="section-skills-title"');
    expect(resumeDataSchema.safeParse(awards).success).toBe(true);
  });

  it("sets and clears the language and direction", () => {
    const arabic = setDirection(setLanguage(full, "ar"), "rtl");
    expect(arabic.meta?.language).toBe("ar");
    expect(arabic.meta?.direction).toBe("rtl");
    expect(setLanguage(arabic, "ar")).toBe(arabic);
    const cleared = setDirection(setLanguage(arabic, ""), undefined);
    expect(cleared.meta).not.toHaveProperty("language");
    expect(cleared.meta).not.toHaveProperty("direction");
  });
});
