import { describe, expect, it } from "vitest";
import { photoAlt, photoDimensions, photoFormat } from "../../admin-ui/src/moderation/case-photo";
import {
  decisionSucceeded,
  describeDecision,
  summarizeDecisions,
} from "../../admin-ui/src/moderation/decision-results";
import { evidenceFields } from "../../admin-ui/src/moderation/evidence-fields";
import { markSpans, type Segment } from "../../admin-ui/src/moderation/highlight";
import { confidenceTone, modelLabel, SUBJECT_LABELS } from "../../admin-ui/src/moderation/labels";
import {
  checkRuleDraft,
  draftOf,
  NEW_RULE,
  ruleIssueMessages,
} from "../../admin-ui/src/moderation/rule-draft";
import { formatDuration, timeLeft } from "../../admin-ui/src/moderation/time-left";
import type { DecisionResult } from "../../core/contract/moderation";
import { BUILTIN_CLASSIFIER } from "../../core/moderation/classifier";
import { resumeToModerationDocument } from "../../core/moderation/document";
import { detectLinks } from "../../core/moderation/rules/detectors/links";
import { detectPii } from "../../core/moderation/rules/detectors/pii";
import { resumeDataSchema } from "../../core/resume/schema";

const NOW = Date.parse("2026-12-07T12:00:00.000Z");
const at = (msFromNow: number) => new Date(NOW + msFromNow).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

/** What a page shows of the segments: marks in [brackets]. */
const shown = (segments: Segment[]) =>
  segments.map((segment) => (segment.marked ? `[${segment.text}]` : segment.text)).join("");

describe("time left before a case's deadline", () => {
  it("says hours while hours are left, rounded down, and flags the last four", () => {
    expect(timeLeft(at(5 * HOUR + 59 * MIN), NOW)).toEqual({
      text: "5 h left",
      overdue: false,
      tone: "neutral",
    });
    expect(timeLeft(at(48 * HOUR), NOW)?.text).toBe("48 h left");
    expect(timeLeft(at(3 * HOUR + 30 * MIN), NOW)).toMatchObject({
      text: "3 h left",
      tone: "warning",
    });
  });

  it("says minutes in the last hour and days beyond three", () => {
    expect(timeLeft(at(35 * MIN + 10_000), NOW)?.text).toBe("35 min left");
    expect(timeLeft(at(30_000), NOW)?.text).toBe("<1 min left");
    expect(timeLeft(at(4 * 24 * HOUR + HOUR), NOW)?.text).toBe("4 d left");
  });

  it("says how long overdue a case is from the deadline on", () => {
    expect(timeLeft(at(0), NOW)).toEqual({ text: "overdue <1 min", overdue: true, tone: "error" });
    expect(timeLeft(at(-(2 * HOUR + 15 * MIN)), NOW)).toEqual({
      text: "overdue 2 h",
      overdue: true,
      tone: "error",
    });
    expect(timeLeft(at(-12 * MIN), NOW)?.text).toBe("overdue 12 min");
  });

  it("moves on with the clock", () => {
    const due = at(2 * HOUR);
    expect(timeLeft(due, NOW)?.text).toBe("2 h left");
    expect(timeLeft(due, NOW + 61 * MIN)?.text).toBe("59 min left");
    expect(timeLeft(due, NOW + 3 * HOUR)?.text).toBe("overdue 1 h");
  });

  it("has nothing to say without a usable deadline", () => {
    expect(timeLeft(null, NOW)).toBeNull();
    expect(timeLeft("not a date", NOW)).toBeNull();
    expect(formatDuration(72 * HOUR - 1)).toBe("71 h");
    expect(formatDuration(72 * HOUR)).toBe("3 d");
  });
});

describe("marking spans of text", () => {
  it("cuts the text into plain and marked segments", () => {
    expect(markSpans("call me maybe", [{ start: 5, end: 7 }])).toEqual([
      { marked: false, text: "call " },
      { marked: true, text: "me", labels: [] },
      { marked: false, text: " maybe" },
    ]);
    expect(shown(markSpans("abc", [{ start: 0, end: 3 }]))).toBe("[abc]");
    expect(markSpans("plain", [])).toEqual([{ marked: false, text: "plain" }]);
  });

  it("shows a span's replacement instead of the text under it", () => {
    const segments = markSpans("Card 4242 4242 4242 4242 ok", [
      { start: 5, end: 24, shown: "•••• •••• •••• 4242", label: "PII leakage" },
    ]);
    expect(shown(segments)).toBe("Card [•••• •••• •••• 4242] ok");
    expect(JSON.stringify(segments)).not.toContain("4242 4242");
    expect(segments[1]).toMatchObject({ labels: ["PII leakage"] });
  });

  it("joins overlapping spans, keeps touching ones apart, in any order given", () => {
    const text = "0123456789";
    expect(
      shown(
        markSpans(text, [
          { start: 6, end: 8 },
          { start: 1, end: 4 },
          { start: 3, end: 5 },
          { start: 8, end: 9 },
        ]),
      ),
    ).toBe("0[1234]5[67][8]9");
    const merged = markSpans(text, [
      { start: 1, end: 4, shown: "a", label: "x" },
      { start: 2, end: 6, shown: "b", label: "y" },
      { start: 3, end: 5, shown: "a", label: "x" },
    ]);
    expect(merged[1]).toEqual({ marked: true, text: "a … b", labels: ["x", "y"] });
  });

  it("ignores empty, reversed and impossible spans and clamps the rest to the text", () => {
    expect(
      shown(
        markSpans("hello", [
          { start: 2, end: 2 },
          { start: 4, end: 1 },
          { start: Number.NaN, end: 3 },
          { start: 3, end: 99 },
          { start: -5, end: 1 },
        ]),
      ),
    ).toBe("[h]el[lo]");
  });
});

describe("evidence of a case, field by field", () => {
  const resume = resumeDataSchema.parse({
    basics: {
      name: "Dana Reyes",
      email: "dana@example.com",
      summary: "Security engineer. Card 4242 4242 4242 4242 exp 12/29.",
      url: "http://192.168.0.10/login",
    },
    work: [{ name: "Acme", position: "Engineer", summary: "Led penetration tests." }],
  });
  const document = resumeToModerationDocument(resume, { email: "dana@example.com" });
  const decisions = [{ signals: [...detectPii(document), ...detectLinks(document)] }];

  it("marks where the real detectors matched, with their masked excerpts only", () => {
    const fields = evidenceFields(resume, decisions);
    const summary = fields.find((field) => field.path === "basics.summary");
    expect(summary?.inDocument).toBe(true);
    expect(shown(summary?.segments ?? [])).toBe(
      "Security engineer. Card [•••• •••• •••• 4242] exp 12/29.",
    );
    expect(JSON.stringify(fields)).not.toContain("4242 4242 4242 4242");
    const [, mark] = summary?.segments ?? [];
    expect(mark).toMatchObject({ marked: true, labels: ["PII leakage · pii.card_number"] });
  });

  it("lists fields in the resume's order, links included, and none without evidence", () => {
    const fields = evidenceFields(resume, decisions);
    expect(fields.map((field) => field.path)).toEqual(["basics.summary", "basics.url"]);
    expect(shown(fields[1]?.segments ?? [])).toContain("[http://192.168.0.10/login]");
  });

  it("shows excerpts alone for paths that are not text of the content", () => {
    const fields = evidenceFields(null, [
      {
        signals: [
          {
            layer: "ai",
            category: "nsfw",
            confidence: 75,
            model: "@cf/some/vision-model",
            detail: "Adult content",
            evidence: [{ path: "photo", start: 0, end: 0, excerpt: "the photo" }],
          },
        ],
      },
    ]);
    expect(fields).toEqual([
      {
        path: "photo",
        inDocument: false,
        segments: [
          { marked: true, text: "the photo", labels: ["NSFW / adult · @cf/some/vision-model"] },
        ],
      },
    ]);
    expect(evidenceFields(resume, [{ signals: [] }])).toEqual([]);
  });
});

describe("labels", () => {
  it("names the built-in classifier for what it is", () => {
    expect(modelLabel(BUILTIN_CLASSIFIER.id)).toBe(
      "Built-in classifier (stand-in for Workers AI, no model)",
    );
    expect(modelLabel("@cf/meta/llama-guard-3-8b")).toBe("@cf/meta/llama-guard-3-8b");
  });

  it("reads confidences by the decision thresholds", () => {
    expect([59, 60, 90, 91].map(confidenceTone)).toEqual([
      "neutral",
      "warning",
      "warning",
      "error",
    ]);
  });
});

describe("a photo case's preview", () => {
  const photo = {
    width: 6000,
    height: 4000,
    content_type: "image/webp" as const,
    sha256: "a".repeat(64),
  };

  it("says the size in pixels and megapixels, and the format with its type", () => {
    expect(photoDimensions(photo)).toBe("6000 × 4000 px · 24.00 MP");
    expect(photoDimensions({ ...photo, width: 1200, height: 800 })).toBe("1200 × 800 px · 0.96 MP");
    expect(photoFormat(photo)).toBe("WebP (image/webp)");
    expect(photoFormat({ ...photo, content_type: "image/jpeg" })).toBe("JPEG (image/jpeg)");
  });

  it("names which photo it is, in the case list and the image's alt text", () => {
    expect(SUBJECT_LABELS.avatar).toBe("Profile photo");
    expect(SUBJECT_LABELS.resume_photo).toBe("Resume photo");
    expect(photoAlt(SUBJECT_LABELS.avatar)).toBe(
      "The profile photo under review, as it was checked",
    );
  });
});

describe("moderator decision results", () => {
  const result = (id: string, outcome: string, message: string | null = null): DecisionResult => ({
    case_id: id,
    verdict: outcome === "conflict" ? null : "reject",
    result: outcome,
    message,
  });

  it("says what each result did and sums a bulk action up", () => {
    const results = [
      result("mc_1", "decided"),
      result("mc_2", "decided"),
      result("mc_3", "already_decided"),
      result("mc_4", "conflict", "This case was already decided: approve"),
    ];
    expect(results.map(decisionSucceeded)).toEqual([true, true, true, false]);
    expect(summarizeDecisions(results)).toBe("2 decided, 1 already decided, 1 not decided");
    expect(describeDecision(results[0] as DecisionResult, "reject")).toMatch(/^Reject: recorded/);
    expect(describeDecision(results[2] as DecisionResult, "reject")).toMatch(/nothing changed/);
    expect(describeDecision(results[3] as DecisionResult, "reject")).toBe(
      "This case was already decided: approve",
    );
  });
});

describe("the rule form", () => {
  const draft = { ...NEW_RULE, id: "spam.casino", pattern: "online casino" };

  it("makes the rule the API accepts", () => {
    expect(checkRuleDraft(draft)).toEqual({
      ok: true,
      rule: {
        id: "spam.casino",
        kind: "keyword",
        category: "spam",
        pattern: "online casino",
        confidence: 75,
        enabled: true,
        note: "",
      },
    });
    const check = checkRuleDraft(draft);
    if (check.ok) expect(checkRuleDraft(draftOf(check.rule))).toEqual(check);
  });

  it("refuses what the API refuses, on the field at fault", () => {
    const errors = (changes: Partial<typeof draft>) => {
      const check = checkRuleDraft({ ...draft, ...changes });
      return check.ok ? {} : check.errors;
    };
    expect(Object.keys(errors({ id: "Spam Casino" }))).toEqual(["id"]);
    expect(errors({ confidence: "" })).toEqual({
      confidence: "Give a whole number from 0 to 100.",
    });
    expect(errors({ confidence: "101" })).toEqual({
      confidence: "Give a whole number from 0 to 100.",
    });
    expect(errors({ confidence: "7.5" })).toHaveProperty("confidence");
    // a catastrophic-backtracking regex never reaches the server
    expect(errors({ kind: "regex", pattern: "(a+)+$" })).toHaveProperty("pattern");
    expect(errors({ kind: "domain", pattern: "not a host" })).toHaveProperty("pattern");
    expect(errors({ pattern: "!!!" })).toEqual({
      pattern: "A keyword needs at least one letter or digit",
    });
  });

  it("places a 400's issues on the fields, inside a test request's rule too", () => {
    const details = [
      { path: ["rule", "pattern"], message: "Not a valid regular expression" },
      { path: ["text"], message: "Too long" },
      { path: ["id"], message: "Expected spam.casino" },
    ];
    expect(ruleIssueMessages(details, "rule")).toEqual({
      pattern: "Not a valid regular expression",
    });
    expect(ruleIssueMessages(details)).toEqual({ id: "Expected spam.casino" });
    expect(ruleIssueMessages("nonsense")).toEqual({});
  });
});
