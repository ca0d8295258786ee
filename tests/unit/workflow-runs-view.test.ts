import { describe, expect, it } from "vitest";
import {
  dateRangeIssues,
  formatDuration,
  formatRate,
  rateTone,
  runFiltersOf,
  sinceDay,
} from "../../admin-ui/src/workflows/run-view";
import { backupTime } from "../../core/backup/manifest";
import { dayEnd, dayStart, failureRate } from "../../core/contract/workflow-runs";
import {
  parseSubject,
  type SubjectLookups,
  subjectIds,
  subjectView,
} from "../../core/workflows/subjects";

const lookups: SubjectLookups = {
  users: new Map([
    ["u1", { email: "ada@example.test" }],
    ["u2", { email: "grace@example.test" }],
  ]),
  resumes: new Map([["r1", { title: "Staff engineer", userId: "u2" }]]),
  invoices: new Map([["in_1", { number: "INV-0001", userId: "u1" }]]),
  backupTime,
};

describe("run subjects for people", () => {
  it("splits kind and id at the first colon only", () => {
    expect(parseSubject("user:42")).toEqual({ kind: "user", id: "42" });
    expect(parseSubject("backup:2026-11-25T14-00-00Z")).toEqual({
      kind: "backup",
      id: "2026-11-25T14-00-00Z",
    });
    expect(parseSubject("no-kind")).toEqual({ kind: "", id: "no-kind" });
    expect(parseSubject(":odd")).toEqual({ kind: "", id: ":odd" });
  });

  it("names users by email and links their account page", () => {
    expect(subjectView("user:u1", lookups)).toEqual({
      label: "ada@example.test",
      href: "/users/u1",
    });
    expect(subjectView("user:gone", lookups)).toEqual({
      label: "Deleted user gone",
      href: "/users/gone",
    });
  });

  it("names resumes by title and owner, invoices by number, backups by time", () => {
    expect(subjectView("resume:r1", lookups)).toEqual({
      label: "Resume “Staff engineer” (grace@example.test)",
      href: "/users/u2",
    });
    expect(subjectView("resume:r9", lookups)).toEqual({
      label: "Deleted resume r9",
      href: null,
    });
    expect(subjectView("invoice:in_1", lookups)).toEqual({
      label: "Invoice INV-0001 (ada@example.test)",
      href: "/users/u1",
    });
    expect(subjectView("backup:2026-11-25T14-00-00Z", lookups)).toEqual({
      label: "Backup of 2026-11-25 14:00 UTC",
      href: "/backups",
    });
    // not a real time: the id itself
    expect(subjectView("backup:nonsense", lookups).label).toBe("Backup of nonsense");
    expect(subjectView("resume_photo:p1", lookups)).toEqual({
      label: "resume photo p1",
      href: null,
    });
    expect(subjectView("plain", lookups)).toEqual({ label: "plain", href: null });
  });

  it("collects the ids a page needs looked up, once each", () => {
    const ids = subjectIds(["user:u1", "user:u1", "resume:r1", "invoice:in_1", "backup:x"]);
    expect([...ids.users]).toEqual(["u1"]);
    expect([...ids.resumes]).toEqual(["r1"]);
    expect([...ids.invoices]).toEqual(["in_1"]);
  });
});

describe("runs list filters in the URL", () => {
  it("keeps valid values and drops what the API would refuse", () => {
    expect(
      runFiltersOf({ page: "2", q: "  ada@example.test ", from: "2026-01-01", to: "2026-01-31" }),
    ).toEqual({
      page: 2,
      workflow: undefined,
      status: undefined,
      q: "ada@example.test",
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(runFiltersOf({ page: "x", q: "   ", from: "2026-02-30", to: "soon" })).toMatchObject({
      page: 1,
      q: undefined,
      from: undefined,
      to: undefined,
    });
    // a range the wrong way round is dropped whole
    expect(runFiltersOf({ from: "2026-02-01", to: "2026-01-01" })).toMatchObject({
      from: undefined,
      to: undefined,
    });
    expect(runFiltersOf({ q: "x".repeat(300) }).q).toHaveLength(200);
  });

  it("explains a date range it cannot use, per field", () => {
    expect(dateRangeIssues("", "")).toEqual({});
    expect(dateRangeIssues("2026-01-01", "2026-01-01")).toEqual({});
    expect(dateRangeIssues("01/02/2026", "")).toEqual({ from: "Enter a date as YYYY-MM-DD." });
    expect(dateRangeIssues("", "2026-13-01")).toEqual({ to: "Enter a date as YYYY-MM-DD." });
    expect(dateRangeIssues("2026-02-01", "2026-01-01")).toEqual({
      from: "The start must not be after the end.",
    });
  });

  it("reads days as whole UTC days", () => {
    expect(dayStart("2026-01-15")).toBe(Date.UTC(2026, 0, 15));
    expect(dayEnd("2026-01-15")).toBe(Date.UTC(2026, 0, 16));
    expect(sinceDay(new Date(Date.UTC(2026, 0, 15, 18)), 7)).toBe("2026-01-08");
  });
});

describe("durations and rates", () => {
  it("reads durations at a useful precision", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_449)).toBe("12.4 s");
    expect(formatDuration(60_000)).toBe("1 min");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_600_000)).toBe("1 h");
    expect(formatDuration(5_400_000)).toBe("1 h 30 min");
  });

  it("computes and shows failure rates", () => {
    expect(failureRate(0, 0)).toBe(0);
    expect(failureRate(3, 4)).toBe(0.75);
    expect(failureRate(1, 3)).toBe(0.3333);
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(0.0123)).toBe("1.2%");
    expect(formatRate(0.3333)).toBe("33%");
    expect(formatRate(1)).toBe("100%");
    expect(rateTone(0)).toBe("success");
    expect(rateTone(0.05)).toBe("warning");
    expect(rateTone(0.1)).toBe("error");
  });
});
