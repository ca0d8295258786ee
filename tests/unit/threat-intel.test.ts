import { describe, expect, it } from "vitest";
import { mergeReasons, nextAlertState } from "../../core/security/alerts";
import {
  canonicalIpValue,
  decideThreat,
  emailHash,
  kvTtlSeconds,
  requestKeys,
} from "../../core/security/threat-intel";

const entry = (severity: string, expiresAt: number) => ({
  severity,
  source: "test",
  reason: "why",
  expires_at: expiresAt,
});

describe("threat intelligence, decided", () => {
  it("reads at most four keys: the address, its /24 or /64, the device and the ASN", () => {
    expect(requestKeys({ ip: "203.0.113.9", deviceId: "dev-1", asn: 64500 })).toEqual([
      "ip:203.0.113.9",
      "ip:203.0.113.0/24",
      "fp:dev-1",
      "asn:64500",
    ]);
    expect(requestKeys({ ip: "2001:db8::1", deviceId: null, asn: null })).toEqual([
      "ip:2001:db8:0:0:0:0:0:1",
      "ip:2001:db8:0:0:0:0:0:0/64",
    ]);
    expect(requestKeys({ ip: "not an ip", deviceId: null, asn: 0 })).toEqual([]);
  });

  it("spells entry values canonically and refuses other prefixes", () => {
    expect(canonicalIpValue("203.0.113.77/24")).toBe("203.0.113.0/24");
    expect(canonicalIpValue("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(canonicalIpValue("203.0.0.0/16")).toBeNull();
    expect(canonicalIpValue("203.0.113.7/24/1")).toBeNull();
  });

  it("blocks on a live high entry, signals lower ones, ignores ended and malformed ones", () => {
    const now = 1_000_000;
    expect(
      decideThreat(
        [
          { key: "ip:a", value: entry("medium", now + 1) },
          { key: "fp:b", value: entry("high", now + 1) },
        ],
        now,
      ),
    ).toMatchObject({ action: "block", match: { key: "fp:b" } });
    expect(decideThreat([{ key: "ip:a", value: entry("high", now) }], now)).toEqual({
      action: "pass",
    });
    expect(
      decideThreat(
        [
          { key: "ip:a", value: entry("low", now + 1) },
          { key: "asn:1", value: { severity: "extreme" } },
          { key: "fp:c", value: null },
        ],
        now,
      ),
    ).toMatchObject({ action: "signal", matches: [{ key: "ip:a", severity: "low" }] });
  });

  it("hashes emails after normalising them, and keeps KV's TTL at its 60-second minimum", async () => {
    expect(await emailHash(" Ada@Example.test ")).toBe(await emailHash("ada@example.test"));
    expect(await emailHash("ada@example.test")).toMatch(/^[0-9a-f]{64}$/);
    expect(kvTtlSeconds(10_000, 0)).toBe(60);
    expect(kvTtlSeconds(86_400_000, 0)).toBe(86_400);
  });
});

describe("security alerts, decided", () => {
  it("merges reasons without repeats, newest kept", () => {
    expect(mergeReasons(["a", "b"], ["b", "c"])).toEqual(["a", "b", "c"]);
    const many = Array.from({ length: 25 }, (_, i) => `r${i}`);
    expect(mergeReasons([], many)).toEqual(many.slice(5));
  });

  it("acknowledges only open alerts and resolves any unresolved one", () => {
    expect(nextAlertState("open", "acknowledge")).toBe("acknowledged");
    expect(nextAlertState("acknowledged", "acknowledge")).toBeNull();
    expect(nextAlertState("acknowledged", "resolve")).toBe("resolved");
    expect(nextAlertState("resolved", "resolve")).toBeNull();
  });
});
