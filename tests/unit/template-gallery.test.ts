import { describe, expect, it } from "vitest";
import type { ResumeData } from "../../core/resume/schema";
import { renderResumeDocument, styleAtCreation, TEMPLATES } from "../../core/templates/index";
import { clone, loadResume, sectionOrder, styleOf } from "./template-helpers";

// The unit project runs in Node, but tests/unit is type-checked with the Worker's types.
const fs = (await import("node:fs" as string)) as {
  existsSync(path: string): boolean;
  readFileSync(path: string): Uint8Array;
  readFileSync(path: string, encoding: "utf8"): string;
};

const full = loadResume("full");
const TWO_COLUMN = TEMPLATES.filter((template) => template.columns === 2);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The README's gallery, between the markers scripts/template-screenshots.mjs writes. */
function readmeGallery(): string {
  const readme = fs.readFileSync("README.md", "utf8");
  const start = readme.indexOf("<!-- template-gallery:start");
  const end = readme.indexOf("<!-- template-gallery:end -->");
  expect(start, "README gallery markers").toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return readme.slice(start, end);
}

/** The `<aside>` of a two-column document and everything else. */
function columns(html: string): { side: string; rest: string } {
  const side = /<aside class="side"[^>]*>[\s\S]*?<\/aside>/.exec(html)?.[0] ?? "";
  return { side, rest: html.replace(side, "") };
}

describe('template gallery (README "Templates")', () => {
  const gallery = readmeGallery();

  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    "%s has a page-one screenshot and a README entry",
    (id, template) => {
      const file = `docs/templates/${id}.png`;
      expect(fs.existsSync(file), `${file}: run npm run screenshots:templates`).toBe(true);
      const bytes = fs.readFileSync(file);
      expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(bytes.length).toBeLessThan(200 * 1024);
      expect(gallery).toContain(`<img src="${file}"`);
      expect(gallery).toContain(`<b>${template.name}</b>`);
      expect(gallery).toContain(template.description);
    },
  );

  it("lists no template that no longer exists", () => {
    const shown = [...gallery.matchAll(/<img src="docs\/templates\/([a-z0-9-]+)\.png"/g)];
    expect(shown.map((match) => match[1])).toEqual(TEMPLATES.map((template) => template.id));
  });
});

describe("each template's own look", () => {
  it("gives every template its own font and colour pairing", () => {
    const looks = TEMPLATES.map(({ defaults }) => `${defaults.font} ${defaults.accentColor}`);
    expect(new Set(looks).size).toBe(TEMPLATES.length);
    const colours = TEMPLATES.map(({ defaults }) => defaults.accentColor.toLowerCase());
    expect(new Set(colours).size).toBe(TEMPLATES.length);
  });

  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    "%s: its font and colour are stored when a resume is created in it",
    (id, template) => {
      const created = styleAtCreation({ fontSize: 11 }, id);
      expect(created).toMatchObject({ ...template.defaults, template: id, fontSize: 11 });
      const html = renderResumeDocument({ meta: { style: created } } as ResumeData);
      expect(html).toContain(`class="page tpl-${id}"`);
      expect(styleOf(html)).toContain(`--accent:${template.defaults.accentColor.toLowerCase()};`);
    },
  );

  it("styles each template with rules of its own", () => {
    const own = TEMPLATES.map(({ id }) => {
      const css = styleOf(renderResumeDocument(full, { template: id }));
      return css.slice(css.indexOf(`.tpl-${id}`)).replaceAll(`.tpl-${id}`, ".tpl");
    });
    expect(new Set(own).size).toBe(TEMPLATES.length);
  });
});

describe.each(TWO_COLUMN.map((template) => [template.id, template] as const))(
  "two-column template %s",
  (id, template) => {
    it("puts its own side sections in the side column after the main column", () => {
      const html = renderResumeDocument(full, { template: id });
      const { side, rest } = columns(html);
      expect(side).not.toBe("");
      expect(html.indexOf("<main")).toBeLessThan(html.indexOf("<aside"));
      expect(template.side?.length).toBeGreaterThan(0);
      for (const key of template.side ?? []) {
        expect(side, key).toContain(`section-${key}"`);
        expect(rest, key).not.toContain(`section-${key}"`);
      }
      expect(side).toContain("section-contact");
      expect(rest).toContain("section-work");
    });

    it("follows the person's meta.layout.side and renamed headings", () => {
      const data = clone(full);
      data.meta!.layout!.side = ["work", "custom-speaking"];
      data.meta!.layout!.titles = { work: "Berufserfahrung", contact: "Kontakt" };
      const html = renderResumeDocument(data, { template: id });
      const { side, rest } = columns(html);
      expect(sectionOrder(side).filter((key) => key !== "section-contact")).toEqual([
        "section-work",
        "section-custom-speaking",
      ]);
      for (const key of template.side ?? []) expect(rest, key).toContain(`section-${key}"`);
      expect(side).toContain(">Berufserfahrung</h2>");
      expect(side).toContain(">Kontakt</h2>");
      expect(html).not.toContain(">Experience</h2>");
    });
  },
);
