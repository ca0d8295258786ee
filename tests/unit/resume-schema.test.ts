import { describe, expect, it } from "vitest";
import { ENTITLEMENTS, entitlementsOf, PLANS } from "../../core/plans/entitlements";
import { emptyResume, orderedSections, resolveStyle } from "../../core/resume/layout";
import { DEFAULT_STYLE, resumeDataSchema } from "../../core/resume/schema";

describe("resumeDataSchema", () => {
  it("keeps fields it does not know, at every level", () => {
    const parsed = resumeDataSchema.parse({
      basics: { name: "Ada", pronouns: "she/her", location: { city: "London", planet: "Earth" } },
      work: [{ name: "Analytical Engines", "x-team": "R&D" }],
      extension: { anything: [1, 2, 3] },
    });
    expect(parsed.basics).toMatchObject({ pronouns: "she/her", location: { planet: "Earth" } });
    expect(parsed.work?.[0]).toMatchObject({ "x-team": "R&D" });
    expect(parsed).toMatchObject({ extension: { anything: [1, 2, 3] } });
  });

  it("names the field that is wrong", () => {
    const result = resumeDataSchema.safeParse({
      work: [{ name: "Fine" }, { startDate: "June 2020" }],
      basics: { email: "not-an-email", url: "javascript:alert(1)" },
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["work.1.startDate", "basics.email", "basics.url"]),
    );
  });

  it("accepts JSON Resume's partial dates and empty strings, and refuses impossible ones", () => {
    for (const date of ["2014", "2014-06", "2014-06-29", ""]) {
      expect(resumeDataSchema.safeParse({ work: [{ startDate: date }] }).success, date).toBe(true);
    }
    for (const date of ["2014-13", "2014-06-32", "14-06-2014", "2014/06"]) {
      expect(resumeDataSchema.safeParse({ work: [{ startDate: date }] }).success, date).toBe(false);
    }
  });

  it("caps text length so a document stays a resume", () => {
    expect(resumeDataSchema.safeParse({ basics: { summary: "x".repeat(10_000) } }).success).toBe(
      true,
    );
    expect(resumeDataSchema.safeParse({ basics: { summary: "x".repeat(10_001) } }).success).toBe(
      false,
    );
  });
});

describe("orderedSections", () => {
  it("follows the document's order, fills in the rest, appends custom sections and drops hidden ones", () => {
    const data = resumeDataSchema.parse({
      customSections: [
        { id: "custom-talks", title: "Talks", items: [] },
        { id: "custom-secret", title: "Hidden", hidden: true, items: [] },
      ],
      meta: {
        layout: { order: ["skills", "work", "skills", "custom-talks"], hidden: ["interests"] },
      },
    });
    const order = orderedSections(data);
    expect(order.slice(0, 3)).toEqual(["skills", "work", "custom-talks"]);
    expect(order).toContain("education");
    expect(order).not.toContain("interests");
    expect(order).not.toContain("custom-secret");
    expect(order).not.toContain("basics");
    expect(new Set(order).size).toBe(order.length);
  });
});

describe("resolveStyle", () => {
  it("fills missing fields with defaults and ignores invalid ones", () => {
    expect(resolveStyle({})).toEqual(DEFAULT_STYLE);
    const style = resolveStyle({
      meta: { style: { accentColor: "#ff0000", fontSize: 99, pageSize: "Letter" } },
    } as never);
    expect(style).toMatchObject({
      accentColor: "#ff0000",
      fontSize: DEFAULT_STYLE.fontSize,
      pageSize: "Letter",
    });
  });

  it("gives a new resume a valid document", () => {
    expect(resumeDataSchema.safeParse(emptyResume("Ada", "ada@example.com")).success).toBe(true);
  });
});

describe("entitlements", () => {
  it("has one row per plan, and unknown plans get the free limits", () => {
    expect(Object.keys(ENTITLEMENTS)).toEqual([...PLANS]);
    expect(entitlementsOf("gold")).toBe(ENTITLEMENTS.free);
  });
});
