import { describe, expect, it } from "vitest";
import { jsonTextNestsDeeperThan, valueNestsDeeperThan } from "../../core/json/nesting";
import { resumeDataSchema } from "../../core/resume/schema";

describe("jsonTextNestsDeeperThan", () => {
  it("counts arrays and objects, not brackets inside strings or after escapes", () => {
    expect(jsonTextNestsDeeperThan("{}", 1)).toBe(false);
    expect(jsonTextNestsDeeperThan('{"a":[{}]}', 2)).toBe(true);
    expect(jsonTextNestsDeeperThan('{"a":[{}]}', 3)).toBe(false);
    expect(jsonTextNestsDeeperThan('["[[[[", "{{{{"]', 1)).toBe(false);
    expect(jsonTextNestsDeeperThan('["\\"[[[[", "\\\\", [[]]]', 2)).toBe(true);
    expect(jsonTextNestsDeeperThan('["\\"[[[["]', 1)).toBe(false);
  });

  it("answers a million levels in one pass, without a stack", () => {
    const text = `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`;
    expect(jsonTextNestsDeeperThan(text, 20)).toBe(true);
    expect(jsonTextNestsDeeperThan(text, 1_000_000)).toBe(false);
  });
});

describe("valueNestsDeeperThan", () => {
  it("walks a parsed value without recursion", () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(valueNestsDeeperThan(deep, 16)).toBe(true);
    expect(valueNestsDeeperThan({ a: [{ b: "x" }] }, 3)).toBe(false);
    expect(valueNestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(valueNestsDeeperThan("text", 0)).toBe(false);
  });
});

describe("resumeDataSchema bounds", () => {
  it("keeps unknown fields up to 16 levels deep, and no deeper", () => {
    let extra: unknown = "leaf";
    for (let i = 0; i < 15; i++) extra = [extra];
    expect(resumeDataSchema.safeParse({ extra }).success).toBe(true);
    const deeper = resumeDataSchema.safeParse({ extra: [extra] });
    expect(deeper.success).toBe(false);
    expect(deeper.error?.issues[0]?.message).toBe("The document nests deeper than 16 levels");
  });

  it("keeps a relative photo reference (a URI reference is valid JSON Resume)", () => {
    const parsed = resumeDataSchema.parse({ basics: { image: "profile-image.png" } });
    expect(parsed.basics?.image).toBe("profile-image.png");
  });
});
