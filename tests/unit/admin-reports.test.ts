import { describe, expect, it } from "vitest";
import {
  formatRate,
  isEmptySeries,
  parseReportSearch,
  revenueScopes,
} from "../../admin-ui/src/reports/report-view";
import type { AnalyticsReportView } from "../../core/contract/analytics";

const NOW = Date.parse("2026-12-07T15:30:00Z");

describe("the Reports page's URL query", () => {
  it("reads a preset as the days up to today (UTC), 30 by default, and keeps a known plan", () => {
    expect(parseReportSearch({}, NOW)).toEqual({
      ok: true,
      choice: "30",
      query: { from: "2026-11-08", to: "2026-12-07", plan: undefined },
    });
    expect(parseReportSearch({ range: "7", plan: "premium" }, NOW)).toEqual({
      ok: true,
      choice: "7",
      query: { from: "2026-12-01", to: "2026-12-07", plan: "premium" },
    });
    // an unknown preset or plan falls back instead of failing the page
    expect(parseReportSearch({ range: "365", plan: "gold" }, NOW)).toMatchObject({
      choice: "30",
      query: { plan: undefined },
    });
  });

  it("takes a custom range as given, and says why one the API would refuse is not asked", () => {
    expect(
      parseReportSearch({ range: "custom", from: "2026-01-01", to: "2026-01-31" }, NOW),
    ).toEqual({
      ok: true,
      choice: "custom",
      query: { from: "2026-01-01", to: "2026-01-31", plan: undefined },
    });
    const refused = (from: string, to: string) => {
      const selection = parseReportSearch({ range: "custom", from, to }, NOW);
      return selection.ok ? null : selection.problem;
    };
    expect(refused("2026-02-30", "2026-03-01")).toBe("Choose a start and an end date.");
    expect(refused("2026-03-02", "2026-03-01")).toBe(
      "The start date must not be after the end date.",
    );
    expect(refused("2024-01-01", "2026-01-01")).toBe("A range covers at most 731 days.");
    expect(refused("2024-01-01", "2025-12-31")).toBeNull();
  });
});

describe("the revenue movement table", () => {
  const row = (day: string, plan: string, cents: number[]) => {
    const [starting, added, expansion, contraction, churn] = cents as [
      number,
      number,
      number,
      number,
      number,
    ];
    const ending = starting + added + expansion - contraction - churn;
    return {
      day,
      plan,
      starting_mrr_cents: starting,
      new_cents: added,
      expansion_cents: expansion,
      contraction_cents: contraction,
      churn_cents: churn,
      ending_mrr_cents: ending,
      ending_arr_cents: ending * 12,
    };
  };
  const view = (rows: AnalyticsReportView["rows"]): AnalyticsReportView => ({
    report: "revenue",
    from: "2026-12-01",
    to: "2026-12-02",
    plan: null,
    columns: [],
    rows,
    summary: {},
  });

  it("sums each plan's days into starting + new + expansion − contraction − churn = ending", () => {
    // all plans: 10,000 → +1,499 new, +1,500 expansion → −2,999 churn, −500 contraction
    const scopes = revenueScopes(
      view([
        row("2026-12-01", "all", [10_000, 1_499, 1_500, 0, 0]),
        row("2026-12-01", "premium", [2_999, 0, 2_999, 0, 0]),
        row("2026-12-02", "all", [12_999, 0, 0, 500, 2_999]),
        row("2026-12-02", "premium", [5_998, 0, 0, 0, 2_999]),
      ]),
    );
    expect(scopes.map((scope) => scope.scope)).toEqual(["all", "premium"]);
    expect(scopes[0]).toMatchObject({
      startingCents: 10_000,
      newCents: 1_499,
      expansionCents: 1_500,
      contractionCents: 500,
      churnCents: 2_999,
      endingCents: 9_500,
      endingArrCents: 114_000,
      endingByDay: [12_999, 9_500],
      days: ["2026-12-01", "2026-12-02"],
    });
    expect(scopes[1]).toMatchObject({ startingCents: 2_999, endingCents: 2_999 });
  });

  it("finds an empty range empty, and shows a rate with nothing to divide by as a dash", () => {
    expect(isEmptySeries([{ values: [0, 0] }, { values: [0] }])).toBe(true);
    expect(isEmptySeries([{ values: [0, 0] }, { values: [0, 1] }])).toBe(false);
    expect(formatRate(null)).toBe("—");
    expect(formatRate(0.125)).toBe("12.5%");
  });
});
