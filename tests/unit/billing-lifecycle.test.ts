import { describe, expect, it } from "vitest";
import {
  classifyChange,
  dunningWaitHours,
  entitledPlan,
  invoiceStatusMayMove,
  isNewer,
  lifecycleState,
  prorationCents,
  trialDaysLeft,
} from "../../core/billing/lifecycle";
import { findTestCard } from "../../core/billing/test-cards";

const sub = (
  status: string,
  extra: Partial<Parameters<typeof lifecycleState>[0] & object> = {},
) => ({
  plan: "premium" as const,
  status,
  cancelAtPeriodEnd: false,
  currentPeriodEnd: 2_000_000_000,
  trialEnd: null,
  ...extra,
});

describe("billing lifecycle", () => {
  it("keeps the plan while trialing, active or past due; Free otherwise", () => {
    for (const status of ["trialing", "active", "past_due"])
      expect(entitledPlan(sub(status))).toBe("premium");
    for (const status of ["unpaid", "canceled", "incomplete", "incomplete_expired", "paused"])
      expect(entitledPlan(sub(status))).toBe("free");
    expect(entitledPlan(null)).toBe("free");
  });

  it("names the states people see", () => {
    expect(lifecycleState(sub("active", { cancelAtPeriodEnd: true }))).toBe("canceled");
    expect(lifecycleState(sub("canceled", { endedReason: "unpaid" }))).toBe("unpaid");
    expect(lifecycleState(sub("canceled"))).toBe("free");
    expect(lifecycleState(sub("past_due"))).toBe("past_due");
  });

  it("classifies changes and prorates upgrades by the unused share of the period", () => {
    expect(classifyChange("standard", "premium")).toBe("upgrade");
    expect(classifyChange("enterprise", "standard")).toBe("downgrade");
    expect(classifyChange("premium", "premium")).toBe("same");
    const period = { start: 0, end: 30 * 86_400 };
    expect(prorationCents("standard", "premium", period, 15 * 86_400)).toBe(750);
    expect(prorationCents("standard", "enterprise", period, 0)).toBe(3500);
    expect(prorationCents("standard", "premium", period, 40 * 86_400)).toBe(0);
  });

  it("orders events by time, then arrival; invoices never move back", () => {
    expect(isNewer({ created: 10, seq: 1 }, { created: 20, seq: 0 })).toBe(false);
    expect(isNewer({ created: 20, seq: 5 }, { created: 20, seq: 4 })).toBe(true);
    expect(isNewer({ created: 20, seq: 3 }, { created: 20, seq: 4 })).toBe(false);
    expect(invoiceStatusMayMove("paid", "open")).toBe(false);
    expect(invoiceStatusMayMove("open", "paid")).toBe(true);
  });

  it("waits 1, 5, 18, 24 and 24 hours between dunning stages (72 h in all)", () => {
    expect([0, 1, 2, 3, 4].map(dunningWaitHours)).toEqual([1, 5, 18, 24, 24]);
    expect(trialDaysLeft(1000 + 13.5 * 86_400, 1000)).toBe(14);
  });

  it("knows Stripe's test cards by number and token", () => {
    expect(findTestCard("4242 4242 4242 4242")?.behaviour).toBe("succeeds");
    expect(findTestCard("5555 5555 5555 4444")).toMatchObject({
      brand: "mastercard",
      behaviour: "succeeds",
    });
    expect(findTestCard("pm_card_mastercard")?.number).toBe("5555555555554444");
    expect(findTestCard("pm_card_chargeCustomerFail")?.behaviour).toBe("fails_on_charge");
    expect(findTestCard("4000-0000-0000-9995")?.behaviour).toBe("declines");
    expect(findTestCard("1234 5678 9012 3456")).toBeNull();
    expect(findTestCard("pm_card_amex")).toBeNull();
  });
});
