/**
 * An admin-editable moderation rule (README "Content moderation", rules format): stored in D1,
 * edited on the admin rules page, compiled by compile.ts. Validation here is the gate: a regex
 * that could backtrack catastrophically, or a keyword or domain that cannot match, never
 * reaches a check.
 */
import { z } from "zod";
import { MODERATION_CATEGORIES } from "../model";
import { regexProblem } from "./regex-safety";

export const RULE_KINDS = ["keyword", "regex", "domain"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_PATTERN_LIMIT = 500;

/** A host name: labels of letters, digits and hyphens (punycode `xn--` labels included). */
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export const moderationRuleSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, "Use lowercase letters, digits, dots, dashes: spam.casino"),
    kind: z.enum(RULE_KINDS),
    category: z.enum(MODERATION_CATEGORIES),
    pattern: z.string().trim().min(1, "Give the rule a pattern").max(RULE_PATTERN_LIMIT),
    confidence: z.number().int().min(0).max(100),
    enabled: z.boolean(),
    note: z.string().max(500),
  })
  .superRefine((rule, ctx) => {
    const problem = patternProblem(rule.kind, rule.pattern);
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
  })
  .meta({ id: "ModerationRule" });

export type ModerationRule = z.infer<typeof moderationRuleSchema>;

/** Why a pattern cannot be used for its kind, or null when it can. */
export function patternProblem(kind: RuleKind, pattern: string): string | null {
  if (kind === "regex") return regexProblem(pattern);
  if (kind === "domain") {
    return HOST.test(normalizeDomain(pattern))
      ? null
      : "Use a host name like example.com (it also matches its subdomains)";
  }
  // A keyword is matched as whole words: it must contain a letter or digit to have any.
  return /[\p{L}\p{N}]/u.test(pattern) ? null : "A keyword needs at least one letter or digit";
}

/** `https://WWW.Example.com/x` → `www.example.com`; a trailing dot is the same host. */
export function normalizeDomain(pattern: string): string {
  return pattern
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/\.$/, "");
}
