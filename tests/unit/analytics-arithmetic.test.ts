import { describe, expect, it } from "vitest";
import { addDays, daysBetween, eachDay } from "../../core/analytics/days";
import { arrOf, endingMrr, type Movement, movementsOf, mrrOf } from "../../core/analytics/mrr";
import { churnRate, recoveryRate } from "../../core/analytics/rates";

/** MRR movements, churn and recovery rates against numbers worked out by hand (README "Analytics"). */

const byScope = (moves: Movement[]) =>
  Object.fromEntries(
    [...new Set(moves.map((m) => m.scope))].map((scope) => [
      scope,
      Object.fromEntries(moves.filter((m) => m.scope === scope).map((m) => [m.metric, m.value])),
    ]),
  );

describe("MRR", () => {
  it("counts paid-for statuses only", () => {
    expect(mrrOf("standard", "active")).toBe(1499);
    expect(mrrOf("premium", "past_due")).toBe(2999);
    expect(mrrOf("standard", "trialing")).toBe(0);
    expect(mrrOf("enterprise", "canceled")).toBe(0);
    expect(mrrOf("free", "active")).toBe(0);
  });

  it("splits a change of one plan into new, expansion, contraction and churn", () => {
    const same = (from: number, to: number, reason: string | null = null) =>
      byScope(
        movementsOf({
          plan: "standard",
          planFrom: null,
          mrrFromCents: from,
          mrrToCents: to,
          reason,
        }),
      );
    expect(same(0, 1500)).toEqual({
      all: { mrr_new: 1500, paid_net: 1 },
      standard: { mrr_new: 1500, paid_net: 1 },
    });
    expect(same(1500, 0, "unpaid").all).toEqual({
      mrr_churn: 1500,
      paid_net: -1,
      subscribers_churned: 1,
      "churn_reason:unpaid": 1,
    });
    expect(same(1500, 0).standard).toMatchObject({ "churn_reason:unknown": 1 });
    expect(same(1000, 1500).all).toEqual({ mrr_expansion: 500 });
    expect(same(1500, 1000).all).toEqual({ mrr_contraction: 500 });
    expect(same(0, 0)).toEqual({});
  });

  it("moves the whole MRR between plans on a plan change, the price difference overall", () => {
    const up = byScope(
      movementsOf({
        plan: "premium",
        planFrom: "standard",
        mrrFromCents: 1500,
        mrrToCents: 3000,
        reason: null,
      }),
    );
    expect(up).toEqual({
      all: { mrr_expansion: 1500 },
      standard: { mrr_contraction: 1500, paid_net: -1 },
      premium: { mrr_expansion: 3000, paid_net: 1 },
    });
    // A trial on Standard converting on Premium: new money, in Premium only.
    const converted = byScope(
      movementsOf({
        plan: "premium",
        planFrom: "standard",
        mrrFromCents: 0,
        mrrToCents: 3000,
        reason: null,
      }),
    );
    expect(converted).toEqual({
      all: { mrr_new: 3000, paid_net: 1 },
      premium: { mrr_new: 3000, paid_net: 1 },
    });
  });

  it("balances: starting + new + expansion − contraction − churn = ending; ARR is 12 × MRR", () => {
    const ending = endingMrr({
      startingCents: 6000,
      newCents: 3000,
      expansionCents: 1500,
      contractionCents: 500,
      churnCents: 1500,
    });
    expect(ending).toBe(8500);
    expect(arrOf(ending)).toBe(102_000);
  });
});

describe("rates", () => {
  it("divides, and is null with nothing to divide by", () => {
    expect(churnRate(1, 4)).toBe(0.25);
    expect(churnRate(0, 0)).toBeNull();
    expect(recoveryRate(3, 4)).toBe(0.75);
    expect(recoveryRate(0, 0)).toBeNull();
  });
});

describe("days", () => {
  it("counts both ends and crosses month and leap-year ends", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(3);
    expect(eachDay("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(eachDay("2024-03-02", "2024-03-01")).toEqual([]);
  });
});
