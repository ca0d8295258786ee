/**
 * The preview's zoom and fullness, as plain values (README "Editor and preview"): the zoom is
 * either "fit" (the page as wide as the pane) or a fixed scale from the steps below.
 */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] as number;

export type Zoom = "fit" | number;

/** The next step above the scale shown now (a fitted scale counts as where it is). */
export function zoomIn(shown: number): number {
  return ZOOM_STEPS.find((step) => step > shown + 1e-3) ?? MAX_ZOOM;
}

/** The next step below the scale shown now. */
export function zoomOut(shown: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < shown - 1e-3) ?? MIN_ZOOM;
}

/** The scale that makes `contentWidth` fill `paneWidth`, within the zoom range. */
export function fitScale(paneWidth: number, contentWidth: number): number {
  if (!(paneWidth > 0) || !(contentWidth > 0)) return 1;
  return Math.min(MAX_ZOOM, Math.max(0.2, paneWidth / contentWidth));
}

/** What sessionStorage held: a known step or "fit"; anything else is "fit". */
export function parseZoom(stored: string | null): Zoom {
  const value = Number(stored);
  return ZOOM_STEPS.some((step) => step === value) ? value : "fit";
}

/** "125 %" */
export const zoomLabel = (scale: number) => `${Math.round(scale * 100)} %`;

/**
 * "1.3 pages": full pages plus the share of the last page's content area in use, rounded up
 * to a tenth, so a line spilling onto a new page never reads as one page.
 */
export function formatFullness(pages: number, lastPageUsed: number): string {
  const whole = Math.max(1, Math.floor(pages));
  const share = Math.min(1, Math.max(0.1, Math.ceil(Math.max(0, lastPageUsed) * 10 - 1e-6) / 10));
  return `${(whole - 1 + share).toFixed(1)} pages`;
}
