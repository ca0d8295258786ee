import { describe, expect, it } from "vitest";
import { resumeOutline } from "../../core/export/outline";
import { resumeToText } from "../../core/export/text";
import type { ResumeData } from "../../core/resume/schema";
import { displaySections } from "../../core/templates/entries";
import { contactItems, renderSection, renderSections } from "../../core/templates/parts";
import { loadResume } from "./template-helpers";

/** What a reader sees of some markup: the text with the tags taken out. */
const seen = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .trim();

const listLines = (html: string) =>
  [...html.matchAll(/<li class="(?:skill|language)">(.*?)<\/li>/g)].map((m) => seen(m[1]!));

const outlineItems = (data: ResumeData, key: string) =>
  resumeOutline(data).sections.find((section) => section.key === key)?.items ?? [];

// The HTML templates and the DOCX/TXT exports draw from one mapping (core/templates/entries.ts).
// These cases are where the two used to disagree; the pinned behaviour is what a reader of
// either format expects.
describe("one resume → entry mapping for templates and exports", () => {
  it("shows the same sections, in the same order, in HTML and in the outline", () => {
    const data = loadResume("full");
    const html = renderSections(data);
    const htmlKeys = [
      ...html.matchAll(/<section class="section (?:section-custom )?section-([\w-]+)"/g),
    ].map((m) => m[1]);
    const outlineKeys = resumeOutline(data)
      .sections.map((section) => section.key)
      .filter((key) => key !== "summary");
    expect(htmlKeys.length).toBeGreaterThan(3);
    expect(outlineKeys).toEqual(htmlKeys);
    expect(displaySections(data).map((section) => section.key)).toEqual(outlineKeys);
  });

  it("drops a skill that has only a level, in every format", () => {
    const data = loadResume("full");
    data.skills = [{ level: "Expert" }, { name: "Go", level: "Advanced", keywords: ["gRPC"] }];
    expect(listLines(renderSection(data, "skills"))).toEqual(["Go (Advanced): gRPC"]);
    expect(outlineItems(data, "skills")).toEqual(["Go (Advanced): gRPC"]);
    expect(resumeToText(data)).not.toMatch(/^\s*\(Expert\)/m);
  });

  it("keeps a nameless skill's level and keywords, separated the same way in every format", () => {
    const data = loadResume("full");
    data.skills = [{ level: "Expert", keywords: ["Node", "Deno"] }, { keywords: ["Rust"] }];
    const expected = ["(Expert): Node, Deno", "Rust"];
    expect(listLines(renderSection(data, "skills"))).toEqual(expected);
    expect(outlineItems(data, "skills")).toEqual(expected);
  });

  it("writes a fluency without a language without a dangling dash", () => {
    const data = loadResume("full");
    data.languages = [{ fluency: "Native" }, { language: "Spanish", fluency: "B2" }, {}];
    const expected = ["Native", "Spanish — B2"];
    expect(listLines(renderSection(data, "languages"))).toEqual(expected);
    expect(outlineItems(data, "languages")).toEqual(expected);
  });

  it("gives the same entries and checked links to HTML and the outline", () => {
    const data = loadResume("full");
    data.work = [
      { name: "Acme", position: "Engineer", url: "javascript:alert(1)", highlights: ["Shipped"] },
      { name: "", startDate: "2020-01" },
      { name: "Initech", position: "Analyst", url: " https://initech.example " },
    ];
    const html = renderSection(data, "work");
    expect(html.match(/<article class="entry">/g)).toHaveLength(2);
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://initech.example/"');
    const [acme, initech] = resumeOutline(data).sections.find((s) => s.key === "work")!.entries;
    expect(resumeOutline(data).sections.find((s) => s.key === "work")!.entries).toHaveLength(2);
    expect(acme).toMatchObject({
      title: "Engineer",
      org: "Acme",
      orgUrl: null,
      bullets: ["Shipped"],
    });
    expect(initech).toMatchObject({
      title: "Analyst",
      org: "Initech",
      orgUrl: "https://initech.example/",
    });
  });

  it("lists the same contacts, with the same links, in HTML and the outline", () => {
    const data = loadResume("full");
    const outline = resumeOutline(data).contacts;
    const items = contactItems(data);
    expect(items.length).toBe(outline.length);
    expect(items.map(seen)).toEqual(outline.map((contact) => contact.text));
    outline.forEach((contact, i) => {
      if (contact.url) expect(items[i]).toContain(`href="${contact.url}"`);
      else expect(items[i]).not.toContain("href=");
    });
  });
});
