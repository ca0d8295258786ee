/**
 * Admin rules → a compiled rule set the Worker caches in KV (plain JSON), and back to ready
 * RegExps per check. Compiling validates every rule again (a row edited in D1 by hand cannot
 * smuggle in an unsafe regex); invalid and disabled rules are left out and reported.
 */
import { urlsInText } from "../document";
import type { ModerationCategory } from "../model";
import { hostWithin, linkParts } from "../url-parts";
import { wholeWordSource } from "../word-boundary";
import { RULE_REGEX_FLAGS } from "./regex-safety";
import {
  type ModerationRule,
  moderationRuleSchema,
  normalizeDomain,
  type RuleKind,
} from "./schema";

export interface CompiledRule {
  id: string;
  kind: RuleKind;
  category: ModerationCategory;
  confidence: number;
  /** Regex source for keyword and regex rules; the ASCII host for domain rules. */
  source: string;
}

export interface CompiledRuleSet {
  version: 1;
  rules: CompiledRule[];
  /** Rules that failed validation, by id, so the admin page can say why they are inactive. */
  rejected: { id: string; problem: string }[];
}

export type LoadedRule =
  | (CompiledRule & { kind: "keyword" | "regex"; regex: RegExp })
  | (CompiledRule & { kind: "domain" });

export interface LoadedRuleSet {
  rules: LoadedRule[];
}

function escapeRegex(value: string): string {
  // Only syntax characters: with the `u` flag any other escape (`\-`) is an error.
  return value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Whole words, case-insensitive, Unicode-aware: `(?<!word)keyword(?!word)` rather than `\b`
 * (which only knows ASCII), so "Scunthorpe" never matches a keyword inside it and "café"
 * has boundaries where a reader sees them. Spaces inside a keyword match any whitespace.
 */
export function keywordSource(keyword: string): string {
  const body = keyword.trim().split(/\s+/u).map(escapeRegex).join("\\s+");
  return wholeWordSource(body);
}

/** A domain rule's host in the form links are compared in (punycode for IDNs). */
function domainSource(pattern: string): string {
  const host = normalizeDomain(pattern);
  return linkParts(`http://${host}`)?.host ?? host;
}

function compileRule(rule: ModerationRule): CompiledRule {
  const source =
    rule.kind === "keyword"
      ? keywordSource(rule.pattern)
      : rule.kind === "regex"
        ? rule.pattern
        : domainSource(rule.pattern);
  return {
    id: rule.id,
    kind: rule.kind,
    category: rule.category,
    confidence: rule.confidence,
    source,
  };
}

/** Validates and compiles the enabled rules; the result is plain JSON. */
export function compileRuleSet(rules: readonly unknown[]): CompiledRuleSet {
  const compiled: CompiledRule[] = [];
  const rejected: { id: string; problem: string }[] = [];
  for (const candidate of rules) {
    const parsed = moderationRuleSchema.safeParse(candidate);
    if (!parsed.success) {
      const id = (candidate as { id?: unknown })?.id;
      rejected.push({
        id: typeof id === "string" ? id.slice(0, 64) : "(no id)",
        problem: parsed.error.issues.map((issue) => issue.message).join("; "),
      });
      continue;
    }
    if (parsed.data.enabled) compiled.push(compileRule(parsed.data));
  }
  return { version: 1, rules: compiled, rejected };
}

/** Builds the RegExps of a compiled set (from KV): no validation again, it was done on compile. */
export function loadRuleSet(compiled: CompiledRuleSet): LoadedRuleSet {
  return {
    rules: compiled.rules.map(
      (rule): LoadedRule =>
        rule.kind === "domain"
          ? { ...rule, kind: "domain" }
          : { ...rule, kind: rule.kind, regex: new RegExp(rule.source, RULE_REGEX_FLAGS) },
    ),
  };
}

export interface RuleMatch {
  start: number;
  end: number;
  text: string;
}

/** Matches of a loaded rule in one text: regex matches, or links into the rule's domain. */
export function ruleMatches(rule: LoadedRule, text: string, limit = 50): RuleMatch[] {
  const matches: RuleMatch[] = [];
  if (rule.kind === "domain") {
    for (const link of urlsInText(text)) {
      const host = linkParts(link.url)?.host;
      if (host && hostWithin(host, rule.source))
        matches.push({ start: link.start, end: link.end, text: link.url });
      if (matches.length >= limit) break;
    }
    return matches;
  }
  rule.regex.lastIndex = 0;
  for (const match of text.matchAll(rule.regex)) {
    matches.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
    if (matches.length >= limit) break;
  }
  return matches;
}

/**
 * The admin page's "test this rule against sample text" (before saving, so disabled rules are
 * tested too): the problem that would stop it being saved, or its matches with spans.
 */
export function testRule(
  rule: unknown,
  text: string,
): { problem: string | null; matches: RuleMatch[] } {
  const parsed = moderationRuleSchema.safeParse(rule);
  if (!parsed.success) {
    return { problem: parsed.error.issues.map((issue) => issue.message).join("; "), matches: [] };
  }
  const compiled = compileRule(parsed.data);
  const [loaded] = loadRuleSet({ version: 1, rules: [compiled], rejected: [] }).rules;
  return { problem: null, matches: loaded ? ruleMatches(loaded, text) : [] };
}
