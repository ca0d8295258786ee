import { describe, expect, it } from "vitest";
import { dateRange } from "../../core/templates/format";
import { isPresent, monthInputValue, parseDateText } from "../../ui/src/resumes/editor/dates";

describe("editor dates", () => {
  it("shows stored dates in a month picker where a month can say them", () => {
    expect(monthInputValue(undefined)).toBe("");
    expect(monthInputValue("")).toBe("");
    expect(monthInputValue(" 2021-06 ")).toBe("2021-06");
    expect(monthInputValue("2021-06-30")).toBe("2021-06");
    // a year alone (valid in old documents) is edited as text, not shown as an empty month
    expect(monthInputValue("2021")).toBeNull();
    expect(monthInputValue("summer 2021")).toBeNull();
    expect(monthInputValue(2021)).toBeNull();
  });

  it("stores what was typed in the schema's ISO form", () => {
    expect(parseDateText("")).toBeUndefined();
    expect(parseDateText("   ")).toBeUndefined();
    expect(parseDateText("2021")).toBe("2021");
    expect(parseDateText("2021-06")).toBe("2021-06");
    expect(parseDateText("2021-06-30")).toBe("2021-06-30");
    expect(parseDateText("06/2021")).toBe("2021-06");
    expect(parseDateText("6/2021")).toBe("2021-06");
    expect(parseDateText("6.2021")).toBe("2021-06");
    expect(parseDateText("2021/6")).toBe("2021-06");
    expect(parseDateText("13/2021")).toBe("13/2021");
    expect(parseDateText("last June")).toBe("last June");
  });

  it("reads an entry without an end date as ongoing, as the templates print it", () => {
    expect(isPresent(undefined)).toBe(true);
    expect(isPresent("")).toBe(true);
    expect(isPresent(" ")).toBe(true);
    expect(isPresent("2022-01")).toBe(false);
    expect(dateRange(parseDateText("06/2021"), parseDateText(""))).toBe("Jun 2021 – Present");
  });
});
