import { describe, expect, it } from "vitest";
import { type AppealEvidence, reviewAppeal } from "../../core/moderation/appeal-review";
import { appealDeadline, withinAppealWindow } from "../../core/moderation/appeals";

const evidence = (changes: Partial<AppealEvidence>): AppealEvidence => ({
  source: "automatic",
  category: "spam",
  signals: [],
  disabledRules: new Set(),
  profileText: "",
  foundContacts: null,
  ownContacts: { emails: [], phones: [] },
  ...changes,
});

describe("appeal auto-review", () => {
  it("never accepts what a person confirmed", () => {
    const review = reviewAppeal(
      evidence({
        source: "moderator",
        signals: [{ layer: "rules", category: "spam", confidence: 95, rule: "x", detail: "" }],
        disabledRules: new Set(["x"]),
      }),
    );
    expect(review.accept).toBe(false);
  });

  it("accepts when every signal came from rules disabled since, not when one is still on", () => {
    const signals = [
      { layer: "rules" as const, category: "spam" as const, confidence: 95, rule: "a", detail: "" },
      { layer: "rules" as const, category: "spam" as const, confidence: 91, rule: "b", detail: "" },
    ];
    expect(reviewAppeal(evidence({ signals, disabledRules: new Set(["a", "b"]) }))).toMatchObject({
      accept: true,
      finding: "rule_disabled",
    });
    expect(reviewAppeal(evidence({ signals, disabledRules: new Set(["a"]) })).accept).toBe(false);
    // a signal of another category does not count for or against
    const mixed = [...signals, { ...signals[0]!, category: "hate" as const, rule: "c" }];
    expect(
      reviewAppeal(evidence({ signals: mixed, disabledRules: new Set(["a", "b"]) })).accept,
    ).toBe(true);
  });

  it("accepts a score just over the threshold that the profile explains, as a whole word", () => {
    const signals = [
      { layer: "ai" as const, category: "nsfw" as const, confidence: 93, model: "m", detail: "" },
    ];
    const nurse = evidence({ category: "nsfw", signals, profileText: "Registered Nurse, ICU" });
    expect(reviewAppeal(nurse)).toMatchObject({ accept: true, finding: "borderline_explained" });
    // "nurse" inside another word explains nothing
    expect(reviewAppeal({ ...nurse, profileText: "Wetnursery owner" }).accept).toBe(false);
    // well over the threshold: a moderator looks
    const clear = [{ ...signals[0]!, confidence: 95 }];
    expect(reviewAppeal({ ...nurse, signals: clear }).accept).toBe(false);
    expect(reviewAppeal({ ...nurse, profileText: "Accountant" }).accept).toBe(false);
  });

  it("accepts a PII strike only when every contact found is the owner's own", () => {
    const signals = [
      {
        layer: "rules" as const,
        category: "pii" as const,
        confidence: 92,
        rule: "pii.x",
        detail: "",
      },
    ];
    const base = evidence({
      category: "pii",
      signals,
      ownContacts: { emails: ["me@example.test"], phones: ["+44 20 7946 0958"] },
    });
    expect(
      reviewAppeal({
        ...base,
        foundContacts: { emails: ["me@example.test"], phones: ["020 7946 0958"] },
      }),
    ).toMatchObject({ accept: true, finding: "own_contact_details" });
    expect(
      reviewAppeal({
        ...base,
        foundContacts: { emails: ["me@example.test", "them@example.test"], phones: [] },
      }).accept,
    ).toBe(false);
    // evidence that could not be read back (or a card number): not obviously the owner's
    expect(reviewAppeal({ ...base, foundContacts: null }).accept).toBe(false);
    expect(reviewAppeal({ ...base, foundContacts: { emails: [], phones: [] } }).accept).toBe(false);
  });

  it("has a 30-day window", () => {
    const at = Date.UTC(2026, 0, 1);
    expect(withinAppealWindow(at, at + 30 * 86_400_000)).toBe(true);
    expect(withinAppealWindow(at, at + 30 * 86_400_000 + 1)).toBe(false);
    expect(appealDeadline(at)).toBe(at + 30 * 86_400_000);
  });
});
