import { describe, expect, it } from "vitest";
import { PLAN_DETAIL_DEFAULTS } from "../../core/config/plan-details";
import { cheapestPlanWith } from "../../core/plans/cheapest";
import { ENTITLEMENTS, PLANS } from "../../core/plans/entitlements";

// The landing and pricing pages themselves are checked in tests/e2e/user-app.e2e.ts.
describe("what the product advertises", () => {
  it("the plan table (shown on pricing, served by GET /api/billing/plans) lists no unbuilt feature", () => {
    // real-time collaboration has an issue of its own; custom domains are built (README
    // "Custom domains") and only Enterprise has them
    for (const plan of PLANS) {
      expect(Object.keys(ENTITLEMENTS[plan]).join(" ")).not.toMatch(/collaboration/i);
    }
    expect(PLANS.filter((plan) => ENTITLEMENTS[plan].customDomain)).toEqual(["enterprise"]);
  });
});

describe("which plan a feature is named with", () => {
  it("is the cheapest plan of the live table that includes it", () => {
    expect(cheapestPlanWith(ENTITLEMENTS, "premiumTemplates")).toBe("standard");
    const raised = {
      ...ENTITLEMENTS,
      standard: { ...ENTITLEMENTS.standard, sharePassword: false },
    };
    expect(cheapestPlanWith(raised, "sharePassword")).toBe("premium");
    const none = Object.fromEntries(
      PLANS.map((plan) => [plan, { ...ENTITLEMENTS[plan], removeBranding: false }]),
    ) as typeof ENTITLEMENTS;
    expect(cheapestPlanWith(none, "removeBranding")).toBeNull();
  });

  it("plan taglines credit premium templates to that plan, not a dearer one", () => {
    const first = cheapestPlanWith(ENTITLEMENTS, "premiumTemplates");
    for (const plan of PLANS) {
      if (plan === first) continue;
      expect(PLAN_DETAIL_DEFAULTS[plan].tagline).not.toMatch(/premium templates/i);
    }
    expect(PLAN_DETAIL_DEFAULTS[first!].tagline).toMatch(/premium templates/i);
  });
});
