// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.

import { resumeToModerationDocument } from "../../../core/moderation/document";
import type { ModerationSignal } from "../../../core/moderation/model";
import type { ResumeData } from "../../../core/resume/schema";
import { type MarkSpan, markSpans, type Segment } from "./highlight";
import { CATEGORY_LABELS } from "./labels";

/**
 * Where a case's signals matched, field by field: each field of the published resume that
 * has evidence, its text with the matched spans marked. The spans' offsets count in the text
 * the checks read (core/moderation/document.ts flattens the resume the same way), and each
 * mark shows the stored excerpt, masked for personal data: this list never unmasks.
 */
export interface EvidenceField {
  /** JSON path into the resume, e.g. `work[0].summary`. */
  path: string;
  /** False when the path is not text of this content (an image, or content since changed). */
  inDocument: boolean;
  segments: Segment[];
}

type SignalSource = { signals: readonly ModerationSignal[] };

const spanLabel = (signal: ModerationSignal) =>
  [CATEGORY_LABELS[signal.category], signal.rule ?? signal.model].filter(Boolean).join(" · ");

/** Every field with evidence, in the order the resume shows them; unknown paths last. */
export function evidenceFields(
  content: ResumeData | null,
  decisions: readonly SignalSource[],
): EvidenceField[] {
  const spansByPath = new Map<string, MarkSpan[]>();
  for (const decision of decisions) {
    for (const signal of decision.signals) {
      for (const evidence of signal.evidence ?? []) {
        const spans = spansByPath.get(evidence.path) ?? [];
        spans.push({
          start: evidence.start,
          end: evidence.end,
          shown: evidence.excerpt,
          label: spanLabel(signal),
        });
        spansByPath.set(evidence.path, spans);
      }
    }
  }
  if (spansByPath.size === 0) return [];

  // the owner's contacts only matter to the checks; paths and texts do not depend on them
  const document = content ? resumeToModerationDocument(content, { email: "" }) : null;
  const texts = new Map<string, string>();
  for (const field of document?.fields ?? []) texts.set(field.path, field.text);
  for (const link of document?.links ?? [])
    if (!texts.has(link.path)) texts.set(link.path, link.url);
  const order = [...texts.keys()];

  const found: EvidenceField[] = [];
  const unknown: EvidenceField[] = [];
  for (const [path, spans] of spansByPath) {
    const text = texts.get(path);
    if (text !== undefined) {
      found.push({ path, inDocument: true, segments: markSpans(text, spans) });
      continue;
    }
    // no text to place the spans in: the excerpts alone, each marked
    unknown.push({
      path,
      inDocument: false,
      segments: spans.map((span) => ({
        marked: true,
        text: span.shown ?? "",
        labels: span.label ? [span.label] : [],
      })),
    });
  }
  found.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
  return [...found, ...unknown];
}
