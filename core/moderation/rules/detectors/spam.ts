/**
 * Spam and scams (README "Content moderation"): crypto-giveaway and guaranteed-return pitches,
 * the same sentence pasted over and over, and link farms (a page that exists to link many
 * unrelated sites). Thresholds sit well above what honest resumes do: a bullet reused across
 * two jobs, or a dozen project links on github.com, are normal.
 */
import { EVIDENCE_LIMIT, evidenceAt } from "../../evidence";
import type { ModerationDocument, ModerationEvidence, ModerationSignal } from "../../model";
import { registrableDomain } from "../../url-parts";
import { type ExaminedAddress, indexLinks, type LinkIndex } from "../link-index";

interface ScamPattern {
  rule: string;
  pattern: RegExp;
  confidence: number;
  detail: string;
}

const COIN =
  "(?:btc|bitcoins?|eth|ether(?:eum)?|usdt|usdc|trx|tron|crypto|sol|doge(?:coin)?|bnb|xrp|trc20|erc20)";
/** Bounded gaps only (`.{0,40}`), so each pattern stays linear on long text. */
const SCAM_PATTERNS: ScamPattern[] = [
  {
    rule: "spam.crypto_giveaway",
    pattern: new RegExp(
      `\\bsend\\s(?:\\S{1,12}\\s){0,5}?(?:${COIN}|wallet|address)\\b.{0,80}?\\b(?:get|receive|return(?:ed)?)\\b.{0,30}?\\b(?:back|double|2x|twice)\\b`,
      "giu",
    ),
    confidence: 96,
    detail: "A 'send crypto, get more back' giveaway scam",
  },
  {
    rule: "spam.crypto_giveaway",
    pattern: new RegExp(
      `\\bdouble\\s(?:your\\s)?${COIN}\\b|\\b${COIN}\\s(?:giveaway|airdrop|doubling|doubler)\\b`,
      "giu",
    ),
    confidence: 93,
    detail: "A crypto giveaway or doubling offer",
  },
  {
    rule: "spam.guaranteed_returns",
    pattern:
      /\b(?:guaranteed|risk[- ]free)\s(?:\w{1,15}\s){0,2}?(?:returns?|profits?|income|roi)\b/giu,
    confidence: 88,
    detail: "A promise of guaranteed investment returns",
  },
  {
    rule: "spam.guaranteed_returns",
    pattern: /\b\d{1,4}\s?%\s(?:daily|weekly|monthly)\s(?:returns?|profits?|roi|interest)\b/giu,
    confidence: 90,
    detail: "A promise of fixed daily or weekly returns",
  },
];

/** Bitcoin (legacy and bech32), Ethereum and TRON addresses. */
const WALLET =
  /(?<![A-Za-z0-9])(?:bc1[a-z0-9]{25,59}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[a-fA-F0-9]{40}|T[1-9A-HJ-NP-Za-km-z]{33})(?![A-Za-z0-9])/gu;
const GIVEAWAY_WORDS =
  /\b(?:giveaway|airdrop|double|doubling|bonus|send|deposit|invest(?:ment)?|profit|winner|claim)\b/iu;

/** A sentence pasted this many times is padding or spam; twice or three times is a habit. */
const REPEAT_REVIEW = 5;
const REPEAT_BLOCK = 10;
/** Distinct sites linked: a portfolio links a few; a link farm links dozens. */
const FARM_REVIEW = 15;
const FARM_BLOCK = 30;

class Findings {
  readonly byRule = new Map<string, ModerationSignal>();

  add(rule: string, confidence: number, detail: string, evidence: ModerationEvidence[]): void {
    const existing = this.byRule.get(rule);
    if (!existing || confidence > existing.confidence) {
      const kept = [...(existing?.evidence ?? []), ...evidence].slice(0, EVIDENCE_LIMIT);
      this.byRule.set(rule, {
        layer: "rules",
        category: "spam",
        rule,
        confidence,
        detail,
        evidence: kept,
      });
    } else if ((existing.evidence?.length ?? 0) < EVIDENCE_LIMIT) {
      existing.evidence = [...(existing.evidence ?? []), ...evidence].slice(0, EVIDENCE_LIMIT);
    }
  }
}

function scanScams(doc: ModerationDocument, found: Findings): void {
  const wholeText = doc.fields.map((field) => field.text).join("\n");
  const giveawayContext = GIVEAWAY_WORDS.test(wholeText);
  for (const { path, text } of doc.fields) {
    for (const scam of SCAM_PATTERNS) {
      for (const match of text.matchAll(scam.pattern)) {
        const end = match.index + match[0].length;
        found.add(scam.rule, scam.confidence, scam.detail, [
          evidenceAt(path, match.index, end, match[0]),
        ]);
      }
    }
    if (!giveawayContext) continue;
    for (const match of text.matchAll(WALLET)) {
      const end = match.index + match[0].length;
      found.add(
        "spam.crypto_wallet",
        92,
        "A crypto wallet address next to giveaway or investment words",
        [evidenceAt(path, match.index, end, match[0])],
      );
    }
  }
}

/** Sentences of at least five words, compared case- and punctuation-insensitively. */
function scanRepetition(doc: ModerationDocument, found: Findings): void {
  const seen = new Map<string, { count: number; evidence: ModerationEvidence[] }>();
  for (const { path, text } of doc.fields) {
    for (const match of text.matchAll(/[^.!?\n]{1,400}/gu)) {
      // Five words need at least nine characters: skip the fragments of dotted runs cheaply.
      if (match[0].length < 9) continue;
      const key = match[0]
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim();
      if (key.split(" ").length < 5) continue;
      const entry = seen.get(key) ?? { count: 0, evidence: [] };
      entry.count++;
      if (entry.evidence.length < EVIDENCE_LIMIT) {
        entry.evidence.push(
          evidenceAt(path, match.index, match.index + match[0].length, match[0].trim()),
        );
      }
      seen.set(key, entry);
    }
  }
  for (const { count, evidence } of seen.values()) {
    if (count < REPEAT_REVIEW) continue;
    const confidence = count >= REPEAT_BLOCK ? 93 : 70;
    found.add("spam.repeated_text", confidence, `The same sentence ${count} times`, evidence);
  }
}

/** Many distinct registrable domains: a page that exists to link elsewhere. */
function scanLinkFarm(links: LinkIndex, found: Findings): void {
  const domains = new Map<string, ModerationEvidence>();
  const seen = new Set<ExaminedAddress>();
  for (const { link, address } of links.links) {
    // A repeated address adds no site: its first occurrence already counted.
    if (seen.has(address)) continue;
    seen.add(address);
    const parts = address.parts;
    if (!parts?.host || !parts.scheme.startsWith("http")) continue;
    const domain = registrableDomain(parts.host);
    if (domains.has(domain)) continue;
    const { start, end } = links.span(link);
    domains.set(domain, evidenceAt(link.path, start, end, link.url));
  }
  if (domains.size < FARM_REVIEW) return;
  const confidence = domains.size >= FARM_BLOCK ? 92 : 70;
  found.add("spam.link_farm", confidence, `Links to ${domains.size} different sites`, [
    ...domains.values(),
  ]);
}

/** Spam signals (layer "rules", category "spam") for a document (`links` shared with the check). */
export function detectSpam(
  doc: ModerationDocument,
  links: LinkIndex = indexLinks(doc),
): ModerationSignal[] {
  const found = new Findings();
  scanScams(doc, found);
  scanRepetition(doc, found);
  scanLinkFarm(links, found);
  return [...found.byRule.values()];
}
