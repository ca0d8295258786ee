import { describe, expect, it } from "vitest";
import type { ResumeData } from "../../core/resume/schema";
import { diffResumes, type SectionDiff } from "../../core/resume/version-diff";

const base: ResumeData = {
  basics: { name: "Ada Lovelace", label: "Engineer", summary: "Builds analytical engines." },
  work: [
    { id: "w1", name: "Acme", position: "Engineer", highlights: ["Shipped the engine"] },
    { id: "w2", name: "Initech", position: "Intern" },
  ],
  skills: [{ id: "s1", name: "Maths", keywords: ["Algebra"] }],
  meta: { style: { template: "classic" } },
};

/** Each changed field as "Section / Entry / Field: kind", with its marked-up text. */
const summary = (diff: SectionDiff[]) =>
  diff.flatMap((section) =>
    section.entries.flatMap((entry) =>
      entry.fields.map(
        (field) =>
          `${section.title} / ${entry.entry ?? "-"} (${entry.change}) / ${field.field}: ${field.change} ` +
          field.parts
            .map((part) =>
              part.change === "added"
                ? `[+${part.text}]`
                : part.change === "removed"
                  ? `[-${part.text}]`
                  : part.text,
            )
            .join(""),
      ),
    ),
  );

describe("diffResumes", () => {
  it("finds nothing between equal documents", () => {
    expect(diffResumes(base, structuredClone(base))).toEqual([]);
  });

  it("names the section, entry and field of each change, with a word diff of the text", () => {
    const after = structuredClone(base);
    after.basics = { ...after.basics, summary: "Builds difference engines.", label: "" };
    after.work = [
      {
        id: "w1",
        name: "Acme",
        position: "Lead engineer",
        highlights: ["Shipped the engine", "Hired 4"],
      },
    ];
    after.skills = [{ id: "s1", name: "Maths", keywords: ["Algebra", "Calculus"] }];
    after.meta = { style: { template: "elegant" } };
    expect(summary(diffResumes(base, after))).toEqual([
      "Profile / - (changed) / Summary: changed Builds [-analytical][+difference] engines.",
      "Profile / - (changed) / Label: removed [-Engineer]",
      "Experience / Lead engineer · Acme (changed) / Position: changed [-Engineer][+Lead engineer]",
      "Experience / Lead engineer · Acme (changed) / Highlights: changed Shipped the engine\n[+Hired 4]",
      "Experience / Intern · Initech (removed) / Name: removed [-Initech]",
      "Experience / Intern · Initech (removed) / Position: removed [-Intern]",
      "Skills / Maths (changed) / Keywords: changed Algebra\n[+Calculus]",
      "Layout and style / - (changed) / Style › Template: changed [-classic][+elegant]",
    ]);
  });

  it("shows a moved entry as a reorder, and added entries and custom sections whole", () => {
    const after = structuredClone(base);
    after.work = [...(base.work ?? [])].reverse();
    after.customSections = [
      { id: "custom-talks", title: "Talks", items: [{ id: "t1", title: "On engines" }] },
    ];
    const diff = diffResumes(base, after);
    expect(summary(diff)).toEqual([
      "Experience / - (changed) / Order: changed [-Engineer · Acme, ]Intern · Initech[+, Engineer · Acme]",
      "Talks / - (changed) / Title: added [+Talks]",
      "Talks / On engines (added) / Title: added [+On engines]",
    ]);
    expect(diff.map((section) => section.key)).toEqual(["work", "custom-talks"]);
  });
});
