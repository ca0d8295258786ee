import { describe, expect, it } from "vitest";
import { renderEmail } from "../../core/email/render";
import { previewDocument } from "../../ui/src/dev/email-preview";

describe("previewDocument", () => {
  it("makes the links of a rendered email open in a new tab", () => {
    const { html } = renderEmail("backup_failed", {
      backupId: "b",
      jobId: "j",
      step: null,
      reason: "r",
      jobUrl: "https://resume-builder.example/admin/jobs/j",
      environment: "local",
      failedAt: "2026-11-25T16:00:00Z",
    });
    const preview = previewDocument(html);
    expect(preview).toContain('<head><base target="_blank">');
    expect(preview.replace('<base target="_blank">', "")).toBe(html);
  });

  it("adds the target to an existing base and handles documents without a head", () => {
    expect(
      previewDocument('<html><head><base href="https://x.example/" target="_self"></head>'),
    ).toBe('<html><head><base href="https://x.example/" target="_blank"></head>');
    expect(previewDocument("<p>Hi</p>")).toBe('<base target="_blank"><p>Hi</p>');
    expect(previewDocument("<HEAD lang=en><p>x</p>")).toBe(
      '<HEAD lang=en><base target="_blank"><p>x</p>',
    );
  });
});
