/**
 * PII leakage (README "Content moderation"): someone's payment card, Social Security number,
 * bank account or government id published on a public page. Every candidate passes the
 * number's own check (pii-checks.ts) before it counts, and context words raise confidence:
 * "Card: 4242 4242 4242 4242" is near-certain, a lone Luhn-valid number only needs a look.
 * The owner's own email and phone are theirs to publish; other people's in volume are not.
 */
import { EVIDENCE_LIMIT, evidenceAt, maskEmail, maskSecret } from "../../evidence";
import type { ModerationDocument, ModerationEvidence, ModerationSignal } from "../../model";
import {
  ibanValid,
  knownCardPrefix,
  luhnValid,
  nhsNumberValid,
  ninoPrefixValid,
  sinValid,
  ssnValid,
} from "./pii-checks";

/** 13–19 digits, single spaces or dashes between them, not inside a longer number. */
const CARD = /(?<![\d.,/-])\d(?:[ -]?\d){12,18}(?![\d/]|[.,-]\d)/gu;
const CARD_CONTEXT =
  /\b(?:card|visa|master\s?card|amex|american express|cvv|cvc|expiry|exp\.?|credit|debit)\b/iu;
/** 123-45-6789 or 123 45 6789 (the same separator twice), not part of a longer number. */
const SSN = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/gu;
/** A bare nine-digit number only counts when labelled. */
const SSN_LABELLED =
  /\b(?:ssn|social security(?: number| no\.?)?)\W{1,4}(\d{3})(\d{2})(\d{4})(?!\d)/giu;
const SSN_CONTEXT = /\b(?:ssn|social security)\b/iu;
/** Printed IBANs: country, check digits, then groups of four (spaces optional). */
const IBAN = /(?<![A-Z0-9])([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?![A-Z0-9])/gu;
const IBAN_CONTEXT = /\b(?:iban|bank|account|bic|swift)\b/iu;
/** UK National Insurance number: two letters (not D, F, I, Q, U, V; second not O), six digits, A–D. */
const NINO =
  /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/gu;
const NINO_CONTEXT = /\b(?:national insurance|ni (?:number|no)|nino)\b/iu;
/** A passport number only in its label's company: "Passport No: X1234567". */
const PASSPORT =
  /\bpassport\W{0,3}(?:(?:no|number|num|#)\.?\W{0,3})?([A-Z0-9]{6,9})(?![A-Za-z0-9])/giu;
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/gu;
/** A phone number as written: international `+`, brackets, separators; 9–15 digits. */
const PHONE = /(?<![\w+.])(?:\+|\(?0|\(?[1-9])[\d ().-]{7,18}\d(?![\w])/gu;

/** NHS and Canadian SIN numbers only count next to their name: the digits alone are too common. */
const NHS = /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{4}(?![\d-])/gu;
const NHS_CONTEXT = /\bnhs\b/iu;
const SIN = /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{3}(?![\d-])/gu;
const SIN_CONTEXT = /\b(?:sin|social insurance)\b/iu;

const SSN_SHAPE = /^\d{3}([- ])\d{2}\1\d{4}$/u;

/** Third-party contacts at or above this many distinct ones are harvesting, not references. */
const CONTACTS_THRESHOLD = 3;
const CONTEXT_WINDOW = 60;

const digitsOf = (value: string) => value.replace(/\D/g, "");

function nearby(text: string, start: number, end: number, context: RegExp): boolean {
  return context.test(text.slice(Math.max(0, start - CONTEXT_WINDOW), end + CONTEXT_WINDOW));
}

class Findings {
  private readonly byRule = new Map<string, ModerationSignal>();

  add(rule: string, confidence: number, detail: string, evidence: ModerationEvidence): void {
    const existing = this.byRule.get(rule);
    if (!existing) {
      this.byRule.set(rule, {
        layer: "rules",
        category: "pii",
        rule,
        confidence,
        detail,
        evidence: [evidence],
      });
      return;
    }
    existing.confidence = Math.max(existing.confidence, confidence);
    if ((existing.evidence?.length ?? 0) < EVIDENCE_LIMIT) existing.evidence?.push(evidence);
  }

  /**
   * True when another finding of `rule` at up to `confidence` would change nothing (its
   * evidence is full and it is already that sure): the scans skip the work of building it, so
   * 10 kB of valid-looking numbers costs one regex pass, not a thousand masked excerpts.
   */
  settled(rule: string, confidence: number): boolean {
    const existing = this.byRule.get(rule);
    return (
      existing !== undefined &&
      existing.confidence >= confidence &&
      (existing.evidence?.length ?? 0) >= EVIDENCE_LIMIT
    );
  }

  signals(): ModerationSignal[] {
    return [...this.byRule.values()];
  }
}

function scanCards(path: string, text: string, found: Findings): void {
  for (const match of text.matchAll(CARD)) {
    const digits = digitsOf(match[0]);
    if (!luhnValid(digits) || !knownCardPrefix(digits)) continue;
    if (found.settled("pii.card_number", 96)) continue;
    const end = match.index + match[0].length;
    const confidence = nearby(text, match.index, end, CARD_CONTEXT) ? 96 : 80;
    found.add(
      "pii.card_number",
      confidence,
      "A payment card number",
      evidenceAt(path, match.index, end, maskSecret(match[0])),
    );
  }
}

function scanSsns(path: string, text: string, found: Findings): void {
  for (const match of text.matchAll(SSN)) {
    const [, area = "", , group = "", serial = ""] = match;
    if (!ssnValid(area, group, serial) || found.settled("pii.us_ssn", 95)) continue;
    const end = match.index + match[0].length;
    const confidence = nearby(text, match.index, end, SSN_CONTEXT) ? 95 : 72;
    found.add(
      "pii.us_ssn",
      confidence,
      "A US Social Security number",
      evidenceAt(path, match.index, end, maskSecret(match[0])),
    );
  }
  for (const match of text.matchAll(SSN_LABELLED)) {
    const [, area = "", group = "", serial = ""] = match;
    if (!ssnValid(area, group, serial) || found.settled("pii.us_ssn", 95)) continue;
    const end = match.index + match[0].length;
    found.add(
      "pii.us_ssn",
      95,
      "A US Social Security number",
      evidenceAt(path, match.index, end, maskSecret(match[0])),
    );
  }
}

function scanIbans(path: string, text: string, found: Findings): void {
  for (const match of text.matchAll(IBAN)) {
    if (!ibanValid(match[0].replace(/ /g, "")) || found.settled("pii.iban", 93)) continue;
    const end = match.index + match[0].length;
    const confidence = nearby(text, match.index, end, IBAN_CONTEXT) ? 93 : 85;
    found.add(
      "pii.iban",
      confidence,
      "A bank account number (IBAN)",
      evidenceAt(path, match.index, end, maskSecret(match[0])),
    );
  }
}

function scanGovernmentIds(path: string, text: string, found: Findings): void {
  for (const match of text.matchAll(NINO)) {
    if (!ninoPrefixValid(`${match[1]}`) || found.settled("pii.uk_nino", 92)) continue;
    const end = match.index + match[0].length;
    const confidence = nearby(text, match.index, end, NINO_CONTEXT) ? 92 : 62;
    found.add(
      "pii.uk_nino",
      confidence,
      "A UK National Insurance number",
      evidenceAt(path, match.index, end, maskSecret(match[0])),
    );
  }
  for (const match of text.matchAll(PASSPORT)) {
    // "Passport: valid", "passport holder": a number has digits.
    if (digitsOf(match[1] ?? "").length < 5 || found.settled("pii.passport", 90)) continue;
    const end = match.index + match[0].length;
    found.add(
      "pii.passport",
      90,
      "A passport number",
      evidenceAt(path, match.index, end, maskSecret(match[0])),
    );
  }
  for (const [pattern, context, valid, rule, detail] of [
    [NHS, NHS_CONTEXT, nhsNumberValid, "pii.nhs_number", "An NHS number"],
    [SIN, SIN_CONTEXT, sinValid, "pii.ca_sin", "A Canadian Social Insurance Number"],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      if (found.settled(rule, 92)) break;
      const end = match.index + match[0].length;
      if (!valid(digitsOf(match[0])) || !nearby(text, match.index, end, context)) continue;
      found.add(rule, 92, detail, evidenceAt(path, match.index, end, maskSecret(match[0])));
    }
  }
}

/** Phones compare by their last nine digits: `+44 20 7946 0958` is `020 7946 0958`. */
const phoneKey = (value: string) => digitsOf(value).slice(-9);

function scanContacts(doc: ModerationDocument, found: Findings): void {
  const ownEmails = new Set(doc.ownerContacts.emails.map((email) => email.toLowerCase()));
  const ownPhones = new Set(doc.ownerContacts.phones.map(phoneKey));
  const emails = new Map<string, ModerationEvidence>();
  const phones = new Map<string, ModerationEvidence>();
  for (const { path, text } of doc.fields) {
    for (const match of text.matchAll(EMAIL)) {
      const email = match[0].toLowerCase();
      if (ownEmails.has(email) || emails.has(email)) continue;
      emails.set(
        email,
        evidenceAt(path, match.index, match.index + match[0].length, maskEmail(match[0])),
      );
    }
    for (const match of text.matchAll(PHONE)) {
      const digits = digitsOf(match[0]);
      const key = phoneKey(match[0]);
      if (digits.length < 9 || digits.length > 15 || ownPhones.has(key) || phones.has(key))
        continue;
      // 3-2-4 digits is the shape of an SSN or a part number, never of a phone number.
      if (SSN_SHAPE.test(match[0])) continue;
      phones.set(
        key,
        evidenceAt(path, match.index, match.index + match[0].length, maskSecret(match[0])),
      );
    }
  }
  for (const [kind, seen] of [
    ["email addresses", emails],
    ["phone numbers", phones],
  ] as const) {
    if (seen.size < CONTACTS_THRESHOLD) continue;
    const confidence = Math.min(85, 65 + 5 * (seen.size - CONTACTS_THRESHOLD));
    for (const evidence of seen.values()) {
      found.add(
        "pii.third_party_contacts",
        confidence,
        `${seen.size} other people's ${kind}`,
        evidence,
      );
    }
  }
}

/** PII signals (layer "rules", category "pii") for a document. */
export function detectPii(doc: ModerationDocument): ModerationSignal[] {
  const found = new Findings();
  for (const { path, text } of doc.fields) {
    scanCards(path, text, found);
    scanSsns(path, text, found);
    scanIbans(path, text, found);
    scanGovernmentIds(path, text, found);
  }
  scanContacts(doc, found);
  return found.signals();
}
