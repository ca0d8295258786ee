import { describe, expect, it } from "vitest";
import {
  base64UrlDecode,
  derivedHmacKey,
  hexEncode,
  macMatches,
  macOf,
  rawHmacKey,
  sha256Hex,
  signExpiring,
  verifyExpiring,
} from "../../core/security/crypto";

describe("sha256Hex", () => {
  it("hashes text as UTF-8 and bytes as given (FIPS 180-2 vectors)", async () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(await sha256Hex("abc")).toBe(abc);
    expect(await sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
    expect(await sha256Hex("")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(await sha256Hex("é")).toBe(await sha256Hex(new Uint8Array([0xc3, 0xa9])));
  });
});

describe("HMAC helpers", () => {
  it("computes HMAC-SHA256 as RFC 4231 does (test case 2), base64url", async () => {
    const mac = await macOf(await rawHmacKey("Jefe"), "what do ya want for nothing?");
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hexEncode(base64UrlDecode(mac))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("gives each purpose its own derived key", async () => {
    const csrf = await derivedHmacKey("secret", "csrf-token v1");
    const links = await derivedHmacKey("secret", "export-download-link v1");
    const mac = await macOf(csrf, "message");
    expect(await macMatches(csrf, mac, "message")).toBe(true);
    expect(await macMatches(links, mac, "message")).toBe(false);
    expect(await macMatches(csrf, mac, "message!")).toBe(false);
  });
});

describe("expiring tokens", () => {
  const message = (expiresAt: number) => `thing|42|${expiresAt}`;
  const key = () => derivedHmacKey("secret", "test v1");

  it("holds until its expiry and refuses a changed expiry or message", async () => {
    const token = await signExpiring(await key(), 1_000, message);
    expect(token).toMatch(/^1000\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyExpiring(key, token, message, 999)).toBe(true);
    expect(await verifyExpiring(key, token, message, 1_000)).toBe(false);
    expect(await verifyExpiring(key, token.replace(/^1000/, "2000"), message, 999)).toBe(false);
    expect(await verifyExpiring(key, token, (at) => `thing|43|${at}`, 999)).toBe(false);
    const otherKey = () => derivedHmacKey("other secret", "test v1");
    expect(await verifyExpiring(otherKey, token, message, 999)).toBe(false);
  });

  it("refuses an expiry further ahead than a token can be issued for", async () => {
    const token = await signExpiring(await key(), 1_000, message);
    expect(await verifyExpiring(key, token, message, 500, 500)).toBe(true);
    expect(await verifyExpiring(key, token, message, 499, 500)).toBe(false);
  });

  it("refuses junk without fetching the key", async () => {
    let fetched = 0;
    const counted = () => {
      fetched++;
      return key();
    };
    for (const junk of [undefined, "", "1000", "1000.short", "x.".padEnd(45, "a"), "1000.a.b"])
      expect(await verifyExpiring(counted, junk, message, 0)).toBe(false);
    const expired = await signExpiring(await key(), 10, message);
    expect(await verifyExpiring(counted, expired, message, 10)).toBe(false);
    expect(fetched).toBe(0);
  });
});
