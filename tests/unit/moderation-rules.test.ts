import { describe, expect, it } from "vitest";
import {
  compileRuleSet,
  keywordSource,
  loadRuleSet,
  testRule,
} from "../../core/moderation/rules/compile";
import { DEFAULT_RULES } from "../../core/moderation/rules/defaults";
import { evaluateRules } from "../../core/moderation/rules/evaluate";
import { regexProblem } from "../../core/moderation/rules/regex-safety";
import { type ModerationRule, moderationRuleSchema } from "../../core/moderation/rules/schema";
import { docOf } from "./moderation-support";

const rule = (changes: Partial<ModerationRule>): ModerationRule => ({
  id: "test.rule",
  kind: "keyword",
  category: "hate",
  pattern: "scum",
  confidence: 80,
  enabled: true,
  note: "",
  ...changes,
});
const matched = (r: Partial<ModerationRule>, text: string) =>
  testRule(rule(r), text).matches.map((match) => match.text);

describe("the rule schema", () => {
  it("accepts a valid rule and bounds every field", () => {
    expect(moderationRuleSchema.safeParse(rule({})).success).toBe(true);
    expect(moderationRuleSchema.safeParse(rule({ id: "Has Spaces" })).success).toBe(false);
    expect(moderationRuleSchema.safeParse(rule({ id: "x".repeat(65) })).success).toBe(false);
    expect(moderationRuleSchema.safeParse(rule({ pattern: "x".repeat(501) })).success).toBe(false);
    expect(moderationRuleSchema.safeParse(rule({ confidence: 101 })).success).toBe(false);
    expect(moderationRuleSchema.safeParse(rule({ note: "x".repeat(501) })).success).toBe(false);
    expect(moderationRuleSchema.safeParse(rule({ category: "other" as never })).success).toBe(
      false,
    );
    expect(moderationRuleSchema.safeParse(rule({ pattern: "!!!" })).success).toBe(false);
    expect(
      moderationRuleSchema.safeParse(rule({ kind: "domain", pattern: "not a host" })).success,
    ).toBe(false);
  });

  it("ships defaults that all pass it", () => {
    for (const candidate of DEFAULT_RULES) {
      const parsed = moderationRuleSchema.safeParse(candidate);
      expect(parsed.success, `${candidate.id}: ${parsed.error?.message}`).toBe(true);
    }
    expect(new Set(DEFAULT_RULES.map((r) => r.id)).size).toBe(DEFAULT_RULES.length);
  });
});

describe("regex safety", () => {
  it("rejects patterns that backtrack catastrophically or quadratically", () => {
    for (const unsafe of [
      "(a+)+$",
      "(\\w+\\s?)*$",
      "(a|aa)+",
      "(x|x)*y",
      "(a{1,5})+",
      ".*password",
      "[^@]+@",
      "(\\d)\\1",
    ]) {
      expect(regexProblem(unsafe), unsafe).not.toBeNull();
    }
  });

  it("rejects invalid patterns and ones matching empty text", () => {
    expect(regexProblem("(unclosed")).toMatch(/Not a valid/);
    expect(regexProblem("a*")).toMatch(/empty/);
  });

  it("accepts the linear patterns rules are made of", () => {
    for (const safe of [
      "\\bfree\\s+bitcoin\\b",
      "\\bcasino\\s+bonus\\b",
      "\\d{3}-\\d{4}",
      "crack.{0,40}download",
      "(?:buy|cheap)\\s+viagra",
    ]) {
      expect(regexProblem(safe), safe).toBeNull();
    }
  });

  it("keeps a rejected regex out of the compiled set, with the reason", () => {
    const compiled = compileRuleSet([
      rule({ id: "bad", kind: "regex", pattern: "(a+)+" }),
      rule({}),
    ]);
    expect(compiled.rules.map((r) => r.id)).toEqual(["test.rule"]);
    expect(compiled.rejected).toEqual([{ id: "bad", problem: expect.stringMatching(/repeat/) }]);
  });
});

describe("keyword rules", () => {
  it("match whole words only, case-insensitively, across Unicode", () => {
    expect(matched({ pattern: "sex" }, "Sussex, Essex, Middlesex; SEX offender")).toEqual(["SEX"]);
    expect(matched({ pattern: "cunt" }, "Born in Scunthorpe")).toEqual([]);
    expect(matched({ pattern: "café" }, "CAFÉ culture, cafés")).toEqual(["CAFÉ"]);
    expect(matched({ pattern: "nazi" }, "Nazionale, nazisme")).toEqual([]);
    expect(matched({ pattern: "white power" }, "white   power")).toEqual(["white   power"]);
  });

  it("escape everything, so a keyword is never read as a regex", () => {
    expect(keywordSource("c++ (dev)")).toContain("c\\+\\+\\s+\\(dev\\)");
    expect(matched({ pattern: "a.b" }, "axb a.b")).toEqual(["a.b"]);
  });
});

describe("domain rules", () => {
  it("match the host and its subdomains, not look-alike suffixes", () => {
    const r = { kind: "domain" as const, pattern: "https://Evil.example/" };
    expect(
      matched(
        r,
        "https://evil.example/x https://a.b.evil.example notevil.example https://notevil.example",
      ),
    ).toEqual(["https://evil.example/x", "https://a.b.evil.example"]);
  });
});

describe("compile → JSON → load", () => {
  it("round-trips through JSON and keeps disabled rules out", () => {
    const compiled = compileRuleSet([...DEFAULT_RULES, rule({ id: "off", enabled: false })]);
    const loaded = loadRuleSet(JSON.parse(JSON.stringify(compiled)));
    expect(loaded.rules).toHaveLength(DEFAULT_RULES.length);
    expect(loaded.rules.some((r) => r.id === "off")).toBe(false);
    const signals = evaluateRules(
      docOf({ "basics.summary": "Free porn and cracked software here" }),
      loaded,
    );
    expect(signals.map((s) => s.rule).sort()).toEqual([
      "copyright.cracked-software",
      "nsfw.explicit-porn",
    ]);
  });

  it("reports the problem when testing an invalid rule", () => {
    expect(testRule(rule({ kind: "regex", pattern: "(a+)+" }), "aaaa")).toEqual({
      problem: expect.stringMatching(/repeat/),
      matches: [],
    });
  });
});

describe("evaluateRules", () => {
  const defaults = loadRuleSet(compileRuleSet(DEFAULT_RULES));

  it("gives one signal per rule with its strongest confidence and spans", () => {
    const doc = docOf({
      "work[0].summary": "Card 4242 4242 4242 4242. I will kill you all.",
      "work[1].summary": "I will kill you. Card 5555 5555 5555 4444",
    });
    const signals = evaluateRules(doc, defaults);
    const threat = signals.filter((s) => s.rule === "violence.threat-first-person");
    expect(threat).toHaveLength(1);
    expect(threat[0]?.evidence?.map((e) => e.path)).toEqual(["work[0].summary", "work[1].summary"]);
    expect(signals.filter((s) => s.rule === "pii.card_number")).toHaveLength(1);
    expect(signals[0]?.confidence).toBe(Math.max(...signals.map((s) => s.confidence)));
  });

  it("passes the resumes of security engineers, people from Sussex and Scunthorpe", () => {
    const doc = docOf({
      "basics.summary":
        "Security engineer from Scunthorpe, now in Sussex. I exploit vulnerabilities before attackers do.",
      "work[0].highlights[0]":
        "Executed the migration plan; penetration tested 40 web apps; wrote exploits for CVE-2024-1234.",
      "work[0].highlights[1]":
        "Killed flaky tests, shot product videos, order no. 4242 4242 4242 4241.",
    });
    expect(evaluateRules(doc, defaults)).toEqual([]);
  });
});
