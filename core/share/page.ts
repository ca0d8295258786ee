/**
 * The HTML around a public share page (`/r/{slug}`): the policy headers that go with a
 * rendered resume, the "made with" footer for plans that keep the branding, the "Report this
 * resume" link every page has, and the small server-rendered pages a visitor may meet instead
 * (password form, report form, not found, too many tries). Nothing here runs script; every
 * dynamic value is escaped.
 */
import type { ModerationCategory } from "../moderation/model";
import { escapeHtml, type FontFace } from "../templates";

/** Where the build copies the template fonts (scripts/build-apps.mjs). */
export const RESUME_FONT_PATH = "/resume-fonts/";

/** Same-origin address of one template font file, for `renderResumeDocument({fonts})`. */
export const resumeFontUrl = (face: FontFace) =>
  `${RESUME_FONT_PATH}${face.file.slice(face.file.lastIndexOf("/") + 1)}`;

/**
 * The policy the document declares in its own `<meta>` CSP, so the header allows exactly
 * what the document does (no script, nothing from elsewhere but https photos).
 */
export function documentCsp(html: string): string {
  const match = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  if (!match?.[1]) throw new Error("rendered resume has no Content-Security-Policy meta");
  return match[1];
}

/** Policy for the small pages below: inline style, and the password form posts to itself. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const BRAND_CSS =
  ".rb-brand{margin:1.5rem auto 2rem;text-align:center;font:13px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#475569}.rb-brand a{color:#1d4ed8;text-decoration:underline}@media print{.rb-brand{display:none}}";

/**
 * Adds the "Made with Resume Builder" link below the resume (outside its content, hidden in
 * print). User text in the document is escaped, so the last `</body>` is the real one.
 */
export function withBranding(html: string): string {
  const head = html.lastIndexOf("</head>");
  const body = html.lastIndexOf("</body>");
  if (head < 0 || body < head) throw new Error("not a complete HTML document");
  const footer =
    '<footer class="rb-brand"><a href="/" rel="noopener">Made with Resume Builder</a></footer>\n';
  return `${html.slice(0, head)}<style>${BRAND_CSS}</style>\n${html.slice(head, body)}${footer}${html.slice(body)}`;
}

const REPORT_CSS =
  ".rb-report{margin:0 auto 2rem;text-align:center;font:13px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}.rb-report a{color:#475569;text-decoration:underline}@media print{.rb-report{display:none}}";

/** The "Report this resume" link under every public page, whatever the plan. */
export function withReportLink(html: string, slug: string): string {
  const head = html.lastIndexOf("</head>");
  const body = html.lastIndexOf("</body>");
  if (head < 0 || body < head) throw new Error("not a complete HTML document");
  const href = `/r/${encodeURIComponent(slug)}/report`;
  const footer = `<p class="rb-report"><a href="${escapeHtml(href)}" rel="nofollow">Report this resume</a></p>\n`;
  return `${html.slice(0, head)}<style>${REPORT_CSS}</style>\n${html.slice(head, body)}${footer}${html.slice(body)}`;
}

const DOWNLOAD_CSS =
  ".rb-download{margin:1rem auto 0;max-width:210mm;padding:0 1rem;text-align:right;font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}.rb-download a{display:inline-block;padding:.5rem 1rem;border-radius:8px;background:#2563eb;color:#fff;font-weight:600;text-decoration:none}.rb-download a:hover{background:#1d4ed8}.rb-download a:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}@media print{.rb-download{display:none}}";

/**
 * The "Download PDF" button above the resume (hidden in print). It goes to `/r/{slug}/pdf`,
 * which serves the same published document as a PDF and counts the download.
 */
export function withDownloadLink(html: string, slug: string): string {
  const head = html.lastIndexOf("</head>");
  const bodyOpen = html.indexOf("<body", head);
  const bodyStart = html.indexOf(">", bodyOpen) + 1;
  if (head < 0 || bodyOpen < 0 || bodyStart <= 0) throw new Error("not a complete HTML document");
  const href = `/r/${encodeURIComponent(slug)}/pdf`;
  const bar = `\n<p class="rb-download"><a href="${escapeHtml(href)}" rel="nofollow" download>Download PDF</a></p>`;
  return `${html.slice(0, head)}<style>${DOWNLOAD_CSS}</style>\n${html.slice(head, bodyStart)}${bar}${html.slice(bodyStart)}`;
}

const PAGE_CSS = `*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;padding:1.5rem;background:#f8fafc;color:#0f172a;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{width:100%;max-width:26rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(15,23,42,.08)}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 .5rem}p{margin:0 0 1rem;color:#334155}
label{display:block;font-weight:600;margin:1rem 0 .375rem}
input{width:100%;font:inherit;padding:.625rem .75rem;border:1px solid #94a3b8;border-radius:8px;color:inherit;background:#fff}
input[aria-invalid=true],textarea[aria-invalid=true]{border-color:#dc2626}
textarea{width:100%;min-height:6rem;font:inherit;padding:.625rem .75rem;border:1px solid #94a3b8;border-radius:8px;color:inherit;background:#fff}
fieldset{border:0;margin:1rem 0 0;padding:0}legend{font-weight:600;margin-bottom:.375rem}
.choice{display:flex;align-items:center;gap:.5rem;font-weight:400;margin:.25rem 0}.choice input{width:auto;margin:0}
button{margin-top:1rem;width:100%;font:inherit;font-weight:600;padding:.625rem 1rem;border:0;border-radius:8px;background:#2563eb;color:#fff;cursor:pointer}
button:hover{background:#1d4ed8}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.error{color:#b91c1c;font-weight:600;margin:.5rem 0 0}a{color:#1d4ed8}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#f1f5f9}main{background:#1e293b;border-color:#334155}p{color:#cbd5e1}input,textarea{background:#0f172a;border-color:#64748b}.error{color:#fca5a5}a{color:#93c5fd}}`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

/** A page that only explains itself: not found, too many tries, unavailable. */
export function messagePage(heading: string, message: string): string {
  return page(
    heading,
    `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(message)}</p>\n<p><a href="/">Resume Builder</a></p>`,
  );
}

export const notFoundPage = () =>
  messagePage(
    "This link isn’t available",
    "The resume you are looking for does not exist, or its owner has stopped sharing it.",
  );

/**
 * The password form. It posts to the page's own address; an error is tied to the field
 * (`aria-describedby`, `aria-invalid`) and announced (`role="alert"`) when the page loads.
 */
export function passwordPage(slug: string, error?: string): string {
  const action = `/r/${encodeURIComponent(slug)}`;
  const errorHtml = error
    ? `<p class="error" id="password-error" role="alert">${escapeHtml(error)}</p>\n`
    : "";
  const describedBy = error ? ' aria-describedby="password-error" aria-invalid="true"' : "";
  return page(
    "Password required",
    `<h1>This resume is protected</h1>
<p>Enter the password its owner gave you to see it.</p>
<form method="post" action="${escapeHtml(action)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128"${describedBy}${error ? " autofocus" : ""}>
${errorHtml}<button type="submit">View resume</button>
</form>`,
  );
}

/** What a visitor may report, in their words (README "Content moderation: reports"). */
export const REPORT_CATEGORY_LABELS: Record<ModerationCategory, string> = {
  nsfw: "Sexual or adult content",
  hate: "Hate speech",
  violence: "Violence or threats",
  spam: "Spam or a scam",
  pii: "Someone's private information",
  malicious_link: "A harmful or deceptive link",
  copyright: "Copied or pirated content",
};

/** The report form: a category (required) and what the visitor wants to add. */
export function reportPage(slug: string, error?: string): string {
  const action = `/r/${encodeURIComponent(slug)}/report`;
  const errorHtml = error
    ? `<p class="error" id="report-error" role="alert">${escapeHtml(error)}</p>\n`
    : "";
  const choices = Object.entries(REPORT_CATEGORY_LABELS)
    .map(
      ([value, label]) =>
        `<label class="choice"><input type="radio" name="category" value="${value}" required> ${escapeHtml(label)}</label>`,
    )
    .join("\n");
  return page(
    "Report this resume",
    `<h1>Report this resume</h1>
<p>Tell us what is wrong with it. Moderators look at every report; you don't need an account.</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset${error ? ' aria-describedby="report-error"' : ""}>
<legend>What is the problem?</legend>
${choices}
</fieldset>
${errorHtml}<label for="message">Anything else we should know? (optional)</label>
<textarea id="message" name="message" maxlength="1000"></textarea>
<button type="submit">Send report</button>
</form>
<p><a href="/r/${escapeHtml(encodeURIComponent(slug))}">Back to the resume</a></p>`,
  );
}
