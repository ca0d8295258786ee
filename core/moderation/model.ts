/**
 * The vocabulary of content moderation (README "Content moderation"): what a check looks at,
 * what each layer reports, and the categories every layer scores. Pure and shared by the
 * Worker (workflow, rules, review queue) and the admin app.
 */

/** The categories every layer scores, each with a confidence from 0 to 100. */
export const MODERATION_CATEGORIES = [
  "nsfw",
  "hate",
  "violence",
  "spam",
  "pii",
  "malicious_link",
  "copyright",
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

/** Where a signal came from: the pipeline's layers, in the order a check runs them. */
export const MODERATION_LAYERS = ["hash", "rules", "ai", "report", "human"] as const;
export type ModerationLayer = (typeof MODERATION_LAYERS)[number];

/** What is being published: each kind is checked when it is published, and again when reported. */
export const MODERATION_SUBJECT_KINDS = ["share", "export", "avatar", "resume_photo"] as const;
export type ModerationSubjectKind = (typeof MODERATION_SUBJECT_KINDS)[number];

/** Why a check runs: the content is being published, or people reported it. */
export const MODERATION_SOURCES = ["publication", "report"] as const;
export type ModerationSource = (typeof MODERATION_SOURCES)[number];

/** What a check concluded (README "Content moderation": the decision thresholds). */
export const MODERATION_OUTCOMES = ["allow", "review", "warn", "quarantine", "block"] as const;
export type ModerationOutcome = (typeof MODERATION_OUTCOMES)[number];

/** Where a case stands: being checked, waiting for a moderator (escalated when late), decided. */
export const MODERATION_CASE_STATUSES = ["checking", "in_review", "escalated", "closed"] as const;
export type ModerationCaseStatus = (typeof MODERATION_CASE_STATUSES)[number];

/** What a moderator decides. `request_changes` takes the content down until the owner edits it. */
export const MODERATOR_VERDICTS = ["approve", "reject", "request_changes"] as const;
export type ModeratorVerdict = (typeof MODERATOR_VERDICTS)[number];

/** The review queue's two service levels (hours until a moderator must have decided). */
export const REVIEW_PRIORITIES = ["critical", "standard"] as const;
export type ReviewPriority = (typeof REVIEW_PRIORITIES)[number];

/** One piece of text of the document, with where it sits (for the preview's highlighting). */
export interface ModerationField {
  /** A JSON path into the resume, e.g. `basics.summary` or `work[2].highlights[0]`. */
  path: string;
  text: string;
}

/** A link the document carries (profile URLs, website, links inside text). */
export interface ModerationLink {
  path: string;
  url: string;
}

/**
 * The text side of what is published, flattened from the resume. The owner's own email and
 * phone in the contact fields are theirs to publish: they are never PII leakage.
 */
export interface ModerationDocument {
  fields: ModerationField[];
  links: ModerationLink[];
  ownerContacts: { emails: string[]; phones: string[] };
}

/** Where in the document a signal matched: the review queue highlights it. */
export interface ModerationEvidence {
  path: string;
  start: number;
  end: number;
  /** The matched text, masked for PII (e.g. `•••• •••• •••• 4242`). */
  excerpt: string;
}

/** One layer's finding for one category. */
export interface ModerationSignal {
  layer: ModerationLayer;
  category: ModerationCategory;
  /** 0–100. */
  confidence: number;
  /** The rule that matched (rules layer), e.g. `pii.card_number` or an admin rule's id. */
  rule?: string;
  /** The model or classifier that scored it (ai layer), e.g. `@cf/meta/llama-guard-3-8b`. */
  model?: string;
  /** Human-readable: what was found, for the owner's notice and the moderator. */
  detail: string;
  evidence?: ModerationEvidence[];
}

/**
 * Where a public link stands (README "Content moderation"): `checking` until its first
 * publication has passed the automated layers (nothing public yet), `live` showing the content
 * that last passed, `withheld` offline while a moderator looks at it, `taken_down` offline after
 * a violation until the owner publishes changed content.
 */
export const SHARE_PUBLICATION_STATES = ["checking", "live", "withheld", "taken_down"] as const;
export type SharePublicationState = (typeof SHARE_PUBLICATION_STATES)[number];
