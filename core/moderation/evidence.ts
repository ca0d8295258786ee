/**
 * Evidence spans: where a signal matched, with an excerpt safe to show a moderator and to
 * store in a case. Personal data is masked in the excerpt (the span still points at it, so the
 * preview can highlight the original on the page it is already published on).
 */
import type { ModerationEvidence } from "./model";

/** Excerpts are short: a moderator needs the gist, the preview shows the whole page. */
const EXCERPT_LIMIT = 80;
/** Signals keep a few spans each: enough to find the content, bounded for storage. */
export const EVIDENCE_LIMIT = 5;

/** Every letter and digit but the last four becomes a dot; separators stay for legibility. */
export function maskSecret(value: string): string {
  const keep = 4;
  let visible = 0;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(chars[i] as string)) continue;
    if (visible < keep) visible++;
    else chars[i] = "•";
  }
  return chars.join("");
}

/** `jane.doe@example.com` → `j•••@example.com`: the domain says enough. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at < 1) return maskSecret(value);
  return `${value[0]}•••${value.slice(at)}`;
}

export function clip(value: string): string {
  const flat = value.replace(/\s+/gu, " ");
  return flat.length > EXCERPT_LIMIT ? `${flat.slice(0, EXCERPT_LIMIT - 1)}…` : flat;
}

export function evidenceAt(
  path: string,
  start: number,
  end: number,
  excerpt: string,
): ModerationEvidence {
  return { path, start, end, excerpt: clip(excerpt) };
}
