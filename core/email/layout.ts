import { assertEmailUrl, html, type SafeHtml } from "./html";

/** What every template produces: words and links only; this file decides how they look. */
export interface EmailContent {
  subject: string;
  /** The preview line inbox lists show next to the subject; hidden in the body. */
  preheader: string;
  heading: string;
  paragraphs: string[];
  /** Label/value pairs (ids, reasons, times), shown as a small table. */
  facts?: { label: string; value: string }[];
  /** The one thing to do next; must be an absolute http(s) URL. */
  action?: { label: string; url: string };
  /** Paragraphs after the action, e.g. "if this was not you, ignore this email". */
  closing?: string[];
  /** Why the recipient gets this email. */
  footer: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const PRODUCT_NAME = "Resume Builder";

/** "2026-03-01 14:05 UTC": a time as every email states it (one zone, to the minute). */
export const utcMinute = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};

// Inline styles only: most mail clients drop <style> blocks and never load external CSS.
// Colours keep at least 4.5:1 contrast on white; no images, so nothing is blocked.
const FONT =
  "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const TEXT = "#1f2328";
const MUTED = "#4b5563";
const LINK = "#1d4ed8";

/** One line for headers and headings: a template must never put a line break there. */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

function renderText(content: EmailContent): string {
  const heading = oneLine(content.heading);
  const blocks: string[] = [`${heading}\n${"=".repeat(Math.min(heading.length, 72))}`];
  blocks.push(...content.paragraphs);
  if (content.facts?.length) {
    const width = Math.max(...content.facts.map((fact) => fact.label.length)) + 1;
    blocks.push(
      content.facts
        .map(({ label, value }) => {
          // continuation lines of a multi-line value line up under its first line
          const indented = value.split(/\r?\n/).join(`\n${" ".repeat(width + 1)}`);
          return `${`${label}:`.padEnd(width)} ${indented}`;
        })
        .join("\n"),
    );
  }
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.url}`);
  blocks.push(...(content.closing ?? []));
  // "-- " (with the space) is the signature separator mail clients recognise
  blocks.push(`-- \n${content.footer}\n${PRODUCT_NAME}`);
  return `${blocks.join("\n\n")}\n`;
}

const paragraph = (
  text: string,
  style = `margin:0 0 16px;font-size:16px;line-height:1.5;color:${TEXT};`,
) => html`<p style="${style}">${text}</p>`;

function factsTable(facts: NonNullable<EmailContent["facts"]>): SafeHtml {
  const rows = facts.map(
    ({ label, value }) =>
      html`<tr><th scope="row" style="padding:8px 12px 8px 0;text-align:left;vertical-align:top;font-size:14px;font-weight:600;color:${MUTED};white-space:nowrap;">${label}</th><td style="padding:8px 0;font-size:14px;line-height:1.5;color:${TEXT};white-space:pre-wrap;word-break:break-word;">${value}</td></tr>`,
  );
  return html`<table style="width:100%;border-collapse:collapse;margin:0 0 24px;border-top:1px solid #e5e7eb;">${rows}</table>`;
}

function actionBlock(action: NonNullable<EmailContent["action"]>): SafeHtml {
  const url = action.url;
  return html`<p style="margin:0 0 24px;"><a href="${url}" style="display:inline-block;padding:12px 20px;border-radius:6px;background-color:${LINK};color:#ffffff;font-size:16px;font-weight:600;text-decoration:none;">${action.label}</a></p>${paragraph(
    "If the button does not work, copy this link into your browser:",
    `margin:0 0 4px;font-size:14px;line-height:1.5;color:${MUTED};`,
  )}<p style="margin:0 0 24px;font-size:14px;line-height:1.5;word-break:break-all;"><a href="${url}" style="color:${LINK};">${url}</a></p>`;
}

function renderHtml(content: EmailContent, subject: string): string {
  const body = html`<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<div style="display:none;max-height:0;overflow:hidden;" aria-hidden="true">${content.preheader}</div>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d9dce1;border-radius:8px;">
<tr><td style="padding:32px 32px 8px;${FONT}">
<p style="margin:0 0 24px;font-size:14px;font-weight:600;color:${MUTED};">${PRODUCT_NAME}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;">${oneLine(content.heading)}</h1>
${content.paragraphs.map((text) => paragraph(text))}
${content.facts?.length ? factsTable(content.facts) : ""}
${content.action ? actionBlock(content.action) : ""}
${(content.closing ?? []).map((text) => paragraph(text))}
</td></tr>
<tr><td style="padding:16px 32px 32px;border-top:1px solid #e5e7eb;${FONT}font-size:13px;line-height:1.5;color:${MUTED};">${content.footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return body.value;
}

/** Both parts come from the same content, so the text part is never an afterthought. */
export function renderContent(content: EmailContent): RenderedEmail {
  const subject = oneLine(content.subject);
  const checked: EmailContent = content.action
    ? { ...content, action: { ...content.action, url: assertEmailUrl(content.action.url) } }
    : content;
  return { subject, text: renderText(checked), html: renderHtml(checked, subject) };
}
