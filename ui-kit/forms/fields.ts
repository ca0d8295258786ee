/** A light check before the server's: something@something.tld, no spaces. */
export const looksLikeEmail = (value: string): boolean =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/**
 * For a heading that replaces the page's content (a form's "done" state): focus it once it
 * is in the page, so screen readers read the new state and Tab continues from there.
 */
export function focusOnMount(element: HTMLElement): void {
  queueMicrotask(() => element.focus());
}

/**
 * A website as typed ("ada.dev", "https://ada.dev/cv") as an absolute http(s) URL, or
 * null when it cannot be one.
 */
export function normalizeWebsite(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const candidate = /^[a-z][a-z\d+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (!url.hostname.includes(".")) return null;
    const text = url.toString();
    return url.pathname === "/" && !url.search && !url.hash ? text.slice(0, -1) : text;
  } catch {
    return null;
  }
}
