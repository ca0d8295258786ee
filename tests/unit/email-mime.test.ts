import { describe, expect, it } from "vitest";
import {
  buildMimeMessage,
  encodeQuotedPrintable,
  encodeWords,
  formatMailbox,
  formatMailDate,
  type MimeInput,
  parseMailbox,
} from "../../core/email/mime";

// Small, independent decoders, so the tests check what a mail client would read.
function decodeQuotedPrintable(encoded: string): string {
  const joined = encoded.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=") {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(bytes));
}

function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r\n(?=[ \t])/g, "");
  return unfolded
    .replace(/(\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) =>
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
        Uint8Array.from(atob(b64), (char) => char.charCodeAt(0)),
      ),
    );
}

interface Parsed {
  headers: Map<string, string>;
  rawHeaderBlock: string;
  parts: { headers: string; body: string }[];
}

function parse(raw: string, boundary: string): Parsed {
  const split = raw.indexOf("\r\n\r\n");
  const rawHeaderBlock = raw.slice(0, split);
  const headers = new Map<string, string>();
  for (const field of rawHeaderBlock.split(/\r\n(?![ \t])/)) {
    const colon = field.indexOf(":");
    headers.set(field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const sections = body.split(`--${boundary}`);
  expect(sections.at(-1)).toBe("--\r\n");
  const parts = sections.slice(1, -1).map((section) => {
    const inner = section.replace(/^\r\n/, "").replace(/\r\n$/, "");
    const end = inner.indexOf("\r\n\r\n");
    return { headers: inner.slice(0, end), body: inner.slice(end + 4) };
  });
  return { headers, rawHeaderBlock, parts };
}

const base: MimeInput = {
  from: "Resume Builder <no-reply@resume-builder.example>",
  to: "ada@example.com",
  subject: "Verify your email",
  text: "Hello Ada,\n\nOpen the link.\n",
  html: "<p>Hello Ada,</p>\n<p>Open the link.</p>\n",
  messageIdLocal: "0b8f6f0e-5e0c-4f37-9a71-7ad0a9c6e2f1",
  date: new Date(Date.UTC(2026, 10, 25, 14, 5, 9)),
  boundary: "=_test-boundary",
};

describe("buildMimeMessage", () => {
  it("writes the headers a receiving server expects and two alternative parts", () => {
    const message = buildMimeMessage(base);
    const { headers, parts } = parse(message.raw, "=_test-boundary");
    expect(headers.get("from")).toBe("Resume Builder <no-reply@resume-builder.example>");
    expect(headers.get("to")).toBe("ada@example.com");
    expect(headers.get("subject")).toBe("Verify your email");
    expect(headers.get("date")).toBe("Wed, 25 Nov 2026 14:05:09 +0000");
    expect(headers.get("message-id")).toBe(
      "<0b8f6f0e-5e0c-4f37-9a71-7ad0a9c6e2f1@resume-builder.example>",
    );
    expect(headers.get("mime-version")).toBe("1.0");
    expect(headers.get("content-type")).toBe('multipart/alternative; boundary="=_test-boundary"');
    expect(message).toMatchObject({
      from: "no-reply@resume-builder.example",
      to: "ada@example.com",
      messageId: "<0b8f6f0e-5e0c-4f37-9a71-7ad0a9c6e2f1@resume-builder.example>",
    });

    expect(parts.map((part) => part.headers)).toEqual([
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
      "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
    ]);
    expect(decodeQuotedPrintable(parts[0]!.body)).toBe("Hello Ada,\r\n\r\nOpen the link.\r\n");
    expect(decodeQuotedPrintable(parts[1]!.body)).toBe(
      "<p>Hello Ada,</p>\r\n<p>Open the link.</p>\r\n",
    );
  });

  it("uses CRLF for every line break, whatever the input used", () => {
    const { raw } = buildMimeMessage({
      ...base,
      text: "unix\nwindows\r\nold mac\rend",
      html: "<p>a</p>\n<p>b</p>",
    });
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(raw).not.toMatch(/\r(?!\n)/);
    const { parts } = parse(raw, "=_test-boundary");
    expect(decodeQuotedPrintable(parts[0]!.body)).toBe("unix\r\nwindows\r\nold mac\r\nend");
  });

  it("encodes a non-ASCII subject as RFC 2047 words that stay within 76 characters", () => {
    const subject =
      "Ünïcödé résumé for Zoë 🎉 — 日本語の件名も大丈夫です, and then a long tail of words";
    const { raw } = buildMimeMessage({ ...base, subject });
    const { headers, rawHeaderBlock } = parse(raw, "=_test-boundary");
    const subjectLines = rawHeaderBlock
      .slice(rawHeaderBlock.indexOf("Subject:"), rawHeaderBlock.indexOf("\r\nDate:"))
      .split("\r\n");
    expect(subjectLines.length).toBeGreaterThan(1);
    for (const line of subjectLines) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^(Subject: | )=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    }
    expect(decodeHeader(headers.get("subject")!)).toBe(subject);
  });

  it("encodes ASCII that merely looks like an encoded word, and folds long ASCII subjects", () => {
    const tricky = buildMimeMessage({ ...base, subject: "=?UTF-8?B?SGk=?= not really" });
    const trickySubject = parse(tricky.raw, "=_test-boundary").headers.get("subject")!;
    expect(trickySubject).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeHeader(trickySubject)).toBe("=?UTF-8?B?SGk=?= not really");

    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const { raw } = buildMimeMessage({ ...base, subject: long });
    const header = raw.slice(raw.indexOf("Subject:"), raw.indexOf("\r\nDate:"));
    for (const line of header.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    expect(header.replace(/\r\n /g, " ")).toBe(`Subject: ${long}`);
  });

  it("refuses header injection through the subject, addresses or extra headers", () => {
    expect(() => buildMimeMessage({ ...base, subject: "Hi\r\nBcc: x@evil.example" })).toThrow(
      /line break/,
    );
    expect(() => buildMimeMessage({ ...base, to: "a@example.com\r\nBcc: x@evil.example" })).toThrow(
      /not an email address/,
    );
    expect(() => buildMimeMessage({ ...base, headers: { "X-Bad\r\nBcc": "x" } })).toThrow(
      /header name/,
    );
    expect(() => buildMimeMessage({ ...base, messageIdLocal: "a b@c" })).toThrow(/Message-ID/);
  });

  it("adds extra headers and picks a boundary that cannot occur in the encoded parts", () => {
    const { raw } = buildMimeMessage({
      ...base,
      boundary: undefined,
      text: "=_ and -- and =_0123 everywhere",
      headers: { "Auto-Submitted": "auto-generated" },
    });
    expect(raw).toContain("\r\nAuto-Submitted: auto-generated\r\n");
    const boundary = raw.match(/boundary="([^"]+)"/)![1]!;
    expect(boundary.startsWith("=_")).toBe(true);
    expect(raw.split(`--${boundary}`)).toHaveLength(4);
  });

  it("accepts a bare From address and encodes a non-ASCII display name", () => {
    const bare = buildMimeMessage({ ...base, from: "no-reply@resume-builder.example" });
    expect(bare.raw.startsWith("From: no-reply@resume-builder.example\r\n")).toBe(true);
    const named = buildMimeMessage({ ...base, from: "Résumé Bøt <bot@resume-builder.example>" });
    const from = parse(named.raw, "=_test-boundary").headers.get("from")!;
    expect(decodeHeader(from)).toBe("Résumé Bøt <bot@resume-builder.example>");
    expect(named.from).toBe("bot@resume-builder.example");
  });
});

describe("encodeQuotedPrintable", () => {
  const lines = (encoded: string) => encoded.split("\r\n");

  it("keeps long lines within 76 characters with soft breaks and decodes back exactly", () => {
    const text = `${"The quick brown fox jumps over the lazy dog. ".repeat(12)}\n${"é".repeat(120)}\n${"🎉x".repeat(40)}`;
    const encoded = encodeQuotedPrintable(text);
    for (const line of lines(encoded)) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeQuotedPrintable(encoded)).toBe(text.replace(/\n/g, "\r\n"));
  });

  it("never splits one character's bytes across a soft break", () => {
    const encoded = encodeQuotedPrintable(`a${"日本語🎉".repeat(40)}`);
    for (const line of lines(encoded)) {
      // each physical line decodes to valid UTF-8 on its own
      expect(() => decodeQuotedPrintable(line.replace(/=$/, ""))).not.toThrow();
    }
  });

  it("encodes '=', trailing whitespace, control characters and a line-leading dot", () => {
    expect(encodeQuotedPrintable("a=b")).toBe("a=3Db");
    expect(encodeQuotedPrintable("trailing \ntab\t\nmid dle")).toBe(
      "trailing=20\r\ntab=09\r\nmid dle",
    );
    expect(encodeQuotedPrintable("bell\u0007")).toBe("bell=07");
    expect(encodeQuotedPrintable(".\n.start")).toBe("=2E\r\n=2Estart");
    expect(encodeQuotedPrintable("naïve")).toBe("na=C3=AFve");
  });

  it("leaves short printable ASCII as it is", () => {
    const plain = "Hello, world! (1 + 1 < 3) ~ [ok] {yes}";
    expect(encodeQuotedPrintable(plain)).toBe(plain);
  });
});

describe("addresses, words and dates", () => {
  it("parses mailboxes with and without a display name", () => {
    expect(parseMailbox("Resume Builder <no-reply@x.example>")).toEqual({
      name: "Resume Builder",
      address: "no-reply@x.example",
    });
    expect(parseMailbox(' "Builder, Inc. \\"RB\\"" <a@x.example> ')).toEqual({
      name: 'Builder, Inc. "RB"',
      address: "a@x.example",
    });
    expect(parseMailbox("a@x.example")).toEqual({ name: null, address: "a@x.example" });
    expect(() => parseMailbox("not an address")).toThrow();
    expect(() => parseMailbox("Name <a b@x.example>")).toThrow();
  });

  it("quotes a display name with specials and leaves a plain one bare", () => {
    expect(formatMailbox({ name: "Resume Builder", address: "a@x.example" })).toBe(
      "Resume Builder <a@x.example>",
    );
    expect(formatMailbox({ name: 'Builder, Inc. "RB"', address: "a@x.example" })).toBe(
      '"Builder, Inc. \\"RB\\"" <a@x.example>',
    );
    expect(formatMailbox({ name: null, address: "a@x.example" })).toBe("a@x.example");
  });

  it("splits encoded words at character boundaries within the length limit", () => {
    const words = encodeWords("🎉".repeat(40));
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeHeader(words.join(" "))).toBe("🎉".repeat(40));
    expect(encodeWords("")).toEqual(["=?UTF-8?B??="]);
  });

  it("formats dates as RFC 5322 in UTC", () => {
    expect(formatMailDate(new Date(Date.UTC(2027, 0, 3, 4, 5, 6)))).toBe(
      "Sun, 03 Jan 2027 04:05:06 +0000",
    );
  });
});
