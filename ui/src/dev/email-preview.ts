/**
 * The email's HTML for a sandboxed `srcdoc` iframe, with `<base target="_blank">` so its
 * links open in a new tab (inside the frame they would be blocked or replace the preview).
 * An existing <base> keeps its href but gets the target.
 */
export function previewDocument(html: string): string {
  const base = '<base target="_blank">';
  if (/<base\b[^>]*>/i.test(html)) {
    return html.replace(/<base\b([^>]*?)\s*\/?>/i, (_, attributes: string) => {
      const withoutTarget = attributes.replace(/\starget\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, "");
      return `<base${withoutTarget} target="_blank">`;
    });
  }
  if (/<head\b[^>]*>/i.test(html)) return html.replace(/<head\b[^>]*>/i, (head) => head + base);
  return base + html;
}
