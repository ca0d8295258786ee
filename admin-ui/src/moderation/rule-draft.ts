// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import type { ModerationCategory } from "../../../core/moderation/model";
import {
  type ModerationRule,
  moderationRuleSchema,
  type RuleKind,
} from "../../../core/moderation/rules/schema";

/**
 * The rule form's inputs as typed, and the rule they make: checked with the API's own schema
 * (core/moderation/rules/schema.ts), so an unsafe regex or a keyword without letters is
 * refused here before it is sent, with the same words the API would use. Pure.
 */

export const RULE_FIELDS = [
  "id",
  "kind",
  "category",
  "pattern",
  "confidence",
  "enabled",
  "note",
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export interface RuleDraft {
  id: string;
  kind: RuleKind;
  category: ModerationCategory;
  pattern: string;
  /** As typed: a whole number from 0 to 100 once checked. */
  confidence: string;
  enabled: boolean;
  note: string;
}

export const NEW_RULE: RuleDraft = {
  id: "",
  kind: "keyword",
  category: "spam",
  pattern: "",
  confidence: "75",
  enabled: true,
  note: "",
};

export function draftOf(rule: ModerationRule): RuleDraft {
  return { ...rule, confidence: String(rule.confidence) };
}

const CONFIDENCE_PROBLEM = "Give a whole number from 0 to 100.";

export type RuleCheck =
  | { ok: true; rule: ModerationRule }
  | { ok: false; errors: Partial<Record<RuleField, string>> };

/** The rule the draft makes, or each field's first problem. */
export function checkRuleDraft(draft: RuleDraft): RuleCheck {
  const typed = draft.confidence.trim();
  const parsed = moderationRuleSchema.safeParse({
    ...draft,
    id: draft.id.trim(),
    // an empty field is no number (Number("") would be 0)
    confidence: /^\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN,
  });
  if (parsed.success) return { ok: true, rule: parsed.data };
  const errors: Partial<Record<RuleField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field !== "string" || !(RULE_FIELDS as readonly string[]).includes(field)) continue;
    const key = field as RuleField;
    errors[key] ??= key === "confidence" ? CONFIDENCE_PROBLEM : issue.message;
  }
  return { ok: false, errors };
}

/**
 * Field messages from a 400's issues: a rule sent alone has paths like `["pattern"]`, a rule
 * sent for a test `["rule", "pattern"]`.
 */
export function ruleIssueMessages(
  details: unknown,
  within?: string,
): Partial<Record<RuleField, string>> {
  const errors: Partial<Record<RuleField, string>> = {};
  if (!Array.isArray(details)) return errors;
  for (const issue of details as { path?: unknown[]; message?: string }[]) {
    const path = within ? (issue.path?.[0] === within ? issue.path.slice(1) : []) : issue.path;
    const field = path?.[0];
    if (typeof field !== "string" || !(RULE_FIELDS as readonly string[]).includes(field)) continue;
    errors[field as RuleField] ??= issue.message ?? "Check this field.";
  }
  return errors;
}
