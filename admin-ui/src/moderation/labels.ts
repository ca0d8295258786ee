// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.

import type { ModerationRuleView } from "../../../core/contract/moderation";
import { BUILTIN_CLASSIFIER } from "../../../core/moderation/classifier";
import { THRESHOLDS } from "../../../core/moderation/decision";
import type {
  ModerationCaseStatus,
  ModerationCategory,
  ModerationLayer,
  ModerationOutcome,
  ModerationSource,
  ModerationSubjectKind,
  ModeratorVerdict,
  ReviewPriority,
} from "../../../core/moderation/model";
import type { RuleKind } from "../../../core/moderation/rules/schema";
import type { Tone } from "./tone";

/** Words for content moderation's vocabulary (core/moderation/model.ts), for the admin pages. */

export const CATEGORY_LABELS: Record<ModerationCategory, string> = {
  nsfw: "NSFW / adult",
  hate: "Hate speech",
  violence: "Violence",
  spam: "Spam / scam",
  pii: "PII leakage",
  malicious_link: "Malicious link",
  copyright: "Copyright / plagiarism",
};

export const LAYER_LABELS: Record<ModerationLayer, string> = {
  hash: "Known content (hash cache)",
  rules: "Rules",
  ai: "AI",
  report: "Reports",
  human: "Moderator",
};

export const STATUS_LABELS: Record<ModerationCaseStatus | "open", string> = {
  open: "Open (in review or escalated)",
  checking: "Being checked",
  in_review: "In review",
  escalated: "Escalated",
  closed: "Closed",
};

export function statusTone(status: ModerationCaseStatus): Tone {
  if (status === "escalated") return "error";
  if (status === "in_review") return "warning";
  if (status === "checking") return "info";
  return "neutral";
}

export const SOURCE_LABELS: Record<ModerationSource, string> = {
  publication: "Publication",
  report: "Reports",
};

export const SUBJECT_LABELS: Record<ModerationSubjectKind, string> = {
  share: "Public page",
  export: "Export",
  avatar: "Profile photo",
  resume_photo: "Resume photo",
};

export const PRIORITY_LABELS: Record<ReviewPriority, string> = {
  critical: "Critical (24 h)",
  standard: "Standard (48 h)",
};

export const OUTCOME_LABELS: Record<ModerationOutcome, string> = {
  allow: "Allowed",
  review: "Sent for review",
  warn: "Warned",
  quarantine: "Quarantined",
  block: "Blocked",
};

export const VERDICT_LABELS: Record<ModeratorVerdict, string> = {
  approve: "Approve",
  reject: "Reject",
  request_changes: "Request changes",
};

/** What each verdict does, said where the moderator chooses it. */
export const VERDICT_EFFECTS: Record<ModeratorVerdict, string> = {
  approve: "The content stays or goes back online; the owner is told it passed.",
  reject: "The content is taken down, the owner is notified and a strike is recorded.",
  request_changes: "The content is taken down until the owner publishes an edited version.",
};

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  keyword: "Keyword",
  regex: "Regular expression",
  domain: "Domain",
};

export const ORIGIN_LABELS: Record<ModerationRuleView["origin"], string> = {
  built_in: "Built-in",
  edited: "Edited built-in",
  custom: "Custom",
};

/**
 * The model that scored a signal, in words. The built-in classifier is no model at all, and
 * every verdict it took part in says so (README "Content moderation").
 */
export function modelLabel(model: string): string {
  return model === BUILTIN_CLASSIFIER.id ? BUILTIN_CLASSIFIER.label : model;
}

/** The thresholds' reading of a confidence: > 90 automatic, 60–90 review, < 60 allowed. */
export function confidenceTone(confidence: number): Tone {
  if (confidence > THRESHOLDS.automatic) return "error";
  if (confidence >= THRESHOLDS.review) return "warning";
  return "neutral";
}
