/**
 * Malicious links (README "Content moderation"): where a click on a published resume could
 * take a visitor somewhere other than where it reads. Each finding names what is wrong with
 * the link; confidences say how rarely an honest resume has it (a `javascript:` link never,
 * a link shortener sometimes, which is why it goes to a person rather than being blocked).
 */
import { EVIDENCE_LIMIT, evidenceAt } from "../../evidence";
import { unicodeHost } from "../../idn";
import type { ModerationDocument, ModerationSignal } from "../../model";
import { hostWithin, type LinkParts, linkParts } from "../../url-parts";
import { type ExaminedAddress, indexLinks, LINKS_EXAMINED, type LinkIndex } from "../link-index";
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

/** What is wrong with one parsed link, if anything. */
function findingsFor(parts: LinkParts | null): LinkFinding[] {
  if (!parts) return [];
  const scheme = schemeFinding(parts.scheme);
  if (scheme) return [scheme];
  if (parts.scheme !== "http" && parts.scheme !== "https" && parts.scheme !== "ftp") return [];
  return hostFindings(parts.host, parts.userinfo);
}

/** What is wrong with one link, if anything. */
export function linkFindings(url: string): LinkFinding[] {
  return findingsFor(linkParts(url));
}

/** More distinct links than a check examines: bounded work must not mean unchecked links pass. */
function unexaminedSignal(links: LinkIndex): ModerationSignal | null {
  if (links.unexamined === 0) return null;
  return {
    layer: "rules",
    category: "malicious_link",
    rule: "link.unexamined",
    confidence: 70,
    detail: `${links.unexamined} more different links than the ${LINKS_EXAMINED} a check examines`,
    evidence: links.unexaminedLinks.map((link) => {
      const { start, end } = links.span(link);
      return evidenceAt(link.path, start, end, link.url);
    }),
  };
}

/**
 * Malicious-link signals (layer "rules") for every link of a document, one per rule. Each
 * distinct address is judged once (`links` is shared with the other rules of a check).
 */
export function detectLinks(
  doc: ModerationDocument,
  links: LinkIndex = indexLinks(doc),
): ModerationSignal[] {
  const byRule = new Map<string, ModerationSignal>();
  const judged = new Map<ExaminedAddress, LinkFinding[]>();
  for (const { link, address } of links.links) {
    let findings = judged.get(address);
    if (!findings) {
      findings = findingsFor(address.parts);
      judged.set(address, findings);
    }
    for (const finding of findings) {
      const existing = byRule.get(finding.rule);
      if (existing && finding.confidence > existing.confidence) {
        existing.confidence = finding.confidence;
        existing.detail = finding.detail;
      }
      // Evidence only while there is room for it: its excerpt is built from the whole address.
      if (existing && (existing.evidence?.length ?? 0) >= EVIDENCE_LIMIT) continue;
      const { start, end } = links.span(link);
      const evidence = evidenceAt(link.path, start, end, link.url);
      if (existing) {
        existing.evidence?.push(evidence);
        continue;
      }
      byRule.set(finding.rule, {
        layer: "rules",
        category: "malicious_link",
        rule: finding.rule,
        confidence: finding.confidence,
        detail: finding.detail,
        evidence: [evidence],
      });
    }
  }
  const unexamined = unexaminedSignal(links);
  return unexamined ? [...byRule.values(), unexamined] : [...byRule.values()];
}
