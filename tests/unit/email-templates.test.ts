import { describe, expect, it } from "vitest";
import { escapeHtml, html, SafeHtml } from "../../core/email/html";
import { renderContent } from "../../core/email/layout";
import { renderEmail } from "../../core/email/render";
import type { BackupFailedData } from "../../core/email/templates/backup-failed";

const backup: BackupFailedData = {
  backupId: "2026-11-25T16-00-00Z",
  jobId: "backup-2026-11-25T16-00-00Z",
  step: "write manifest",
  reason: "R2 is down",
  jobUrl: "https://resume-builder.example/admin/jobs/backup-2026-11-25T16-00-00Z",
  environment: "production",
  failedAt: "2026-11-25T16:01:30.000Z",
};

describe("html tag", () => {
  it("escapes every interpolated value, including quotes for attributes", () => {
    const value = `<script>alert("x")</script> & 'y'`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>",
    );
  });

  it("keeps nested fragments as they are and joins lists; drops null and false", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${false}${undefined}`.value).toBe(
      "<ul><li>a&lt;b</li><li>c</li></ul>",
    );
    expect(String(new SafeHtml("<br>"))).toBe("<br>");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("backup_failed", () => {
  it("names the environment and backup in the subject and everything an operator needs", () => {
    const email = renderEmail("backup_failed", backup);
    expect(email.subject).toBe("[production] Backup 2026-11-25T16-00-00Z failed");
    for (const part of [email.text, email.html]) {
      expect(part).toContain("2026-11-25T16-00-00Z");
      expect(part).toContain("backup-2026-11-25T16-00-00Z");
      expect(part).toContain("write manifest");
      expect(part).toContain("R2 is down");
      expect(part).toContain("2026-11-25 16:01 UTC");
      expect(part).toContain(backup.jobUrl);
    }
    expect(email.html).toContain(`href="${backup.jobUrl}"`);
  });

  it("says so when the failure happened outside any step", () => {
    const email = renderEmail("backup_failed", { ...backup, step: null });
    expect(email.text).toContain("before any step ran");
    expect(email.text).toMatch(/Failed step: +none/);
  });

  it("escapes hostile values in the HTML and keeps them readable in the text", () => {
    const reason = `<script>alert("pwned")</script> it's "bad" & <b>bold</b>`;
    const email = renderEmail("backup_failed", {
      ...backup,
      reason,
      backupId: `<img src=x onerror="alert(1)">`,
    });
    expect(email.html).not.toContain("<script");
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>bold");
    expect(email.html).toContain(
      "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; it&#39;s &quot;bad&quot; &amp; &lt;b&gt;bold&lt;/b&gt;",
    );
    expect(email.text).toContain(reason);
    expect(email.subject).toContain(`<img src=x onerror="alert(1)">`);
  });

  it("refuses a link that is not absolute http(s)", () => {
    expect(() =>
      renderEmail("backup_failed", { ...backup, jobUrl: "javascript:alert(1)" }),
    ).toThrow(/http/);
    expect(() => renderEmail("backup_failed", { ...backup, jobUrl: "/admin/jobs/x" })).toThrow(
      /absolute/,
    );
  });
});

describe("layout", () => {
  const email = renderEmail("backup_failed", backup);

  it("is a self-contained, accessible document: inline styles, no scripts or external resources", () => {
    expect(email.html).toMatch(/^<!doctype html>\n<html lang="en"/);
    expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
    expect(email.html).toMatch(/<h1[^>]*>A database backup failed<\/h1>/);
    expect(email.html).not.toMatch(/<(script|style|link|img|iframe)\b/i);
    expect(email.html).not.toMatch(/\ssrc=/i);
    expect(email.html).not.toMatch(/url\(/i);
    // layout tables are marked as such; the facts table keeps row headers
    expect(email.html).toContain('role="presentation"');
    expect(email.html).toContain('<th scope="row"');
  });

  it("has a plain-text part that reads on its own", () => {
    expect(email.text).not.toMatch(/<[a-z!/]/i);
    expect(email.text.startsWith("A database backup failed\n====")).toBe(true);
    expect(email.text).toMatch(/Reason: +R2 is down/);
    expect(email.text).toContain(`Open the job:\n${backup.jobUrl}`);
    expect(email.text).toContain("\n-- \n");
    expect(email.text.endsWith("Resume Builder\n")).toBe(true);
  });

  it("keeps headers on one line and lines up multi-line facts in the text part", () => {
    const rendered = renderContent({
      subject: "Line\r\nBcc: victim@example.com",
      preheader: "p",
      heading: "Heading\nsplit",
      paragraphs: ["Body"],
      facts: [
        { label: "A", value: "one\ntwo" },
        { label: "Longer", value: "x" },
      ],
      footer: "Footer",
    });
    expect(rendered.subject).toBe("Line Bcc: victim@example.com");
    expect(rendered.text).toContain("Heading split\n");
    expect(rendered.text).toContain("A:      one\n        two\nLonger: x");
  });
});
