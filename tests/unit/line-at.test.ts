import { describe, expect, it } from "vitest";
import { lineAt } from "../../ui/src/resumes/editor/line-at";

describe("lineAt", () => {
  const text = "Led a team\nBuilt the billing system\nCut costs";

  it("finds the line the caret is in, wherever on the line it is", () => {
    for (const caret of [11, 20, 35]) {
      expect(lineAt(text, caret)).toEqual({ line: "Built the billing system", start: 11, end: 35 });
    }
  });

  it("handles the first and last line and an empty text", () => {
    expect(lineAt(text, 0).line).toBe("Led a team");
    expect(lineAt(text, text.length).line).toBe("Cut costs");
    expect(lineAt("", 0)).toEqual({ line: "", start: 0, end: 0 });
  });
});
