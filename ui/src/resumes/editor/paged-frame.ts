/**
 * The paged preview's frames (README "Editor and preview"). Each page is a frame holding the
 * whole paged document (core/templates/paged.ts) shifted to its page; the first one is also
 * measured. Frames are sandboxed without scripts but same-origin, so the editor can read
 * their layout and swap their content in place.
 */

/**
 * Shows `html` in `frame`: the first time through `srcdoc` (answers false: wait for `load`),
 * then in place, so typing never reloads the frame (no blank flash, no font reload while the
 * stylesheet stays the same). Answers true when the document is in place now.
 */
export function showDocument(frame: HTMLIFrameElement, html: string): boolean {
  const doc = frame.contentDocument;
  if (!doc?.body || frame.dataset.loaded !== "true") {
    frame.srcdoc = html;
    return false;
  }
  const next = new DOMParser().parseFromString(html, "text/html");
  if (next.head.innerHTML !== doc.head.innerHTML) {
    doc.documentElement.replaceWith(doc.adoptNode(next.documentElement));
    return true;
  }
  const root = doc.documentElement;
  for (const name of root.getAttributeNames()) root.removeAttribute(name);
  for (const attribute of next.documentElement.attributes) {
    root.setAttribute(attribute.name, attribute.value);
  }
  doc.body.replaceWith(doc.adoptNode(next.body));
  return true;
}

export interface PageMeasure {
  /** Columns of the flow, i.e. pages of the PDF. */
  pages: number;
  /** Share of the last page's content height in use, 0–1. */
  lastPageUsed: number;
}

/**
 * Pages of a paged document laid out at page 0: the flow's columns (its scroll width, and the
 * right-most column anything is drawn in), and how far down the last one the content goes.
 */
export function measurePages(doc: Document): PageMeasure | null {
  const flow = doc.querySelector<HTMLElement>(".paged-flow");
  const view = doc.defaultView;
  if (!flow || !view) return null;
  const box = flow.getBoundingClientRect();
  const gap = Number.parseFloat(view.getComputedStyle(flow).columnGap) || 0;
  const stride = box.width + gap;
  if (!(stride > 0) || !(box.height > 0)) return null;
  const range = doc.createRange();
  range.selectNodeContents(flow);
  let last = 0;
  let bottom = 0;
  for (const rect of range.getClientRects()) {
    if (!rect.width && !rect.height) continue;
    const column = Math.max(0, Math.floor((rect.left - box.left + 0.5) / stride));
    if (column > last) {
      last = column;
      bottom = 0;
    }
    if (column === last) bottom = Math.max(bottom, rect.bottom - box.top);
  }
  const byWidth = Math.round((flow.scrollWidth + gap) / stride);
  const pages = Math.max(1, last + 1, byWidth);
  return { pages, lastPageUsed: pages === last + 1 ? Math.min(1, bottom / box.height) : 0 };
}
