/**
 * Text with some ranges marked, as segments a page renders with `<mark>`: the evidence of a
 * moderation signal in a field of the resume, or a rule's matches in sample text. Pure.
 */

export interface MarkSpan {
  /** UTF-16 offsets into the text, end exclusive (what `match.index` counts). */
  start: number;
  end: number;
  /**
   * What to show instead of the text under the span: the evidence's masked excerpt, so
   * personal data found in a field is never shown in the clear here.
   */
  shown?: string;
  /** What the mark means, e.g. "PII leakage · pii.card_number"; read with the mark. */
  label?: string;
}

export type Segment =
  | { marked: false; text: string }
  | { marked: true; text: string; labels: string[] };

interface Group {
  start: number;
  end: number;
  shown: string[];
  labels: string[];
}

const addOnce = (list: string[], value: string | undefined) => {
  if (value !== undefined && value !== "" && !list.includes(value)) list.push(value);
};

/** Spans inside the text, in order, overlapping ones joined into one group. */
function groupSpans(length: number, spans: readonly MarkSpan[]): Group[] {
  const clamp = (value: number) => Math.min(length, Math.max(0, Math.trunc(value)));
  const valid = spans
    .filter((span) => Number.isFinite(span.start) && Number.isFinite(span.end))
    .map((span) => ({ ...span, start: clamp(span.start), end: clamp(span.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: Group[] = [];
  for (const span of valid) {
    const last = groups.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      addOnce(last.shown, span.shown);
      addOnce(last.labels, span.label);
      continue;
    }
    const group: Group = { start: span.start, end: span.end, shown: [], labels: [] };
    addOnce(group.shown, span.shown);
    addOnce(group.labels, span.label);
    groups.push(group);
  }
  return groups;
}

/**
 * The text cut into plain and marked segments. A marked segment shows its spans'
 * replacements (joined when spans overlap) when any span has one, else the text itself;
 * the text under a span with a replacement never appears.
 */
export function markSpans(text: string, spans: readonly MarkSpan[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const group of groupSpans(text.length, spans)) {
    if (group.start > at) segments.push({ marked: false, text: text.slice(at, group.start) });
    segments.push({
      marked: true,
      text: group.shown.length > 0 ? group.shown.join(" … ") : text.slice(group.start, group.end),
      labels: group.labels,
    });
    at = group.end;
  }
  if (at < text.length || segments.length === 0) {
    segments.push({ marked: false, text: text.slice(at) });
  }
  return segments;
}
