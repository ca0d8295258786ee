import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  plainText,
  renderInline,
  renderRichText,
  safeUrl,
} from "../../core/templates/rich-text";

const LINK_ATTRS = 'rel="noopener noreferrer" target="_blank"';

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    expect(escapeHtml(undefined)).toBe("");
    expect(escapeHtml(42)).toBe("42");
  });
});

describe("safeUrl", () => {
  it("allows http, https and mailto only", () => {
    expect(safeUrl("https://example.com/a?b=1&c=2")).toBe("https://example.com/a?b=1&c=2");
    expect(safeUrl(" HTTP://Example.com ")).toBe("http://example.com/");
    expect(safeUrl("mailto:ada@example.com")).toBe("mailto:ada@example.com");
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "\u0001javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "//evil.example/x",
      "/relative",
      "ftp://example.com",
      "https://",
      "",
    ]) {
      expect(safeUrl(bad), bad).toBeNull();
    }
  });

  it("percent-encodes characters that could end an attribute", () => {
    expect(safeUrl('https://a.example/"onmouseover="x')).toBe(
      "https://a.example/%22onmouseover=%22x",
    );
  });
});

describe("renderInline", () => {
  it("renders bold, both italics and links", () => {
    expect(renderInline("**bold** and *it* and _it2_ [site](https://a.example/x)")).toBe(
      `<strong>bold</strong> and <em>it</em> and <em>it2</em> <a href="https://a.example/x" ${LINK_ATTRS}>site</a>`,
    );
  });

  it("nests emphasis inside bold and inside link text", () => {
    expect(renderInline("**very _nice_** [**go**](https://a.example)")).toBe(
      `<strong>very <em>nice</em></strong> <a href="https://a.example/" ${LINK_ATTRS}><strong>go</strong></a>`,
    );
  });

  it("keeps snake_case, lone asterisks and arithmetic as text", () => {
    expect(renderInline("snake_case_name, 2 * 3 * 4, a*b")).toBe("snake_case_name, 2 * 3 * 4, a*b");
  });

  it("accepts one level of parentheses in link addresses", () => {
    expect(renderInline("[show](https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series))")).toBe(
      `<a href="https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)" ${LINK_ATTRS}>show</a>`,
    );
  });

  it("shows a link with a forbidden address as its text alone", () => {
    for (const url of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:x",
      "/local",
    ]) {
      const out = renderInline(`[click me](${url})`);
      expect(out, url).toBe("click me");
    }
  });

  it("escapes HTML everywhere, inside markup too", () => {
    const out = renderInline(
      `<script>alert(1)</script> **<img src=x onerror=alert(1)>** [<b>x</b>](https://a.example)`,
    );
    expect(out).not.toMatch(/<script|<img|<b>/i);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("<strong>&lt;img src=x onerror=alert(1)&gt;</strong>");
    expect(out).toContain(">&lt;b&gt;x&lt;/b&gt;</a>");
  });

  it("cannot break out of the href attribute", () => {
    const out = renderInline('[x](https://a.example/"onclick="alert(1))');
    expect(out).not.toMatch(/"\s*onclick=/);
  });

  it("turns line breaks into spaces", () => {
    expect(renderInline("one\ntwo")).toBe("one two");
  });
});

describe("renderRichText", () => {
  it("splits paragraphs on blank lines and keeps single line breaks", () => {
    expect(renderRichText("First line\nsecond line\n\nNew paragraph")).toBe(
      '<p dir="auto">First line<br>second line</p><p dir="auto">New paragraph</p>',
    );
  });

  it("turns - and * lines into one list", () => {
    expect(renderRichText("Intro:\n- one\n* **two**\n\nAfter")).toBe(
      '<p dir="auto">Intro:</p><ul><li dir="auto">one</li><li dir="auto"><strong>two</strong></li></ul><p dir="auto">After</p>',
    );
  });

  it("needs a space after the bullet marker", () => {
    expect(renderRichText("-not a bullet\n*also not*")).toBe(
      '<p dir="auto">-not a bullet<br><em>also not</em></p>',
    );
  });

  it("renders nothing for empty or non-text input", () => {
    expect(renderRichText("")).toBe("");
    expect(renderRichText("  \n\n ")).toBe("");
    expect(renderRichText(undefined)).toBe("");
    expect(renderRichText({ toString: () => "<script>" })).toBe("");
  });

  it("keeps right-to-left text and emoji intact", () => {
    expect(renderRichText("مهندس **برمجيات** 🚀")).toBe(
      '<p dir="auto">مهندس <strong>برمجيات</strong> 🚀</p>',
    );
  });

  it("stays fast on 10 000 characters of unclosed markers", () => {
    for (const text of [
      "**a ".repeat(2_500),
      "[".repeat(10_000),
      "_a ".repeat(3_333),
      "*".repeat(10_000),
      "[a](".repeat(2_500),
    ]) {
      const started = performance.now();
      const out = renderRichText(text);
      expect(performance.now() - started).toBeLessThan(500);
      expect(out).not.toContain("<a ");
    }
  });
});

describe("plainText", () => {
  it("drops the markup and writes links as text (address)", () => {
    expect(
      plainText(
        "**Bold** _it_ [site](https://a.example/) [https://b.example/](https://b.example/) [bad](javascript:x)\n\n- one\n* two",
      ),
    ).toBe("Bold it site (https://a.example/) https://b.example/ bad\n\n- one\n- two");
  });

  it("leaves HTML as the literal text it is", () => {
    expect(plainText("<b>x</b> & y")).toBe("<b>x</b> & y");
  });
});
