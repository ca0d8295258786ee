import { describe, expect, it } from "vitest";
import { ENTITLEMENTS, PLANS, upgradeFor } from "../../core/plans/entitlements";

// `upgrade_to` of every plan_limit error (server/billing/entitlements.ts) comes from here.
describe("upgradeFor: the cheapest plan that lifts a limit", () => {
  it("names the next plan with more of a count, or none above an unlimited one", () => {
    expect(upgradeFor("free", "resumes")).toBe("standard");
    expect(upgradeFor("standard", "resumes")).toBe("premium");
    expect(upgradeFor("premium", "resumes")).toBeNull();
    expect(upgradeFor("standard", "exportsPerMonth")).toBe("premium");
    // Premium's writing help is counted (1000); only Enterprise's is not
    expect(upgradeFor("premium", "aiCallsPerMonth")).toBe("enterprise");
    expect(upgradeFor("enterprise", "aiCallsPerMonth")).toBeNull();
  });

  it("names the first plan with a feature, none for a plan that has it", () => {
    expect(upgradeFor("free", "premiumTemplates")).toBe("standard");
    expect(upgradeFor("free", "sharePassword")).toBe("standard");
    expect(upgradeFor("standard", "sharePassword")).toBeNull();
  });

  it("treats an unknown plan as Free, and always names a plan that really lifts it", () => {
    expect(upgradeFor("gold", "resumes")).toBe("standard");
    for (const plan of PLANS) {
      for (const entitlement of ["resumes", "exportsPerMonth", "aiCallsPerMonth"] as const) {
        const upgrade = upgradeFor(plan, entitlement);
        if (upgrade === null) continue;
        const [now, then] = [ENTITLEMENTS[plan][entitlement], ENTITLEMENTS[upgrade][entitlement]];
        expect(now).not.toBeNull();
        expect(then === null || then > (now as number)).toBe(true);
      }
    }
  });
});
