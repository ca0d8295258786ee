/**
 * The built-in classifier: the AI layer's stand-in when there is no Workers AI binding (local
 * runs, tests). It is NOT a model and says so in every signal (`model: "builtin-classifier"`,
 * labelled on the review page). It scores each category 0–100 from weighted lexicons
 * (classifier-lexicon.ts, classifier-lexicon-harm.ts), reading terms in context:
 * - ordinary words with a dark reading ("attack", "shoot", "bitcoin") are weak: together they
 *   are capped below the review threshold, so vocabulary alone never flags a resume;
 * - harm is read as constructions, not words: a first person, an act and a victim ("I will
 *   kill you"), a group beside a dehumanising claim ("immigrants … vermin"), an offer of
 *   pirated goods; "executed the plan" contains none of them;
 * - a profession's vocabulary (classifier-contexts.ts: security, medicine, law, research,
 *   games) dampens the terms that profession uses ("exploit", "trauma", "pornography law");
 * - counter-speech and rescue void a pair ("fought the myth that women are inferior");
 * - idioms are blanked before scoring ("killer feature", "photo shoot", "kill switch").
 */

import { CONTEXTS, type ContextVocabulary } from "./classifier-contexts";
import { LEXICON } from "./classifier-lexicon";
import type { LexiconTerm } from "./classifier-terms";
import { evidenceAt } from "./evidence";
import { lowerSameLength } from "./fold";
import {
  MODERATION_CATEGORIES,
  type ModerationCategory,
  type ModerationDocument,
  type ModerationEvidence,
  type ModerationSignal,
} from "./model";
import { wholeWordSource } from "./word-boundary";

export const BUILTIN_CLASSIFIER = {
  id: "builtin-classifier",
  label: "Built-in classifier (stand-in for Workers AI, no model)",
} as const;

/** Signals below this are noise the decision would ignore anyway; not worth storing. */
const REPORT_FLOOR = 15;
/** All weak terms together add at most this (≈ 42 of 100: "allowed and monitored"). */
const WEAK_CAP = 1.2;
/** Score → confidence: 100 × (1 − e^(−score / SCALE)); one strong term (3) ≈ 74. */
const SCALE = 2.2;
/** A professional context dampens its contextual terms to this share of their weight. */
const CONTEXT_DAMPING = 0.25;
/** How far (characters, either side) a pair's second term may be: about a sentence. */
const PAIR_REACH = 80;
/** Distinct terms of a vocabulary needed before a document counts as that profession's. */
const CONTEXT_MIN_TERMS = 2;

/** Idioms whose words are in the lexicon but whose meaning is harmless; blanked before scoring. */
const IDIOMS =
  /\b(?:kill(?:er)? (?:switch|feature|app|chain|process(?:es)?|-9)|kill(?:ed|ing|s)? it|shoot (?:you|me|him|her|them|us) (?:an? )?(?:email|e-mail|message|note|line|text|dm)|photo ?shoots?|shoot(?:ing)? (?:photos|video|footage|for)|troubleshoot\w*|attack (?:surface|vectors?|paths?|trees?)|brute[- ]force attack|bomb(?:ed)? (?:the )?interview|weapons? of choice|big guns|fight(?:ing)? (?:fraud|churn|climate)|blood (?:bank|drive|donors?|tests?|samples?)|smoke tests?|explosive growth|ddos attacks?)\b/gu;

/**
 * Whole words, any run of up to three spaces between words, straight or curly apostrophes.
 * Lexicon regexes run on lowercased text (fold.ts), so they need no `i` flag.
 */
const wholeWord = (source: string, flags = "gu") =>
  new RegExp(wholeWordSource(source.replace(/ /g, "\\s{1,3}").replace(/'/g, "['’]")), flags);

interface CompiledTerm extends LexiconTerm {
  regex: RegExp;
  nearRegex: RegExp | null;
  unlessRegex: RegExp | null;
}
const COMPILED: Record<ModerationCategory, CompiledTerm[]> = Object.fromEntries(
  MODERATION_CATEGORIES.map((category) => [
    category,
    LEXICON[category].map((entry) => ({
      ...entry,
      regex: wholeWord(entry.term),
      nearRegex: entry.near ? wholeWord(entry.near, "u") : null,
      unlessRegex: entry.unless ? wholeWord(entry.unless, "u") : null,
    })),
  ]),
) as Record<ModerationCategory, CompiledTerm[]>;
const COMPILED_CONTEXTS = CONTEXTS.map((context) => ({
  ...context,
  regexes: context.terms.map((term) => wholeWord(term)),
}));

/** Blanks idioms with spaces of the same length, so spans still point at the original. */
function withoutIdioms(text: string): string {
  return text.replace(IDIOMS, (idiom) => " ".repeat(idiom.length));
}

/** The professions the whole document speaks the vocabulary of. */
function contextsOf(texts: string[]): ContextVocabulary[] {
  return COMPILED_CONTEXTS.filter((context) => {
    let distinct = 0;
    for (const regex of context.regexes) {
      if (texts.some((text) => text.search(regex) >= 0)) distinct++;
      if (distinct >= CONTEXT_MIN_TERMS) return true;
    }
    return false;
  });
}

/** A pair term counts only with its partner in reach and nothing that voids it. */
function pairHolds(entry: CompiledTerm, reach: string): boolean {
  if (entry.nearRegex && !entry.nearRegex.test(reach)) return false;
  return !entry.unlessRegex?.test(reach);
}

interface Hit {
  path: string;
  start: number;
  end: number;
  weight: number;
}
/** Evidence spans kept per category: the heaviest cues, so a threat outranks a stray "gun". */
const HITS_KEPT = 5;

function scoreCategory(
  fields: { path: string; text: string }[],
  category: ModerationCategory,
  dampened: boolean,
): { score: number; hits: Hit[] } {
  let strong = 0;
  let weak = 0;
  const hits: Hit[] = [];
  for (const entry of COMPILED[category]) {
    let count = 0;
    for (const { path, text } of fields) {
      for (const match of text.matchAll(entry.regex)) {
        const end = match.index + match[0].length;
        if (!pairHolds(entry, text.slice(Math.max(0, match.index - PAIR_REACH), end + PAIR_REACH)))
          continue;
        count++;
        hits.push({ path, start: match.index, end, weight: entry.weight });
      }
    }
    if (count === 0) continue;
    // Repeats count, with diminishing returns: the tenth "fuck" says less than the second.
    const weight = entry.weight * (entry.contextual && dampened ? CONTEXT_DAMPING : 1);
    const contribution = weight * (1 + 0.5 * (Math.min(count, 5) - 1));
    if (entry.strong) strong += contribution;
    else weak += contribution;
  }
  hits.sort((a, b) => b.weight - a.weight);
  return { score: strong + Math.min(weak, WEAK_CAP), hits: hits.slice(0, HITS_KEPT) };
}

/** SHOUTING and a wall of exclamation marks are how spam reads, not how resumes do. */
function shoutingScore(texts: string[]): number {
  const all = texts.join(" ");
  const letters = all.match(/\p{L}/gu)?.length ?? 0;
  const upper = all.match(/\p{Lu}/gu)?.length ?? 0;
  const exclamations = all.match(/!/g)?.length ?? 0;
  let score = 0;
  if (letters >= 200 && upper / letters > 0.5) score += 1;
  if (exclamations >= 10) score += 0.8;
  return score;
}

const toConfidence = (score: number) => Math.round(100 * (1 - Math.exp(-score / SCALE)));

const CATEGORY_DETAIL: Record<ModerationCategory, string> = {
  nsfw: "Sexual or adult language",
  hate: "Hateful language about a group",
  violence: "Violent or threatening language",
  spam: "Reads like spam or a scam pitch",
  pii: "Talks about personal secrets (passwords, ID numbers)",
  malicious_link: "Phishing-style wording",
  copyright: "Piracy or copied-content wording",
};

/** The AI layer's stand-in: one signal per category that scores at all, strongest first. */
export function classifyLocally(doc: ModerationDocument): ModerationSignal[] {
  const fields = doc.fields.map((field) => ({
    path: field.path,
    text: withoutIdioms(lowerSameLength(field.text)),
  }));
  const texts = fields.map((field) => field.text);
  const originals = doc.fields.map((field) => field.text);
  const dampenedCategories = new Set(contextsOf(texts).flatMap((context) => context.dampens));
  const signals: ModerationSignal[] = [];
  for (const category of MODERATION_CATEGORIES) {
    const { score, hits } = scoreCategory(fields, category, dampenedCategories.has(category));
    const total = category === "spam" ? score + shoutingScore(originals) : score;
    const confidence = toConfidence(total);
    if (confidence < REPORT_FLOOR) continue;
    const evidence: ModerationEvidence[] = hits.map((hit) =>
      evidenceAt(
        hit.path,
        hit.start,
        hit.end,
        (doc.fields.find((f) => f.path === hit.path)?.text ?? "").slice(hit.start, hit.end),
      ),
    );
    signals.push({
      layer: "ai",
      category,
      confidence,
      model: BUILTIN_CLASSIFIER.id,
      detail: `${CATEGORY_DETAIL[category]} (${BUILTIN_CLASSIFIER.label})`,
      evidence,
    });
  }
  return signals.sort((a, b) => b.confidence - a.confidence);
}
