/**
 * The decision layer (README "Content moderation"): from every layer's signals to what happens
 * to the publication. Above 90 the category's automatic action runs; from 60 to 90 a person
 * reviews it within the category's SLA; below 60 it is allowed (and the signals kept, so a
 * later report starts from them). The highest-confidence category decides; on a tie the
 * critical one does (a possible card number outranks possible spam at the same confidence).
 */
import {
  MODERATION_CATEGORIES,
  type ModerationCategory,
  type ModerationOutcome,
  type ModerationSignal,
  type ModerationSubjectKind,
  type ReviewPriority,
} from "./model";

export const THRESHOLDS = { automatic: 90, review: 60 } as const;

export type AutomaticAction = "block" | "quarantine" | "warn";
export type ModerationSla = ReviewPriority;
export type WhileInReview = "withheld" | "published";

export interface CategoryPolicy {
  /** What happens above the automatic threshold. */
  automaticAction: AutomaticAction;
  sla: ModerationSla;
  /** Whether the content stays online while a moderator reviews it. */
  whileInReview: WhileInReview;
}

export const SLA_HOURS: Record<ModerationSla, number> = { critical: 24, standard: 48 };

/**
 * Per category. Critical (24 h, withheld while in review) is what harms a visitor or a third
 * party the moment it is seen: sexual content, hate, threats, a phishing or script link, and
 * someone's card or ID number (every hour online is an hour it can be copied). Standard (48 h,
 * stays online) is what mostly harms the platform's reputation and can wait a working day:
 * spam, and copyright, where the owner may well hold the rights.
 * Automatic actions: the critical categories are blocked outright; PII is quarantined (the
 * owner usually pasted their own data by mistake and can fix and republish); spam is
 * quarantined (a moderator can release a false positive); copyright only warns, because a
 * machine cannot know who holds the rights.
 */
export const CATEGORY_POLICY: Record<ModerationCategory, CategoryPolicy> = {
  nsfw: { automaticAction: "block", sla: "critical", whileInReview: "withheld" },
  hate: { automaticAction: "block", sla: "critical", whileInReview: "withheld" },
  violence: { automaticAction: "block", sla: "critical", whileInReview: "withheld" },
  malicious_link: { automaticAction: "block", sla: "critical", whileInReview: "withheld" },
  pii: { automaticAction: "quarantine", sla: "critical", whileInReview: "withheld" },
  spam: { automaticAction: "quarantine", sla: "standard", whileInReview: "published" },
  copyright: { automaticAction: "warn", sla: "standard", whileInReview: "published" },
};

/**
 * Whether content in review stays offline until a moderator decides: only when the layers
 * themselves found a category that withholds (a case in review only because people reported it
 * stays as it is; enough report weight withholds it separately).
 */
export function withheldWhileInReview(finding: {
  category: ModerationCategory | null;
  confidence: number | null;
}): boolean {
  if (!finding.category || (finding.confidence ?? 0) < THRESHOLDS.review) return false;
  return CATEGORY_POLICY[finding.category].whileInReview === "withheld";
}

export interface ModerationDecision {
  /**
   * For a share, "quarantine" takes the page offline pending review; for an export it means
   * the export job fails (nothing is produced to hold back); for a photo the upload is kept
   * out of every page. "block" refuses the publication; "warn" publishes and tells the owner.
   */
  outcome: ModerationOutcome;
  kind: ModerationSubjectKind;
  /** The deciding category; null when nothing scored at all. */
  category: ModerationCategory | null;
  confidence: number;
  /** The review deadline for anything a person looks at; null when allowed. */
  slaHours: number | null;
  /** The review queue's service level (the category's SLA); null when allowed. */
  priority: ReviewPriority | null;
  /** The deciding category's signals, strongest first: what the moderator and owner are shown. */
  reasons: ModerationSignal[];
}

const SLA_RANK: Record<ModerationSla, number> = { critical: 1, standard: 0 };

function outcomeFor(confidence: number, category: ModerationCategory): ModerationOutcome {
  if (confidence > THRESHOLDS.automatic) return CATEGORY_POLICY[category].automaticAction;
  if (confidence >= THRESHOLDS.review) return "review";
  return "allow";
}

/** The decision for a publication of `kind` from the signals of every layer that ran. */
export function decide(
  signals: readonly ModerationSignal[],
  kind: ModerationSubjectKind,
): ModerationDecision {
  const strongest = new Map<ModerationCategory, number>();
  for (const signal of signals) {
    const confidence = Math.max(0, Math.min(100, signal.confidence));
    strongest.set(signal.category, Math.max(strongest.get(signal.category) ?? 0, confidence));
  }
  const ranked = [...strongest.entries()].sort(
    ([a, confA], [b, confB]) =>
      confB - confA ||
      SLA_RANK[CATEGORY_POLICY[b].sla] - SLA_RANK[CATEGORY_POLICY[a].sla] ||
      MODERATION_CATEGORIES.indexOf(a) - MODERATION_CATEGORIES.indexOf(b),
  );
  const top = ranked[0];
  if (!top)
    return {
      outcome: "allow",
      kind,
      category: null,
      confidence: 0,
      slaHours: null,
      priority: null,
      reasons: [],
    };
  const [category, confidence] = top;
  const outcome = outcomeFor(confidence, category);
  const policy = CATEGORY_POLICY[category];
  const reasons = signals
    .filter((signal) => signal.category === category)
    .sort((a, b) => b.confidence - a.confidence);
  return {
    outcome,
    kind,
    category,
    confidence,
    slaHours: outcome === "allow" ? null : SLA_HOURS[policy.sla],
    priority: outcome === "allow" ? null : policy.sla,
    reasons,
  };
}

const SUBJECT: Record<ModerationSubjectKind, string> = {
  share: "public resume page",
  export: "export",
  avatar: "profile photo",
  resume_photo: "resume photo",
};

const FOUND: Record<ModerationCategory, string> = {
  nsfw: "sexual or adult content",
  hate: "hateful content",
  violence: "violent or threatening content",
  spam: "spam or a scam",
  pii: "personal data such as a card, bank account or ID number",
  malicious_link: "a harmful or deceptive link",
  copyright: "content that may infringe someone's copyright",
};

/**
 * The sentence(s) the owner sees about a decision (in the app and in the email). Takes only
 * what a stored case keeps; `kind` defaults to a share, the most common publication.
 */
export function ownerMessage(
  decision: Pick<ModerationDecision, "outcome" | "category" | "slaHours"> & {
    kind?: ModerationSubjectKind;
  },
): string {
  const kind = decision.kind ?? "share";
  const subject = SUBJECT[kind];
  if (decision.outcome === "allow" || !decision.category)
    return `Your ${subject} passed our content checks.`;
  const found = FOUND[decision.category];
  const policy = CATEGORY_POLICY[decision.category];
  switch (decision.outcome) {
    case "review":
      return policy.whileInReview === "withheld"
        ? `Your ${subject} may contain ${found}, so a moderator will review it within ${decision.slaHours} hours; it stays unpublished until then.`
        : `Your ${subject} may contain ${found}, so a moderator will review it within ${decision.slaHours} hours; it stays published meanwhile.`;
    case "block":
    case "quarantine":
      // Appeals arrive with strikes and bans (README "Content moderation"); until then the way
      // back is to change the content, which is checked again.
      if (kind === "export")
        return `Your export was stopped because it appears to contain ${found}. Remove it and export again.`;
      return decision.outcome === "block"
        ? `Your ${subject} was not published because it appears to contain ${found}. Edit it and publish again.`
        : `Your ${subject} was taken offline because it appears to contain ${found}. Remove it and publish again.`;
    case "warn":
      return `Your ${subject} was published, but it appears to contain ${found}. Please check that you have the right to publish it.`;
  }
}
