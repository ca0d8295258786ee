import { describe, expect, it } from "vitest";
import { parsePaymentMethod } from "../../core/billing/stripe-payment-method";
import { canonicalRange, rangeHolds, rangesHolding } from "../../core/moderation/ip-ranges";
import {
  canonicalEmailAlias,
  domainsReaching,
  isDotlessDomain,
} from "../../core/moderation/linked-accounts";
import { stripeFixture } from "../worker/stripe-fixtures";

describe("canonicalEmailAlias", () => {
  it("lower-cases and drops a +tag on any domain, keeping dots", () => {
    expect(canonicalEmailAlias("Ada.Lovelace+CV@Example.COM")).toBe("ada.lovelace@example.com");
    expect(canonicalEmailAlias(" ada@example.com ")).toBe("ada@example.com");
    expect(canonicalEmailAlias("ada+a+b@example.com")).toBe("ada@example.com");
  });

  it("drops dots for Gmail and reads googlemail.com as gmail.com", () => {
    expect(canonicalEmailAlias("J.Doe+jobs@gmail.com")).toBe("jdoe@gmail.com");
    expect(canonicalEmailAlias("j.d.o.e@GoogleMail.com")).toBe("jdoe@gmail.com");
    expect(canonicalEmailAlias("jdoe@gmail.com.evil.test")).toBe("jdoe@gmail.com.evil.test");
    expect(isDotlessDomain("GMAIL.com")).toBe(true);
    expect(isDotlessDomain("example.com")).toBe(false);
    expect(domainsReaching("googlemail.com").sort()).toEqual(["gmail.com", "googlemail.com"]);
    expect(domainsReaching("example.com")).toEqual(["example.com"]);
  });

  it("answers null for what is not an address", () => {
    for (const text of ["", "ada", "@example.com", "ada@", "+tag@example.com"])
      expect(canonicalEmailAlias(text), text).toBeNull();
  });
});

describe("IP ranges", () => {
  it("canonicalises addresses and ranges to one spelling", () => {
    expect(canonicalRange("10.1.2.3/16")).toEqual({ ok: true, range: "10.1.0.0/16" });
    expect(canonicalRange("10.1.2.3/32")).toEqual({ ok: true, range: "10.1.2.3" });
    expect(canonicalRange("2001:0DB8:0:0::1/48")).toEqual({ ok: true, range: "2001:db8::/48" });
    expect(canonicalRange("::ffff:1.2.3.4")).toEqual({ ok: true, range: "1.2.3.4" });
    expect(canonicalRange("::ffff:1.2.3.4/120")).toEqual({ ok: true, range: "1.2.3.0/24" });
  });

  it("refuses what is not a range, and ranges wider than /16 (IPv4) or /32 (IPv6)", () => {
    for (const text of ["300.1.2.3", "1.2.3.4/33", "1.2.3.4/x", "1.2.3.4/8/1", "fe80::1%eth0", "a"])
      expect(canonicalRange(text), text).toMatchObject({ ok: false, code: "invalid_range" });
    expect(canonicalRange("10.0.0.0/15")).toMatchObject({ ok: false, code: "range_too_wide" });
    expect(canonicalRange("2001:db8::/31")).toMatchObject({ ok: false, code: "range_too_wide" });
    expect(canonicalRange("10.0.0.0/16").ok).toBe(true);
  });

  it("lists every range that holds an address, so a ban is found by exact lookup", () => {
    const v4 = rangesHolding("198.51.100.77");
    expect(v4).toHaveLength(17);
    expect(v4).toContain("198.51.100.77");
    expect(v4).toContain("198.51.100.0/24");
    expect(v4).toContain("198.51.0.0/16");
    expect(rangesHolding("2001:db8::1")).toHaveLength(97);
    expect(rangesHolding("not an address")).toEqual([]);
    expect(rangeHolds("198.51.100.0/24", "198.51.100.1")).toBe(true);
    expect(rangeHolds("198.51.100.0/24", "198.51.101.1")).toBe(false);
    expect(rangeHolds("198.51.100.0/24", null)).toBe(false);
  });
});

describe("a payment method's card fingerprint", () => {
  it("is read from Stripe's card.fingerprint", () => {
    const fixture = stripeFixture("payment_method");
    const fingerprint = (fixture.card as { fingerprint: string }).fingerprint;
    expect(fingerprint).toMatch(/^\w{16}$/);
    expect(parsePaymentMethod(fixture).fingerprint).toBe(fingerprint);
    expect(
      parsePaymentMethod(stripeFixture("payment_method", { card: { fingerprint: null } }))
        .fingerprint,
    ).toBeNull();
  });
});
