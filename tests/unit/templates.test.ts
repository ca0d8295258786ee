import { describe, expect, it } from "vitest";
import { orderedSections } from "../../core/resume/layout";
import { type ResumeData, resumeDataSchema } from "../../core/resume/schema";
import { FONT_INFO, fontFaceCss, fontFaces } from "../../core/templates/fonts";
import { dateRange, formatDate } from "../../core/templates/format";
import {
  renderResumeDocument,
  resolveDocumentStyle,
  TEMPLATE_RENDERERS,
  TEMPLATES,
  templateInfo,
} from "../../core/templates/index";
import { safeImage } from "../../core/templates/portrait";
import { clone, loadResume, references, sectionOrder, styleOf } from "./template-helpers";

const full = loadResume("full");
const sample = loadResume("json-resume-sample");
const IDS = TEMPLATES.map((template) => template.id);

/** Text from every section of the full fixture, one per section. */
const SECTION_TEXT = {
  summary: "ten years",
  work: "Northwind Cloud",
  volunteer: "Code Club",
  education: "University of Leeds",
  awards: "Engineer of the Year",
  certificates: "Certified Kubernetes Administrator",
  publications: "Boring Deploys at Scale",
  skills: "Terraform",
  languages: "Igbo",
  interests: "Cycling",
  references: "Jordan Smith, VP Engineering",
  projects: "kube-tidy",
  "custom-speaking": "Paved Roads, Not Guard Rails",
};

const render = (data: ResumeData, template: string, options = {}) =>
  renderResumeDocument(data, { template, ...options });

describe("template registry", () => {
  it("has at least twelve templates with the required variety", () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(IDS).size).toBe(IDS.length);
    expect(TEMPLATES.filter((t) => t.premium).length).toBeGreaterThanOrEqual(2);
    expect(TEMPLATES.filter((t) => t.columns === 2).length).toBeGreaterThanOrEqual(2);
    expect(TEMPLATES.some((t) => t.photo)).toBe(true);
    for (const template of TEMPLATES) {
      expect(TEMPLATE_RENDERERS[template.id], template.id).toBeTypeOf("function");
      expect(template.id).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(FONT_INFO[template.defaults.font]).toBeDefined();
    }
  });

  it("falls back to the default template for an unknown id", () => {
    expect(templateInfo("no-such-template").id).toBe("classic");
    const html = render(full, "no-such-template");
    expect(html).toContain('class="page tpl-classic"');
    expect(resolveDocumentStyle(full, { template: "../../etc" }).template).toBe("classic");
  });

  it("uses the template's own look unless the document chose otherwise", () => {
    expect(resolveDocumentStyle({}, { template: "elegant" }).font).toBe("lora");
    expect(
      resolveDocumentStyle({ meta: { style: { font: "inter" } } }, { template: "elegant" }).font,
    ).toBe("inter");
  });
});

describe("dates", () => {
  it("formats partial dates and ranges", () => {
    expect(formatDate("2020")).toBe("2020");
    expect(formatDate("2020-06")).toBe("Jun 2020");
    expect(formatDate("2020-06-30")).toBe("Jun 2020");
    expect(formatDate("Spring 2021")).toBe("Spring 2021");
    expect(dateRange("2020-06", undefined)).toBe("Jun 2020 – Present");
    expect(dateRange("2020-06", "")).toBe("Jun 2020 – Present");
    expect(dateRange("2018", "2020-01-15")).toBe("2018 – Jan 2020");
    expect(dateRange("", "2019")).toBe("2019");
    expect(dateRange("2016-08-24", "2016-08-24")).toBe("Aug 2016");
    expect(dateRange(undefined, undefined)).toBe("");
  });
});

describe("fonts", () => {
  it("names font files that the installed @fontsource packages ship", async () => {
    // The unit project runs in Node, but tests/unit is type-checked with the Worker's types.
    const { existsSync } = (await import("node:fs" as string)) as {
      existsSync(path: string): boolean;
    };
    for (const info of Object.values(FONT_INFO)) {
      const faces = fontFaces(info.id);
      expect(faces.length, info.id).toBe(info.id === "system" ? 0 : info.faces.length * 2);
      for (const face of faces) {
        expect(existsSync(`node_modules/${face.file}`), face.file).toBe(true);
      }
    }
  });

  it("builds @font-face rules and refuses addresses that would leave the document", () => {
    const css = fontFaceCss("lora", (face) => `/fonts/${face.file.split("/").pop()}`);
    expect(css.match(/@font-face/g)).toHaveLength(6);
    expect(css).toContain('font-family:"Lora";font-style:italic;font-weight:400');
    expect(css).toContain('src:url("/fonts/lora-latin-ext-700-normal.woff2") format("woff2")');
    expect(css).toContain("unicode-range:U+0000-00FF");
    for (const bad of ["https://fonts.example/x.woff2", "//cdn.example/x.woff2", "x.woff2)"]) {
      expect(() => fontFaceCss("lora", () => bad)).toThrow();
    }
  });

  it("embeds caller-supplied fonts and rejects remote ones", () => {
    const html = render(full, "modern", {
      fonts: () => "data:font/woff2;base64,d09GMgABAAAAA",
    });
    expect(styleOf(html)).toContain('font-family:"Inter"');
    expect(() =>
      render(full, "modern", { fonts: "@font-face{src:url(https://evil.example/f.woff2)}" }),
    ).toThrow();
    expect(() => render(full, "modern", { fonts: "@import 'x.css';" })).toThrow();
    const trusted = render(full, "modern", {
      fonts: "@font-face{font-family:X;src:url(/f.woff2)}</style><script>alert(1)</script>",
    });
    expect(trusted.match(/<\/style>/g)).toHaveLength(1);
    expect(trusted).not.toContain("<script");
  });
});

describe("photo", () => {
  it("accepts https and inline PNG/JPEG/WebP only", () => {
    expect(safeImage("https://img.example/me.jpg")).toBe("https://img.example/me.jpg");
    expect(safeImage("data:image/png;base64,iVBORw0KGgo=")).toBe(
      "data:image/png;base64,iVBORw0KGgo=",
    );
    for (const bad of [
      "http://img.example/me.jpg",
      "data:image/svg+xml;base64,PHN2Zz4=",
      "data:text/html;base64,PHNjcmlwdD4=",
      'data:image/png;base64,AAA" onerror="x',
      "javascript:alert(1)",
      "",
    ]) {
      expect(safeImage(bad), bad).toBeNull();
    }
  });

  it("shows the photo, or initials when there is none", () => {
    const withPhoto = clone(full);
    withPhoto.basics!.image = "https://img.example/amara.jpg";
    expect(render(withPhoto, "portrait")).toContain(
      '<img class="photo" src="https://img.example/amara.jpg" alt="Photo of Amara Okafor">',
    );
    const html = render(full, "portrait");
    expect(html).not.toContain("<img");
    expect(html).toContain('<div class="photo photo-initials" aria-hidden="true">AO</div>');
    withPhoto.basics!.image = "http://img.example/amara.jpg";
    expect(render(withPhoto, "portrait")).not.toContain("<img");
  });
});

describe.each(IDS)("template %s", (id) => {
  const html = render(full, id);

  it("is a complete, self-contained document", () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>Amara Okafor — Resume</title>");
    expect(html).toContain("@page{size:A4;margin:16mm}");
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toContain('name="robots"');
    expect(render(full, id, { noindex: true, lang: "fr-CA" })).toMatch(
      /<html lang="fr-CA" dir="ltr">[\s\S]*<meta name="robots" content="noindex">/,
    );
    expect(render(full, id, { lang: '"><script>' })).toContain('<html lang="en" dir="ltr">');
  });

  it("renders every section, in the person's order", () => {
    for (const [section, text] of Object.entries(SECTION_TEXT)) {
      expect(html, section).toContain(text);
    }
    const expected = ["section-summary", ...orderedSections(full).map((key) => `section-${key}`)];
    const order = sectionOrder(html).filter((key) => key !== "section-contact");
    const templateSide = templateInfo(id).side;
    if (templateSide) {
      const side = templateSide.map((key) => `section-${key}`);
      expect(order).toEqual([
        ...expected.filter((key) => !side.includes(key)),
        ...expected.filter((key) => side.includes(key)),
      ]);
    } else {
      expect(order).toEqual(expected);
    }
    expect(html).toMatch(/<header class="resume-header">/);
    expect(html).toMatch(
      /<h2 class="section-title" id="section-work-title" dir="auto">Experience<\/h2>/,
    );
    expect(html).toContain("Jun 2020 – Present");
    expect(html).toContain("Sep 2016 – May 2020");
  });

  it("makes links real links and nothing else", () => {
    expect(html).toContain(
      '<a href="https://github.com/amara-okafor" rel="noopener noreferrer" target="_blank">GitHub: amara-okafor</a>',
    );
    expect(html).toContain(
      '<a href="mailto:amara.okafor@example.com" rel="noopener noreferrer" target="_blank">',
    );
    for (const anchor of html.match(/<a\s[^>]*>/g) ?? []) {
      expect(anchor).toMatch(
        /^<a href="(https?:|mailto:)[^"]*"( class="[a-z-]+")? rel="noopener noreferrer" target="_blank">$/,
      );
    }
  });

  it("leaves hidden entries, profiles and sections out, and empty sections too", () => {
    expect(html).not.toContain("Marker");
    const data = clone(full);
    data.meta!.layout!.hidden = ["work", "custom-speaking", "basics"];
    data.awards = [];
    data.skills = [{ name: "Only hidden", hidden: true }];
    const out = render(data, id);
    for (const gone of [
      "section-work",
      "section-custom-speaking",
      "section-summary",
      "section-awards",
      "section-skills",
    ]) {
      expect(out, gone).not.toContain(gone);
    }
    expect(out).not.toContain("Northwind Cloud");
    expect(out).toContain("Amara Okafor");
    expect(render({}, id)).toContain("Your name");
  });

  it("applies every style option", () => {
    const styled = render(full, id, {
      style: {
        accentColor: "#ff5500",
        font: "roboto-slab",
        fontSize: 13,
        lineSpacing: 1.8,
        marginMm: 30,
        pageSize: "Letter",
      },
    });
    const css = styleOf(styled);
    expect(css).toContain("--accent:#ff5500");
    expect(css).toContain('--font:"Roboto Slab"');
    expect(css).toContain("--size:13pt");
    expect(css).toContain("--leading:1.8");
    expect(css).toContain("--margin:30mm");
    expect(css).toContain("@page{size:letter;margin:30mm}");
    expect(css).toContain("--page-width:8.5in");
    // The template's own rules use the accent, so the colour shows whatever the layout.
    const own = css.slice(css.indexOf(`.tpl-${id}`));
    expect(own).toMatch(/var\(--accent(-text|-soft|-line)?\)/);
    expect(styled).not.toEqual(html);
  });

  it("neutralises hostile input everywhere", () => {
    const evil = `<script>alert(1)</script><img src=x onerror=alert(2)></style><style>*{}</style>"'&`;
    const data = clone(full) as Record<string, unknown> & ResumeData;
    data.basics = {
      ...data.basics,
      name: evil,
      label: evil,
      email: `x@example.com"><script>alert(1)</script>`,
      url: "javascript:alert(1)",
      image: "javascript:alert(1)",
      summary: `${evil}\n\n[click](javascript:alert(1)) [x](data:text/html,<script>alert(1)</script>) [y](JaVaScRiPt:alert(1))`,
      profiles: [
        { network: evil, username: evil, url: "javascript:alert(1)" },
        { network: "X", url: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" },
      ],
    };
    data.work = [
      {
        name: evil,
        position: evil,
        url: "javascript:alert(document.cookie)",
        startDate: `2020"><script>`,
        highlights: [evil, "[a](javascript:alert(1))", "x".repeat(10_000)],
        summary: "y".repeat(10_000),
      },
    ];
    data.customSections = [
      {
        id: `custom-x"><script>alert(1)</script>`,
        title: evil,
        items: [{ title: evil, url: "vbscript:x" }],
      },
    ];
    data.meta = {
      layout: { order: [`custom-x"><script>alert(1)</script>`], hidden: [] },
      style: {
        template: id,
        accentColor: "red;}</style><script>alert(1)</script>",
        font: "x;}</style><script>alert(1)</script>" as "inter",
        fontSize: "12pt;}</style>" as unknown as number,
        lineSpacing: Number.NaN,
        marginMm: 1e9,
        pageSize: "A4;}</style>" as "A4",
      },
    };
    const out = render(data, id, {
      style: { accentColor: "#fff;background:url(https://evil.example/x)" },
    });
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img[^>]*onerror/i);
    expect(out).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(out).not.toMatch(/javascript:|vbscript:|data:text\/html/i);
    expect(out.match(/<\/style>/g)).toHaveLength(1);
    expect(out.match(/<style>/g)).toHaveLength(1);
    expect(styleOf(out)).not.toContain("evil.example");
    expect(styleOf(out)).toContain(`--accent:${templateInfo(id).defaults.accentColor};`);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("x".repeat(10_000));
    expect(out).toContain("y".repeat(10_000));
  });

  it("keeps right-to-left text and emoji, marked for direction", () => {
    const data = clone(full);
    data.basics!.name = "أمارا أوكافور";
    data.basics!.label = "מהנדסת פלטפורמה 🚀";
    data.work![0]!.highlights = ["خفضت زمن النشر من ١٤ دقيقة إلى ٣ 🎉"];
    const out = render(data, id);
    expect(out).toContain('<h1 class="name" dir="auto">أمارا أوكافور</h1>');
    expect(out).toContain('<p class="label" dir="auto">מהנדסת פלטפורמה 🚀</p>');
    expect(out).toContain('<li dir="auto">خفضت زمن النشر من ١٤ دقيقة إلى ٣ 🎉</li>');
  });

  it("fetches nothing from anywhere but the person's own photo", () => {
    const data = clone(full);
    data.basics!.image = "https://img.example/me.jpg";
    const out = render(data, id);
    expect(out).not.toMatch(/<(link|script|iframe|object|embed|base|meta http-equiv="refresh")\b/i);
    for (const ref of references(out)) {
      if (ref.kind === "href") {
        expect(ref.tag, ref.value).toMatch(/^<a\s/);
        expect(ref.value).toMatch(/^(https?:\/\/|mailto:)/);
      } else if (ref.kind === "src") {
        expect(ref.tag).toMatch(/^<img class="photo"/);
        expect(ref.value).toBe("https://img.example/me.jpg");
      } else {
        expect.fail(`unexpected ${ref.kind} ${ref.value}`);
      }
    }
  });

  it("keeps each entry's heading with its first lines and lets long entries break", () => {
    const css = styleOf(html);
    expect(css).toContain(".section-title{break-after:avoid");
    expect(css).toContain(".keep{break-inside:avoid");
    // Bluebird has no summary: its first two bullets travel with the heading.
    expect(html.slice(html.indexOf("Site Reliability Engineer"))).toMatch(
      /Site Reliability Engineer[\s\S]*?<ul class="entry-bullets"><li dir="auto">Built the metrics pipeline[^<]*<\/li><li dir="auto">Wrote the on-call handbook<\/li><\/ul><\/div><ul class="entry-bullets entry-bullets-more"><li dir="auto">Automated database failover/,
    );
  });

  it("renders the JSON Resume project's sample", () => {
    expect(resumeDataSchema.safeParse(sample).success).toBe(true);
    const out = render(sample, id);
    expect(out).toContain("Richard Hendriks");
    expect(out).toContain("Pied Piper");
    expect(out).toContain("Dec 2013 – Dec 2014");
    expect(out).toContain("Miss Direction");
  });

  it("matches its golden snapshot", async () => {
    await expect(html).toMatchFileSnapshot(`./__snapshots__/templates/${id}.html`);
  });
});
