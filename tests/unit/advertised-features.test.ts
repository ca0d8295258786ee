import { describe, expect, it } from "vitest";
import { ENTITLEMENTS, PLANS } from "../../core/plans/entitlements";

// The landing and pricing pages themselves are checked in tests/e2e/user-app.e2e.ts.
describe("what the product advertises", () => {
  it("the plan table (shown on pricing, served by GET /api/billing/plans) lists no unbuilt feature", () => {
    // real-time collaboration and share pages on one's own domain have issues of their own
    for (const plan of PLANS) {
      expect(Object.keys(ENTITLEMENTS[plan]).join(" ")).not.toMatch(/collaboration|domain/i);
    }
  });
});
