/**
 * Auto-review of an appeal (README "Appeals"): accepts the obvious false positives of the
 * automated layers and leaves everything else to a moderator. It only ever accepts a strike the
 * machine decided alone (a moderator's or admin's judgement is reviewed by another person), and
 * only on one of three findings:
 * - every signal behind the strike came from rules that have been disabled or deleted since;
 * - the deciding score was just over the automatic threshold, on a category the owner's own
 *   profile explains (a nurse's "anatomy", a security researcher's "exploit");
 * - it was a PII strike and every contact detail it found is the owner's own.
 * Pure: the caller gathers the case's signals, the rules in force and the owner's details.
 */
import { THRESHOLDS } from "./decision";
import type { ModerationCategory, ModerationSignal } from "./model";

/** How far over the automatic threshold a score still counts as "just over". */
export const BORDERLINE_MARGIN = 5;

/**
 * Words in a headline or summary that explain content a classifier can mistake for a violation:
 * medical and art work for nudity, security and defence work for violence and malicious links,
 * research on extremism for hate, marketing for spam.
 */
const EXPLAINING_WORDS: Partial<Record<ModerationCategory, readonly string[]>> = {
  nsfw: [
    "nurse",
    "doctor",
    "physician",
    "medical",
    "anatomy",
    "dermatolog",
    "gynecolog",
    "urolog",
    "sexual health",
    "life model",
    "figure drawing",
    "art model",
  ],
  violence: [
    "security",
    "military",
    "army",
    "veteran",
    "police",
    "law enforcement",
    "firearm",
    "martial art",
    "self-defense",
    "self-defence",
    "trauma surgeon",
    "forensic",
  ],
  malicious_link: [
    "security researcher",
    "penetration test",
    "pentest",
    "malware analyst",
    "threat intelligence",
    "red team",
  ],
  hate: ["extremism", "hate speech research", "counter-terrorism", "historian", "moderator"],
  spam: ["marketing", "growth", "seo", "affiliate", "sales"],
};

export interface AppealEvidence {
  /** What confirmed the contested violation. */
  source: "automatic" | "moderator" | "admin";
  category: ModerationCategory;
  /** The automated layers' signals on the case (empty without a case). */
  signals: readonly ModerationSignal[];
  /**
   * Ids of the rules an admin has turned off since (the built-in detectors cannot be, and a
   * deleted custom rule is not counted: only a rule kept and disabled says it was wrong).
   */
  disabledRules: ReadonlySet<string>;
  /** The owner's headline, summary and profile text, as one string. */
  profileText: string;
  /**
   * PII strikes: the contact details the layers found, in clear (read back from the snapshot),
   * or null when some evidence could not be read back. Emails lower-case; phones as digits.
   */
  foundContacts: { emails: string[]; phones: string[] } | null;
  /** The owner's own contact details now (account and resume), same normal forms. */
  ownContacts: { emails: string[]; phones: string[] };
}

export type AppealReview =
  | {
      accept: true;
      finding: "rule_disabled" | "borderline_explained" | "own_contact_details";
      note: string;
    }
  | { accept: false; note: string };

/** Phones compare by their last nine digits (`+44 20 7946 0958` is `020 7946 0958`). */
export const phoneKey = (value: string) => value.replace(/\D/g, "").slice(-9);

function includesWord(text: string, word: string): boolean {
  const at = text.indexOf(word);
  if (at < 0) return false;
  const before = at === 0 ? " " : text[at - 1];
  return !/[a-z0-9]/.test(before ?? " ");
}

export function reviewAppeal(evidence: AppealEvidence): AppealReview {
  if (evidence.source !== "automatic") {
    return { accept: false, note: "A person confirmed this decision: a moderator reviews it." };
  }
  const supporting = evidence.signals.filter(
    (signal) => signal.category === evidence.category && signal.layer !== "report",
  );
  if (supporting.length === 0) {
    return { accept: false, note: "No automated finding to re-examine: a moderator reviews it." };
  }
  const rulesOnly = supporting.every((signal) => signal.layer === "rules" && signal.rule);
  const disabled = supporting.filter((signal) => evidence.disabledRules.has(signal.rule ?? ""));
  if (rulesOnly && disabled.length === supporting.length) {
    const names = [...new Set(disabled.map((signal) => signal.rule))].join(", ");
    return {
      accept: true,
      finding: "rule_disabled",
      note: `The only signal was the rule ${names}, which has been disabled since.`,
    };
  }
  if (evidence.category === "pii" && evidence.foundContacts) {
    const own = {
      emails: new Set(evidence.ownContacts.emails),
      phones: new Set(evidence.ownContacts.phones.map(phoneKey)),
    };
    const found = evidence.foundContacts;
    const any = found.emails.length + found.phones.length > 0;
    const allOwn =
      found.emails.every((email) => own.emails.has(email)) &&
      found.phones.every((phone) => own.phones.has(phoneKey(phone)));
    if (any && allOwn) {
      return {
        accept: true,
        finding: "own_contact_details",
        note: "Every contact detail found is the owner's own.",
      };
    }
  }
  const deciding = Math.max(...supporting.map((signal) => signal.confidence));
  const words = EXPLAINING_WORDS[evidence.category] ?? [];
  const profile = evidence.profileText.toLowerCase();
  const explaining = words.find((word) => includesWord(profile, word));
  if (deciding < THRESHOLDS.automatic + BORDERLINE_MARGIN && explaining) {
    return {
      accept: true,
      finding: "borderline_explained",
      note: `The score (${deciding}) was just over the threshold and the owner's profile explains it ("${explaining}").`,
    };
  }
  return { accept: false, note: "Not an obvious false positive: a moderator reviews it." };
}
