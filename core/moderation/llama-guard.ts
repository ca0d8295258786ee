/**
 * Reading `@cf/meta/llama-guard-3-8b`'s verdict (the Worker makes the call; this only parses).
 * Llama Guard 3 answers `safe`, or `unsafe` with a line of the hazard codes it found
 * (`unsafe\nS1,S10`), from the MLCommons hazard taxonomy (Llama Guard 3 model card):
 * S1 violent crimes, S2 non-violent crimes, S3 sex-related crimes, S4 child sexual
 * exploitation, S5 defamation, S6 specialized advice, S7 privacy, S8 intellectual property,
 * S9 indiscriminate weapons, S10 hate, S11 suicide & self-harm, S12 sexual content,
 * S13 elections, S14 code interpreter abuse.
 * Workers AI may also return the verdict as an object `{ safe, categories }`; both are read.
 *
 * Confidence: Llama Guard gives a verdict, not a score. A named hazard that maps squarely onto
 * one of our categories gets 95 (above the automatic threshold: the model is purpose-built and
 * named it); one that maps loosely (non-violent crimes as scams, defamation as hate) gets 70,
 * so a person reviews it. S6 and S13 have no category of ours and produce no signal. An
 * `unsafe` with no readable code produces nothing either: we cannot say what is wrong.
 */
import type { ModerationCategory, ModerationSignal } from "./model";

export const LLAMA_GUARD_MODEL = "@cf/meta/llama-guard-3-8b";

const DIRECT = 95;
const LOOSE = 70;

const HAZARDS: Record<
  string,
  { name: string; category: ModerationCategory; confidence: number } | null
> = {
  S1: { name: "violent crimes", category: "violence", confidence: DIRECT },
  S2: { name: "non-violent crimes (fraud, scams)", category: "spam", confidence: LOOSE },
  S3: { name: "sex-related crimes", category: "nsfw", confidence: DIRECT },
  S4: { name: "child sexual exploitation", category: "nsfw", confidence: 99 },
  S5: { name: "defamation", category: "hate", confidence: LOOSE },
  S6: null,
  S7: { name: "privacy", category: "pii", confidence: DIRECT },
  S8: { name: "intellectual property", category: "copyright", confidence: DIRECT },
  S9: { name: "indiscriminate weapons", category: "violence", confidence: DIRECT },
  S10: { name: "hate", category: "hate", confidence: DIRECT },
  S11: { name: "suicide and self-harm", category: "violence", confidence: DIRECT },
  S12: { name: "sexual content", category: "nsfw", confidence: DIRECT },
  S13: null,
  S14: { name: "code interpreter abuse", category: "malicious_link", confidence: LOOSE },
};

export type LlamaGuardAnswer = string | { safe?: unknown; categories?: unknown } | null | undefined;

export interface LlamaGuardVerdict {
  verdict: "safe" | "unsafe" | "unreadable";
  codes: string[];
}

/** The verdict and hazard codes of an answer, whatever shape it came in. */
export function readLlamaGuard(answer: LlamaGuardAnswer): LlamaGuardVerdict {
  if (answer && typeof answer === "object") {
    if (answer.safe === true) return { verdict: "safe", codes: [] };
    if (answer.safe !== false) return { verdict: "unreadable", codes: [] };
    const codes = Array.isArray(answer.categories)
      ? answer.categories.filter((c) => typeof c === "string")
      : [];
    return { verdict: "unsafe", codes: codesIn(codes.join(",")) };
  }
  if (typeof answer !== "string") return { verdict: "unreadable", codes: [] };
  const [first = "", ...rest] = answer.trim().split(/\r?\n/);
  const head = first.trim().toLowerCase();
  if (head === "safe") return { verdict: "safe", codes: [] };
  if (head !== "unsafe") return { verdict: "unreadable", codes: [] };
  return { verdict: "unsafe", codes: codesIn(rest.join(",")) };
}

/** `S1, s10 ,S99` → `["S1", "S10"]`: known codes only, each once, in order. */
function codesIn(text: string): string[] {
  const codes = text
    .slice(0, 200)
    .split(/[\s,]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code in HAZARDS);
  return [...new Set(codes)];
}

/** Signals (layer "ai") for an answer: one per category, its strongest hazard's confidence. */
export function parseLlamaGuard(answer: LlamaGuardAnswer): ModerationSignal[] {
  const { verdict, codes } = readLlamaGuard(answer);
  if (verdict !== "unsafe") return [];
  const byCategory = new Map<ModerationCategory, ModerationSignal>();
  for (const code of codes) {
    const hazard = HAZARDS[code];
    if (!hazard) continue;
    const existing = byCategory.get(hazard.category);
    if (existing && existing.confidence >= hazard.confidence) {
      existing.detail += `, ${code} ${hazard.name}`;
      continue;
    }
    byCategory.set(hazard.category, {
      layer: "ai",
      category: hazard.category,
      confidence: hazard.confidence,
      model: LLAMA_GUARD_MODEL,
      detail: `Llama Guard: ${code} ${hazard.name}${existing ? existing.detail.replace(/^Llama Guard:/, ",") : ""}`,
    });
  }
  return [...byCategory.values()];
}
