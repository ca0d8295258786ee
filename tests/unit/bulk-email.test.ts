import { describe, expect, it } from "vitest";
import {
  type BulkEmailCounts,
  bulkEmailProgress,
  bulkEmailResult,
  deliveryCheckDelaySeconds,
  groupDigits,
} from "../../core/admin/bulk-email";
import { renderEmail } from "../../core/email/render";
import { messageParagraphs } from "../../core/email/templates/staff-notice";

const counts = (changes: Partial<BulkEmailCounts>): BulkEmailCounts => ({
  total: 0,
  notFound: 0,
  queued: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  ...changes,
});

describe("bulk email progress", () => {
  it("says how many of how many have settled, grouping digits", () => {
    expect(groupDigits(0)).toBe("0");
    expect(groupDigits(999)).toBe("999");
    expect(groupDigits(3200)).toBe("3,200");
    expect(groupDigits(100000)).toBe("100,000");
    expect(
      bulkEmailProgress(
        counts({ total: 10_000, queued: 6_800, sent: 3_000, failed: 150, skipped: 50 }),
      ),
    ).toEqual({ step: "sending 3,200 of 10,000", percent: 32 });
  });

  it("counts unknown ids as settled, never reaches 100 and copes with an empty selection", () => {
    expect(bulkEmailProgress(counts({ total: 4, notFound: 1, queued: 3 }))).toEqual({
      step: "sending 1 of 4",
      percent: 25,
    });
    expect(bulkEmailProgress(counts({ total: 2, sent: 2 })).percent).toBe(99);
    expect(bulkEmailProgress(counts({}))).toEqual({ step: "sending 0 of 0", percent: 0 });
    // More accounts matched the filter by their page than when counted: the total follows.
    expect(bulkEmailProgress(counts({ total: 3, queued: 2, sent: 3 })).step).toBe("sending 3 of 5");
  });

  it("reports unknown ids with the skipped accounts in the result", () => {
    expect(bulkEmailResult(counts({ sent: 5, failed: 1, skipped: 2, notFound: 3 }))).toEqual({
      sent: 5,
      failed: 1,
      skipped: 5,
    });
  });

  it("checks soon at first, then every half minute", () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(deliveryCheckDelaySeconds)).toEqual([
      2, 4, 8, 16, 30, 30, 30,
    ]);
  });
});

describe("staff_notice", () => {
  it("makes a paragraph of each blank-line block, keeping single line breaks", () => {
    expect(messageParagraphs("  One\r\nline two\r\n\r\n \t\nTwo\n\n\n\nThree  ")).toEqual([
      "One\nline two",
      "Two",
      "Three",
    ]);
  });

  it("frames staff's words by template, escaped in the HTML", () => {
    const data = {
      name: "Ada",
      subject: "Changes <soon>",
      message: "Read <a href='x'>this</a> & that.\n\nThanks.",
    };
    const policy = renderEmail("staff_notice", { ...data, kind: "policy_update" });
    expect(policy.subject).toBe("Changes <soon>");
    expect(policy.text).toContain("Policy update: Changes <soon>");
    expect(policy.text).toContain("Hi Ada,");
    expect(policy.text).toContain("Read <a href='x'>this</a> & that.\n\nThanks.");
    expect(policy.html).toContain("Read &lt;a href=&#39;x&#39;&gt;this&lt;/a&gt; &amp; that.</p>");
    expect(policy.html).not.toContain("<a href='x'>");
    expect(policy.html).toContain("our policies changed");
    const account = renderEmail("staff_notice", { ...data, kind: "account_notice", name: null });
    expect(account.text).toContain("About your account: Changes <soon>");
    expect(account.text).toContain("Hi there,");
    const service = renderEmail("staff_notice", { ...data, kind: "service_notice" });
    expect(service.text).toContain("Service notice: Changes <soon>");
  });
});
