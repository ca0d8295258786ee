import { describe, expect, it } from "vitest";
import {
  apiSelection,
  checkEmailDraft,
  checkSuspendDraft,
  filterOf,
  isSelected,
  noSelection,
  offerAllMatching,
  selectionLabel,
  suspendProblem,
  toggleIds,
} from "../../admin-ui/src/users/bulk-view";
import { parseUserListSearch } from "../../admin-ui/src/users/user-list-view";
import { csvCell, csvLine } from "../../server/admin-users/bulk-csv";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `acct-${i}`);

describe("bulk selection on the admin users list", () => {
  it("ticks rows across pages and offers every matching account once the page is ticked", () => {
    let selection = toggleIds(noSelection(), ["a", "b"], true);
    expect(offerAllMatching(selection, ["a", "b", "c"], 40)).toBe(false);
    selection = toggleIds(selection, ["c"], true);
    expect(offerAllMatching(selection, ["a", "b", "c"], 40)).toBe(true);
    // everything matching is ticked already: nothing more to offer
    expect(offerAllMatching(selection, ["a", "b", "c"], 3)).toBe(false);
    selection = toggleIds(selection, ["b"], false);
    expect(isSelected(selection, "b")).toBe(false);
    expect(selectionLabel(selection)).toBe("2 accounts selected");
    expect(apiSelection(selection)).toEqual({ ok: true, selection: { ids: ["a", "c"] } });
  });

  it("sends the list's filter without page and sort for 'all matching'", () => {
    const query = parseUserListSearch({ q: "ada", status: "active", page: "3", sort: "email" });
    const filter = filterOf(query);
    expect(filter).toEqual({ q: "ada", status: "active" });
    const all = { kind: "filter" as const, filter, total: 12_400 };
    expect(selectionLabel(all)).toBe("All 12,400 accounts matching this search selected");
    expect(isSelected(all, "anyone")).toBe(true);
    expect(apiSelection(all)).toEqual({ ok: true, selection: { filter } });
    expect(suspendProblem(all)).toMatch(/ticked accounts only/);
  });

  it("holds ids to the contract's limits before sending", () => {
    expect(apiSelection(noSelection())).toMatchObject({ ok: false });
    expect(apiSelection(toggleIds(noSelection(), ids(1001), true))).toMatchObject({ ok: false });
    expect(apiSelection(toggleIds(noSelection(), ids(1000), true)).ok).toBe(true);
    expect(suspendProblem(toggleIds(noSelection(), ids(100), true))).toBeNull();
    expect(suspendProblem(toggleIds(noSelection(), ids(101), true))).toMatch(/at most 100/);
  });

  it("checks the dialogs' fields with the API's own schemas", () => {
    expect(checkSuspendDraft(["a"], { days: "31", reason: "", note: "" })).toEqual({
      ok: false,
      issues: { days: "Enter a whole number of days from 1 to 30.", reason: "Choose a reason." },
    });
    expect(checkSuspendDraft(["a"], { days: "3", reason: "spam_scam", note: " " })).toEqual({
      ok: true,
      request: { ids: ["a"], days: 3, reason: "spam_scam" },
    });
    const selection = { ids: ["a"] };
    expect(checkEmailDraft(selection, { template: "", subject: " ", message: "" })).toEqual({
      ok: false,
      issues: {
        template: "Choose a template.",
        subject: "Write a subject.",
        message: "Write the message.",
      },
    });
    expect(
      checkEmailDraft(selection, {
        template: "policy_update",
        subject: "x".repeat(121),
        message: "Hello",
      }),
    ).toMatchObject({ ok: false, issues: { subject: "Keep the subject to 120 characters." } });
    expect(
      checkEmailDraft(selection, { template: "service_notice", subject: " Hi ", message: "Body" }),
    ).toEqual({
      ok: true,
      request: { selection, template: "service_notice", subject: "Hi", message: "Body" },
    });
  });
});

describe("the export's CSV cells", () => {
  it("quotes as RFC 4180 says and defuses what a spreadsheet would run", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(
        csvCell(`${start}1+1`).startsWith(`'${start}`) ||
          csvCell(`${start}1+1`).startsWith(`"'${start}`),
      ).toBe(true);
    }
    expect(csvCell("=A1,B1")).toBe(`"'=A1,B1"`);
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvLine(["a", null, "c"])).toBe("a,,c\r\n");
  });
});
