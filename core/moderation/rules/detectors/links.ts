/**
 * Malicious links (README "Content moderation"): where a click on a published resume could
 * take a visitor somewhere other than where it reads. Each finding names what is wrong with
 * the link; confidences say how rarely an honest resume has it (a `javascript:` link never,
 * a link shortener sometimes, which is why it goes to a person rather than being blocked).
 */
import { EVIDENCE_LIMIT, evidenceAt } from "../../evidence";
import type { ModerationDocument, ModerationLink, ModerationSignal } from "../../model";
import { unicodeHost } from "../../punycode";
import { hostWithin, linkParts } from "../../url-parts";
import { type Lookalike, lookalikeOf, mixesScripts } from "./lookalike";

/** Shorteners hide where a link goes; the ad-paid ones (adf.ly, shorte.st) also earn from clicks. */
export const BLOCKLISTED_SHORTENERS = [
  "bit.ly",
  "tinyurl.com",
  "goo.gl",
  "ow.ly",
  "t.co",
  "is.gd",
  "v.gd",
  "buff.ly",
  "cutt.ly",
  "rebrand.ly",
  "shorturl.at",
  "tiny.cc",
  "rb.gy",
  "t.ly",
  "s.id",
  "bl.ink",
  "adf.ly",
  "shorte.st",
  "ouo.io",
  "bc.vc",
  "clck.ru",
  "qr.ae",
] as const;

const SCRIPT_SCHEMES: Record<string, number> = { javascript: 97, vbscript: 97, data: 92, file: 70 };
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** Loopback, private and link-local: unreachable to a visitor, so odd but not an attack. */
const PRIVATE_IPV4 = /^(?:10\.|127\.|192\.168\.|169\.254\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

/** Letters swapped for lookalikes are never an accident; a brand beside "login" rarely is. */
const LOOKALIKE_CONFIDENCE: Record<Lookalike["how"], number> = {
  confusable: 95,
  typosquat: 90,
  "brand-as-subdomain": 88,
  "brand-with-lure": 85,
};

interface LinkFinding {
  rule: string;
  confidence: number;
  detail: string;
}

function schemeFinding(scheme: string): LinkFinding | null {
  const confidence = SCRIPT_SCHEMES[scheme];
  if (confidence === undefined) return null;
  return {
    rule: "link.unsafe_scheme",
    confidence,
    detail: `A ${scheme}: link, which runs or embeds content instead of opening a page`,
  };
}

function hostFindings(host: string, userinfo: string): LinkFinding[] {
  const findings: LinkFinding[] = [];
  if (userinfo.includes(":")) {
    findings.push({
      rule: "link.credentials",
      confidence: 92,
      detail: "A link with a user name and password in it",
    });
  } else if (userinfo) {
    // `https://paypal.com@evil.example` reads as paypal.com and goes to evil.example.
    const deceptive = userinfo.includes(".");
    findings.push({
      rule: "link.credentials",
      confidence: deceptive ? 90 : 70,
      detail: deceptive
        ? "A link that shows one address before an @ and goes to another"
        : "A link with a user name in it",
    });
  }
  if (IPV4.test(host) || host.startsWith("[")) {
    const internal = PRIVATE_IPV4.test(host) || host === "[::1]";
    findings.push({
      rule: "link.ip_host",
      confidence: internal ? 45 : 80,
      detail: internal
        ? "A link to a private network address"
        : "A link to a bare IP address instead of a domain name",
    });
    return findings;
  }
  const shown = unicodeHost(host);
  const lookalike = lookalikeOf(host, shown);
  if (lookalike) {
    findings.push({
      rule: "link.lookalike_domain",
      confidence: LOOKALIKE_CONFIDENCE[lookalike.how],
      detail: `A domain made to look like ${lookalike.brand}'s (${shown})`,
    });
  } else if (shown.split(".").some(mixesScripts)) {
    findings.push({
      rule: "link.lookalike_domain",
      confidence: 90,
      detail: `A domain mixing alphabets (${shown})`,
    });
  } else if (host.split(".").some((label) => label.startsWith("xn--"))) {
    // Internationalised names are legitimate (münchen.de); noted, not acted on.
    findings.push({
      rule: "link.punycode_domain",
      confidence: 40,
      detail: `An internationalised domain (${shown})`,
    });
  }
  const shortener = BLOCKLISTED_SHORTENERS.find((domain) => hostWithin(host, domain));
  if (shortener) {
    findings.push({
      rule: "link.shortener",
      confidence: 65,
      detail: `A ${shortener} short link, which hides where it goes`,
    });
  }
  return findings;
}

/** What is wrong with one link, if anything. */
export function linkFindings(url: string): LinkFinding[] {
  const parts = linkParts(url);
  if (!parts) return [];
  const scheme = schemeFinding(parts.scheme);
  if (scheme) return [scheme];
  if (parts.scheme !== "http" && parts.scheme !== "https" && parts.scheme !== "ftp") return [];
  return hostFindings(parts.host, parts.userinfo);
}

/** Where a link sits: inside its field's text when it was written there, else the whole field. */
export function linkSpan(
  doc: ModerationDocument,
  link: ModerationLink,
): { start: number; end: number } {
  const field = doc.fields.find((candidate) => candidate.path === link.path);
  const start = field ? field.text.indexOf(link.url) : -1;
  return start >= 0 ? { start, end: start + link.url.length } : { start: 0, end: link.url.length };
}

/** Malicious-link signals (layer "rules") for every link of a document, one per rule. */
export function detectLinks(doc: ModerationDocument): ModerationSignal[] {
  const byRule = new Map<string, ModerationSignal>();
  for (const link of doc.links) {
    for (const finding of linkFindings(link.url)) {
      const { start, end } = linkSpan(doc, link);
      const evidence = evidenceAt(link.path, start, end, link.url);
      const existing = byRule.get(finding.rule);
      if (!existing) {
        byRule.set(finding.rule, {
          layer: "rules",
          category: "malicious_link",
          rule: finding.rule,
          confidence: finding.confidence,
          detail: finding.detail,
          evidence: [evidence],
        });
        continue;
      }
      if (finding.confidence > existing.confidence) {
        existing.confidence = finding.confidence;
        existing.detail = finding.detail;
      }
      if ((existing.evidence?.length ?? 0) < EVIDENCE_LIMIT) existing.evidence?.push(evidence);
    }
  }
  return [...byRule.values()];
}
