/**
 * The rules layer of a check: the built-in detectors (PII, malicious links, spam) and the
 * admin's rule set over one document, as one signal per rule with its strongest confidence
 * and where it matched.
 */
import { EVIDENCE_LIMIT, evidenceAt } from "../evidence";
import type { ModerationDocument, ModerationSignal } from "../model";
import { hostWithin } from "../url-parts";
import { type LoadedRule, type LoadedRuleSet, ruleMatches } from "./compile";
import { detectLinks } from "./detectors/links";
import { detectPii } from "./detectors/pii";
import { detectSpam } from "./detectors/spam";
import { indexLinks, type LinkIndex } from "./link-index";

const RULE_KIND_DETAIL: Record<LoadedRule["kind"], string> = {
  keyword: "Blocked word or phrase",
  regex: "Matched a moderation pattern",
  domain: "A link to a blocked site",
};

function adminRuleSignal(
  doc: ModerationDocument,
  links: LinkIndex,
  rule: LoadedRule,
): ModerationSignal | null {
  const evidence = [];
  if (rule.kind === "domain") {
    // Links come from url fields as well as text, so domain rules look at the link list (the
    // examined addresses, each parsed once for all domain rules: compile.ts ruleMatches).
    for (const { link, address } of links.links) {
      if (!links.domainHosts(address).some((host) => hostWithin(host, rule.source))) continue;
      const { start, end } = links.span(link);
      evidence.push(evidenceAt(link.path, start, end, link.url));
      if (evidence.length >= EVIDENCE_LIMIT) break;
    }
  } else {
    for (const { path, text } of doc.fields) {
      for (const match of ruleMatches(rule, text, EVIDENCE_LIMIT - evidence.length)) {
        evidence.push(evidenceAt(path, match.start, match.end, match.text));
      }
      if (evidence.length >= EVIDENCE_LIMIT) break;
    }
  }
  if (evidence.length === 0) return null;
  return {
    layer: "rules",
    category: rule.category,
    confidence: rule.confidence,
    rule: rule.id,
    detail: RULE_KIND_DETAIL[rule.kind],
    evidence,
  };
}

/** Keeps one signal per rule and category: the strongest, with the evidence of all. */
function strongestPerRule(signals: ModerationSignal[]): ModerationSignal[] {
  const kept = new Map<string, ModerationSignal>();
  for (const signal of signals) {
    const key = `${signal.rule}\u0000${signal.category}`;
    const existing = kept.get(key);
    if (!existing) {
      kept.set(key, { ...signal, evidence: [...(signal.evidence ?? [])] });
      continue;
    }
    if (signal.confidence > existing.confidence) {
      existing.confidence = signal.confidence;
      existing.detail = signal.detail;
    }
    existing.evidence = [...(existing.evidence ?? []), ...(signal.evidence ?? [])].slice(
      0,
      EVIDENCE_LIMIT,
    );
  }
  return [...kept.values()].sort((a, b) => b.confidence - a.confidence);
}

/** Every rules-layer signal for a document, strongest first. */
export function evaluateRules(doc: ModerationDocument, ruleSet: LoadedRuleSet): ModerationSignal[] {
  const links = indexLinks(doc);
  const signals = [...detectPii(doc), ...detectLinks(doc, links), ...detectSpam(doc, links)];
  for (const rule of ruleSet.rules) {
    const signal = adminRuleSignal(doc, links, rule);
    if (signal) signals.push(signal);
  }
  return strongestPerRule(signals);
}
