import { describe, expect, it } from "vitest";
import { detectPii } from "../../core/moderation/rules/detectors/pii";
import {
  ibanValid,
  knownCardPrefix,
  luhnValid,
  ssnValid,
} from "../../core/moderation/rules/detectors/pii-checks";
import { docOf, rulesOf } from "./moderation-support";

const pii = (text: string, options?: Parameters<typeof docOf>[1]) =>
  detectPii(docOf({ "work[0].summary": text }, options));

describe("payment cards", () => {
  it("finds Luhn-valid numbers of known networks, spaced, dashed or not, masked", () => {
    const [signal] = pii("Card: 4242 4242 4242 4242 exp 12/29");
    expect(signal).toMatchObject({ layer: "rules", category: "pii", rule: "pii.card_number" });
    expect(signal?.confidence).toBeGreaterThan(90);
    expect(signal?.evidence?.[0]).toMatchObject({ path: "work[0].summary", start: 6, end: 25 });
    expect(signal?.evidence?.[0]?.excerpt).toBe("•••• •••• •••• 4242");
    expect(rulesOf(pii("pay to 5555-5555-5555-4444 please"))).toEqual(["pii.card_number"]);
    expect(rulesOf(pii("amex 378282246310005"))).toEqual(["pii.card_number"]);
  });

  it("is less sure without card words around the number (review, not automatic)", () => {
    const [signal] = pii("Reference 4111111111111111 in the ledger");
    expect(signal?.confidence).toBeGreaterThanOrEqual(60);
    expect(signal?.confidence).toBeLessThanOrEqual(90);
  });

  it("passes order numbers that fail Luhn and numbers no network issues", () => {
    expect(pii("Order #4242 4242 4242 4241 shipped")).toEqual([]);
    expect(pii("Shipped order 1234-5678-9012-3456 on time")).toEqual([]);
    // Luhn-valid but starts like no card network (and dates, ISBNs, phone numbers).
    expect(luhnValid("9999999999999995")).toBe(true);
    expect(pii("Tracking 9999 9999 9999 9995")).toEqual([]);
    expect(pii("Published 2019 2020 2021 2022; ISBN 978-0-306-40615-7")).toEqual([]);
    expect(pii("Call +44 20 7946 0958 or (415) 555-0100")).toEqual([]);
  });

  it("knows the networks' prefixes and lengths", () => {
    expect(knownCardPrefix("4242424242424242")).toBe(true);
    expect(knownCardPrefix("424242424242424")).toBe(false);
    expect(knownCardPrefix("2221000000000009")).toBe(true);
    expect(knownCardPrefix("1234567812345670")).toBe(false);
  });
});

describe("US Social Security numbers", () => {
  it("finds valid numbers, surer with the label", () => {
    const [labelled] = pii("SSN: 536-22-8157");
    expect(labelled).toMatchObject({ rule: "pii.us_ssn" });
    expect(labelled?.confidence).toBeGreaterThan(90);
    expect(labelled?.evidence?.[0]?.excerpt).not.toContain("536");
    expect(pii("social security number 536228157")[0]?.confidence).toBeGreaterThan(90);
    const [bare] = pii("ID 536-22-8157");
    expect(bare?.confidence).toBeGreaterThanOrEqual(60);
    expect(bare?.confidence).toBeLessThanOrEqual(90);
  });

  it("rejects the never-issued ranges and publicised fakes", () => {
    for (const fake of [
      "000-12-3456",
      "666-12-3456",
      "912-12-3456",
      "536-00-1234",
      "536-22-0000",
      "078-05-1120",
      "123-45-6789",
    ]) {
      expect(pii(`SSN ${fake}`), fake).toEqual([]);
    }
    expect(ssnValid("536", "22", "8157")).toBe(true);
    expect(ssnValid("900", "22", "8157")).toBe(false);
  });

  it("passes dates and phone-like numbers", () => {
    expect(pii("Joined 2019-05-2021 and 555-123-4567")).toEqual([]);
  });
});

describe("IBANs", () => {
  it("finds IBANs whose length and mod-97 check out", () => {
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    const [signal] = pii("IBAN DE89 3704 0044 0532 0130 00");
    expect(signal).toMatchObject({ rule: "pii.iban" });
    expect(signal?.confidence).toBeGreaterThan(90);
  });

  it("passes a wrong checksum or a wrong length for the country", () => {
    expect(ibanValid("GB83WEST12345698765432")).toBe(false);
    expect(ibanValid("DE8937040044053201300")).toBe(false);
    expect(pii("IBAN GB83 WEST 1234 5698 7654 32")).toEqual([]);
  });
});

describe("government ids", () => {
  it("finds UK National Insurance numbers, surer with the label", () => {
    expect(pii("National Insurance number: AB 12 34 56 C")[0]?.confidence).toBeGreaterThan(90);
    expect(rulesOf(pii("AB123456C"))).toEqual(["pii.uk_nino"]);
    // Prefixes HMRC never issues, and letters it never uses.
    expect(pii("National Insurance GB123456A")).toEqual([]);
    expect(pii("National Insurance DA123456A")).toEqual([]);
  });

  it("finds passport numbers only next to the word passport", () => {
    expect(rulesOf(pii("Passport No: X12345678"))).toEqual(["pii.passport"]);
    expect(pii("Passport: valid EU passport holder")).toEqual([]);
    expect(pii("Part number X12345678")).toEqual([]);
  });
});

describe("NHS and Canadian SIN numbers", () => {
  it("count when labelled and the check digit holds", () => {
    expect(rulesOf(pii("Patient Peter Hale (NHS no. 943 476 5919)"))).toEqual(["pii.nhs_number"]);
    expect(pii("Patient Peter Hale (NHS no. 943 476 5918)")).toEqual([]);
    expect(rulesOf(pii("fixed payroll for Avery (SIN 046 454 286)"))).toEqual(["pii.ca_sin"]);
    expect(pii("fixed payroll for Avery (SIN 046 454 287)")).toEqual([]);
  });

  it("do not count bare ten- or nine-digit numbers", () => {
    expect(pii("Invoice 943 476 5919 and batch 046 454 286")).toEqual([]);
  });
});

describe("contacts", () => {
  it("never counts the owner's own email and phone", () => {
    const owner = { emails: ["jane@example.com"], phones: ["+1 415 555 0100"] };
    const text = "Reach me at jane@example.com or (415) 555-0100. Referee: bob@example.org";
    expect(pii(text, owner)).toEqual([]);
  });

  it("does not read part numbers shaped like SSNs as phone numbers", () => {
    expect(pii("Replaced parts P/N 666-20-1185, 900-12-7731, 000-41-2290 and 000-41-2415")).toEqual(
      [],
    );
  });

  it("flags other people's emails and phone numbers in volume, masked", () => {
    const text =
      "Contacts: ann@corp.example, bo@corp.example, cy@corp.example, dee@corp.example; " +
      "call +1 212 555 0101, +1 212 555 0102, +1 212 555 0103";
    const [signal] = pii(text, { emails: ["me@example.com"] });
    expect(signal).toMatchObject({ rule: "pii.third_party_contacts" });
    expect(signal?.confidence).toBeGreaterThanOrEqual(60);
    expect(signal?.evidence?.[0]?.excerpt).toBe("a•••@corp.example");
  });
});
