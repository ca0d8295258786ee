import { describe, expect, it } from "vitest";
import { MODERATION_CATEGORIES } from "../../core/moderation/model";
import {
  DEFAULT_STRIKE_THRESHOLDS,
  escalationFor,
  STRIKE_EXPIRY_DAYS,
  type StrikeThreshold,
  severityOf,
  strikesExpireAt,
  strikeThresholdsSchema,
} from "../../core/moderation/strikes";

const DAY = 86_400_000;

/** The issues a list gets, as "path: message" with the path joined by dots. */
function issuesOf(list: unknown): string[] {
  const parsed = strikeThresholdsSchema.safeParse(list);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("the default thresholds", () => {
  it("are the brief's: 3 → 24 h, 5 → 7 days, 10 → ban, and pass their own schema", () => {
    expect(DEFAULT_STRIKE_THRESHOLDS).toEqual([
      { strikes: 3, action: "suspend", hours: 24 },
      { strikes: 5, action: "suspend", hours: 168 },
      { strikes: 10, action: "ban", hours: null },
    ]);
    expect(strikeThresholdsSchema.safeParse(DEFAULT_STRIKE_THRESHOLDS).success).toBe(true);
  });
});

describe("strikeThresholdsSchema", () => {
  it("accepts any order, and no ban at all", () => {
    expect(
      issuesOf([
        { strikes: 8, action: "ban", hours: null },
        { strikes: 2, action: "suspend", hours: 12 },
      ]),
    ).toEqual([]);
    expect(issuesOf([{ strikes: 4, action: "suspend", hours: 720 }])).toEqual([]);
  });

  it("needs 1 to 10 thresholds", () => {
    expect(issuesOf([])).toHaveLength(1);
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      strikes: i + 1,
      action: "suspend",
      hours: 24,
    }));
    expect(issuesOf(eleven)).toEqual([": At most 10 thresholds"]);
  });

  it("bounds the strike count to 1–100 and suspensions to 1–720 hours", () => {
    expect(issuesOf([{ strikes: 0, action: "suspend", hours: 24 }])[0]).toMatch(/^0\.strikes: /);
    expect(issuesOf([{ strikes: 101, action: "ban", hours: null }])[0]).toMatch(/^0\.strikes: /);
    expect(issuesOf([{ strikes: 2.5, action: "ban", hours: null }])[0]).toMatch(/^0\.strikes: /);
    for (const hours of [0, 721, null]) {
      expect(issuesOf([{ strikes: 3, action: "suspend", hours }])).toEqual([
        "0.hours: A suspension lasts 1 to 720 hours (30 days)",
      ]);
    }
  });

  it("refuses hours on a ban, unknown actions and unknown fields", () => {
    expect(issuesOf([{ strikes: 3, action: "ban", hours: 24 }])).toEqual([
      "0.hours: A ban is permanent: no hours",
    ]);
    expect(issuesOf([{ strikes: 3, action: "warn", hours: null }])[0]).toMatch(/^0\.action: /);
    expect(issuesOf([{ strikes: 3, action: "ban", hours: null, note: "x" }])).toHaveLength(1);
  });

  it("refuses two thresholds at the same count, naming the second", () => {
    expect(
      issuesOf([
        { strikes: 3, action: "suspend", hours: 24 },
        { strikes: 3, action: "suspend", hours: 48 },
      ]),
    ).toEqual(["1.strikes: Entry 1 already triggers at 3 strikes"]);
  });

  it("refuses a second ban", () => {
    expect(
      issuesOf([
        { strikes: 5, action: "ban", hours: null },
        { strikes: 9, action: "ban", hours: null },
      ]),
    ).toEqual(["1.action: Only one threshold bans"]);
  });

  it("refuses a ban reached before a suspension", () => {
    expect(
      issuesOf([
        { strikes: 3, action: "suspend", hours: 24 },
        { strikes: 4, action: "ban", hours: null },
        { strikes: 6, action: "suspend", hours: 72 },
      ]),
    ).toEqual(["1.strikes: A ban needs more strikes than every suspension (one is at 6)"]);
  });

  it("refuses a suspension shorter than one reached with fewer strikes; equal is fine", () => {
    expect(
      issuesOf([
        { strikes: 7, action: "suspend", hours: 48 },
        { strikes: 3, action: "suspend", hours: 72 },
      ]),
    ).toEqual(["0.hours: At 7 strikes a suspension cannot be shorter than at 3 (72 hours)"]);
    expect(
      issuesOf([
        { strikes: 3, action: "suspend", hours: 72 },
        { strikes: 7, action: "suspend", hours: 72 },
      ]),
    ).toEqual([]);
  });
});

describe("escalationFor", () => {
  const defaults = DEFAULT_STRIKE_THRESHOLDS;

  it("asks nothing without active strikes, and warns below the first threshold", () => {
    expect(escalationFor(0, defaults)).toEqual({ kind: "none" });
    expect(escalationFor(-1, defaults)).toEqual({ kind: "none" });
    expect(escalationFor(1, defaults)).toEqual({ kind: "warning" });
    expect(escalationFor(2, defaults)).toEqual({ kind: "warning" });
  });

  it("takes the highest threshold reached, at every boundary of the defaults", () => {
    expect(escalationFor(3, defaults)).toEqual({ kind: "suspend", hours: 24, threshold: 3 });
    expect(escalationFor(4, defaults)).toEqual({ kind: "suspend", hours: 24, threshold: 3 });
    expect(escalationFor(5, defaults)).toEqual({ kind: "suspend", hours: 168, threshold: 5 });
    expect(escalationFor(9, defaults)).toEqual({ kind: "suspend", hours: 168, threshold: 5 });
    expect(escalationFor(10, defaults)).toEqual({ kind: "ban", threshold: 10 });
    expect(escalationFor(57, defaults)).toEqual({ kind: "ban", threshold: 10 });
  });

  it("reads thresholds in any order, and only warns when there are none", () => {
    const shuffled: StrikeThreshold[] = [
      { strikes: 6, action: "ban", hours: null },
      { strikes: 1, action: "suspend", hours: 2 },
      { strikes: 4, action: "suspend", hours: 48 },
    ];
    expect(escalationFor(1, shuffled)).toEqual({ kind: "suspend", hours: 2, threshold: 1 });
    expect(escalationFor(5, shuffled)).toEqual({ kind: "suspend", hours: 48, threshold: 4 });
    expect(escalationFor(6, shuffled)).toEqual({ kind: "ban", threshold: 6 });
    expect(escalationFor(3, [])).toEqual({ kind: "warning" });
  });

  it("skips a suspension without hours rather than guess its length", () => {
    const broken: StrikeThreshold[] = [
      { strikes: 2, action: "suspend", hours: 6 },
      { strikes: 3, action: "suspend", hours: null },
    ];
    expect(escalationFor(3, broken)).toEqual({ kind: "suspend", hours: 6, threshold: 2 });
  });
});

describe("strikesExpireAt", () => {
  it("is 90 days after the last violation, to the millisecond", () => {
    expect(STRIKE_EXPIRY_DAYS).toBe(90);
    const last = Date.UTC(2026, 0, 15, 10, 30, 0, 5);
    expect(strikesExpireAt(last)).toBe(last + 90 * DAY);
    expect(new Date(strikesExpireAt(last)).toISOString()).toBe("2026-04-15T10:30:00.005Z");
  });
});

describe("severityOf", () => {
  it("rates harm to others severe, personal data major, spam and copyright minor", () => {
    const severities = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, severityOf(c)]));
    expect(severities).toEqual({
      nsfw: "severe",
      hate: "severe",
      violence: "severe",
      malicious_link: "severe",
      pii: "major",
      spam: "minor",
      copyright: "minor",
    });
  });
});
