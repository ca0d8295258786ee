import { describe, expect, it } from "vitest";
import { FEATURE_FLAG_DEFAULTS, featureFlagsValueSchema } from "../../core/config/feature-flags";
import { evaluateFlags, flagOn, rolloutBucket } from "../../core/config/flag-rollout";

// README "Live configuration", feature flags: a pure evaluation of a flag's rule for a user.

const rule = (percent: number, plans: ("free" | "premium")[] = []) => ({
  enabled: true,
  plans,
  percent,
});

describe("feature flags", () => {
  it("puts a user in the same bucket every time, and a different flag in another slice", async () => {
    expect(await rolloutBucket("writing_help", "user_1")).toBe(
      await rolloutBucket("writing_help", "user_1"),
    );
    const ids = Array.from({ length: 50 }, (_, i) => `user_${i}`);
    const a = await Promise.all(ids.map((id) => rolloutBucket("writing_help", id)));
    const b = await Promise.all(ids.map((id) => rolloutBucket("other_flag", id)));
    expect(a).not.toEqual(b);
    for (const bucket of a) expect(bucket).toBeGreaterThanOrEqual(0);
    for (const bucket of a) expect(bucket).toBeLessThan(100);
  });

  it("rolls out to roughly the percent of users, and raising it only adds users", async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `user_${i}`);
    const on = async (percent: number) =>
      Promise.all(ids.map((id) => flagOn("writing_help", rule(percent), { id, plan: "free" })));
    const at25 = await on(25);
    const at60 = await on(60);
    const share = (values: boolean[]) => values.filter(Boolean).length / values.length;
    expect(share(at25)).toBeGreaterThan(0.21);
    expect(share(at25)).toBeLessThan(0.29);
    expect(share(at60)).toBeGreaterThan(0.56);
    expect(share(at60)).toBeLessThan(0.64);
    at25.forEach((inAt25, i) => {
      if (inAt25) expect(at60[i]).toBe(true);
    });
    expect(share(await on(0))).toBe(0);
    expect(share(await on(100))).toBe(1);
  });

  it("gates by plan and by the switch", async () => {
    const premiumOnly = rule(100, ["premium"]);
    expect(await flagOn("writing_help", premiumOnly, { id: "u", plan: "premium" })).toBe(true);
    expect(await flagOn("writing_help", premiumOnly, { id: "u", plan: "free" })).toBe(false);
    const off = { ...rule(100), enabled: false };
    expect(await flagOn("writing_help", off, { id: "u", plan: "free" })).toBe(false);
    expect(await evaluateFlags(FEATURE_FLAG_DEFAULTS, { id: "u", plan: "free" })).toEqual({
      writing_help: true,
    });
  });

  it("refuses unknown flags, plans, percents out of range and repeated plans", () => {
    const valid = { writing_help: rule(50, ["free"]) };
    expect(featureFlagsValueSchema.safeParse(valid).success).toBe(true);
    const refused = [
      { ...valid, dark_mode: rule(10) },
      { writing_help: { ...rule(50), plans: ["gold"] } },
      { writing_help: rule(101) },
      { writing_help: rule(12.5) },
      { writing_help: rule(50, ["free", "free"]) },
      { writing_help: { ...rule(50), extra: 1 } },
    ];
    for (const value of refused)
      expect(featureFlagsValueSchema.safeParse(value).success).toBe(false);
  });
});
