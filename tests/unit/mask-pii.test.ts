import { describe, expect, it } from "vitest";
import { maskPii, maskString } from "../../core/logging/mask-pii";

describe("maskString", () => {
  it("keeps an e-mail address's first character and domain", () => {
    expect(maskString("sent to alice.smith+cv@mail.example.co.uk today")).toBe(
      "sent to a***@mail.example.co.uk today",
    );
    expect(maskString("a@b.io, Zed_9@x.org")).toBe("a***@b.io, Z***@x.org");
  });

  it("drops the last octet of an IPv4 address", () => {
    expect(maskString("from 203.0.113.254:443")).toBe("from 203.0.113.x:443");
    expect(maskString("10.0.0.1 and 192.168.1.42")).toBe("10.0.0.x and 192.168.1.x");
  });

  it("keeps only the first two groups of an IPv6 address", () => {
    expect(maskString("ip=2001:db8:85a3:0:0:8a2e:370:7334")).toBe("ip=2001:db8:x");
    expect(maskString("ip=2001:db8::1 port")).toBe("ip=2001:db8:x port");
    expect(maskString("[2a02:1205:c6b4:e0f0:b1c5:ae11:9d13:3a7e]")).toBe("[2a02:1205:x]");
  });

  it("masks IPv6 addresses compressed early (link-local, short prefixes)", () => {
    expect(maskString("from fe80::1ff:fe23:4567:890a and 2a00::7334 and ::1")).toBe(
      "from fe80:0:x and 2a00:0:x and 0:0:x",
    );
    expect(maskString("client 2001:db8:85a3::8a2e:370:7334.")).toBe("client 2001:db8:x.");
  });

  it("leaves clock times, dates and plain numbers alone", () => {
    const text = "at 2026-11-25T14:48:53.123Z took 12:30 and 3.14 over 1234 rows; std::map a :: b";
    expect(maskString(text)).toBe(text);
  });

  it("redacts bearer tokens whatever the case", () => {
    expect(maskString("Authorization: Bearer abc.DEF-123_~+/=")).toBe(
      "Authorization: Bearer [redacted]",
    );
    expect(maskString("bearer xyz")).toBe("bearer [redacted]");
  });
});

describe("maskPii", () => {
  it("replaces whole values under secret-looking keys, at any depth", () => {
    const masked = maskPii({
      password: "hunter2",
      user: { api_key: "k", apiKey: "k2", nested: { refresh_token: { raw: "t" } } },
      headers: [{ Authorization: "Bearer x", Cookie: "sid=1", accept: "text/html" }],
      payment: { card_number: "4242", cvc: "123", ssn: "1" },
      client_secret: "s",
    });
    expect(masked).toEqual({
      password: "[redacted]",
      user: {
        api_key: "[redacted]",
        apiKey: "[redacted]",
        nested: { refresh_token: "[redacted]" },
      },
      headers: [{ Authorization: "[redacted]", Cookie: "[redacted]", accept: "text/html" }],
      payment: { card_number: "[redacted]", cvc: "[redacted]", ssn: "[redacted]" },
      client_secret: "[redacted]",
    });
  });

  it("masks strings inside objects and arrays and leaves other values as they are", () => {
    expect(
      maskPii({
        email: "bob@example.com",
        ips: ["198.51.100.7"],
        count: 3,
        ok: true,
        missing: null,
        nothing: undefined,
      }),
    ).toEqual({
      email: "b***@example.com",
      ips: ["198.51.100.x"],
      count: 3,
      ok: true,
      missing: null,
      nothing: undefined,
    });
    expect(maskPii(42)).toBe(42);
    expect(maskPii("carol@example.com")).toBe("c***@example.com");
  });

  it("does not change the object it is given", () => {
    const input = { email: "dan@example.com", token: "t" };
    maskPii(input);
    expect(input).toEqual({ email: "dan@example.com", token: "t" });
  });

  it("truncates beyond eight levels of nesting", () => {
    type Nest = { a?: Nest; leaf?: string };
    const deep: Nest = {};
    let cursor = deep;
    for (let i = 0; i < 12; i++) {
      cursor.a = {};
      cursor = cursor.a;
    }
    cursor.leaf = "eve@example.com";
    let masked = maskPii(deep) as Nest | string;
    for (let level = 1; level <= 8; level++) {
      expect(typeof masked).toBe("object");
      masked = (masked as Nest).a as Nest | string;
    }
    expect((masked as Nest).a).toBe("[truncated]");
    expect(JSON.stringify(maskPii(deep))).not.toContain("eve@");
  });

  it("masks through arrays as nesting levels too", () => {
    let value: unknown = "frank@example.com";
    for (let i = 0; i < 20; i++) value = [value];
    expect(JSON.stringify(maskPii(value))).not.toContain("frank");
  });
});
