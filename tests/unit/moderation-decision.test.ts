import { describe, expect, it } from "vitest";
import {
  CATEGORY_POLICY,
  decide,
  ownerMessage,
  THRESHOLDS,
  withheldWhileInReview,
} from "../../core/moderation/decision";
import type { ModerationCategory, ModerationSignal } from "../../core/moderation/model";
import { MODERATION_CATEGORIES } from "../../core/moderation/model";

const signal = (category: ModerationCategory, confidence: number): ModerationSignal => ({
  layer: "rules",
  category,
  confidence,
  rule: `test.${category}`,
  detail: "test",
});

describe("decide", () => {
  it("allows below 60, reviews from 60 to 90, acts automatically above 90", () => {
    expect(THRESHOLDS).toEqual({ automatic: 90, review: 60 });
    expect(decide([signal("hate", 59)], "share").outcome).toBe("allow");
    expect(decide([signal("hate", 60)], "share").outcome).toBe("review");
    expect(decide([signal("hate", 90)], "share").outcome).toBe("review");
    expect(decide([signal("hate", 91)], "share").outcome).toBe("block");
  });

  it("takes the category's automatic action and SLA", () => {
    expect(decide([signal("pii", 95)], "share")).toMatchObject({
      outcome: "quarantine",
      slaHours: 24,
      priority: "critical",
    });
    expect(decide([signal("spam", 95)], "share")).toMatchObject({
      outcome: "quarantine",
      slaHours: 48,
      priority: "standard",
    });
    expect(decide([signal("copyright", 95)], "export")).toMatchObject({
      outcome: "warn",
      slaHours: 48,
    });
    expect(decide([signal("spam", 70)], "share")).toMatchObject({
      outcome: "review",
      slaHours: 48,
    });
    expect(decide([signal("nsfw", 70)], "avatar")).toMatchObject({
      outcome: "review",
      slaHours: 24,
    });
  });

  it("lets the highest-confidence category decide, critical first on a tie", () => {
    const decision = decide(
      [signal("spam", 85), signal("violence", 40), signal("spam", 95), signal("copyright", 96)],
      "share",
    );
    expect(decision).toMatchObject({ category: "copyright", confidence: 96, outcome: "warn" });
    expect(decide([signal("spam", 80), signal("pii", 80)], "share").category).toBe("pii");
    expect(decision.reasons.every((reason) => reason.category === "copyright")).toBe(true);
  });

  it("allows with no signals, keeping nothing to review", () => {
    expect(decide([], "export")).toEqual({
      outcome: "allow",
      kind: "export",
      category: null,
      confidence: 0,
      slaHours: null,
      priority: null,
      reasons: [],
    });
    expect(decide([signal("spam", 30)], "share")).toMatchObject({
      outcome: "allow",
      slaHours: null,
      priority: null,
    });
  });

  it("has a policy for every category with the critical ones withheld", () => {
    for (const category of MODERATION_CATEGORIES) expect(CATEGORY_POLICY[category]).toBeDefined();
    for (const category of ["nsfw", "hate", "violence", "malicious_link", "pii"] as const) {
      expect(CATEGORY_POLICY[category]).toMatchObject({
        sla: "critical",
        whileInReview: "withheld",
      });
    }
    for (const category of ["spam", "copyright"] as const)
      expect(CATEGORY_POLICY[category].sla).toBe("standard");
  });
});

describe("ownerMessage", () => {
  it("says what happened, to what, and why", () => {
    expect(ownerMessage(decide([], "share"))).toBe(
      "Your public resume page passed our content checks.",
    );
    expect(ownerMessage(decide([signal("pii", 95)], "export"))).toMatch(
      /^Your export was stopped because .*personal data/,
    );
    expect(ownerMessage(decide([signal("pii", 95)], "share"))).toMatch(/taken offline/);
    expect(ownerMessage(decide([signal("hate", 70)], "share"))).toMatch(
      /within 24 hours; it stays unpublished/,
    );
    expect(ownerMessage(decide([signal("spam", 70)], "share"))).toMatch(
      /within 48 hours; it stays published/,
    );
    expect(ownerMessage(decide([signal("nsfw", 99)], "avatar"))).toMatch(
      /^Your profile photo was not published/,
    );
    expect(ownerMessage({ outcome: "warn", category: "copyright", slaHours: 48 })).toMatch(
      /right to publish/,
    );
  });
});

describe("withheldWhileInReview", () => {
  it("withholds only what the layers found in a withholding category", () => {
    expect(withheldWhileInReview({ category: "hate", confidence: THRESHOLDS.review })).toBe(true);
    expect(withheldWhileInReview({ category: "spam", confidence: 80 })).toBe(false);
    // in review only because people reported it: nothing the layers found
    expect(withheldWhileInReview({ category: "hate", confidence: THRESHOLDS.review - 1 })).toBe(
      false,
    );
    expect(withheldWhileInReview({ category: null, confidence: null })).toBe(false);
  });
});
