/**
 * The production image check: what the Worker asks the Workers AI vision model about an
 * uploaded photo, and how its answer becomes signals (the Worker makes the call; this only
 * builds the prompt and parses). An instruction-tuned model answers in text, so the prompt
 * asks for one JSON object of scores and the parser reads the first balanced `{…}` it finds:
 * models wrap JSON in prose or ```json fences despite being told not to.
 *
 * Failing closed: an answer that holds no readable scores is not "nothing found" — the model
 * said something we cannot read, so a person looks (65, the review band), never an allow.
 */
import { z } from "zod";
import { MODERATION_CATEGORIES, type ModerationCategory, type ModerationSignal } from "./model";

export const VISION_MODEL = "@cf/meta/llama-3.2-11b-vision-instruct";

/** The categories a picture can show; copyright is not judged from pixels. */
const VISION_CATEGORIES = MODERATION_CATEGORIES.filter(
  (category): category is Exclude<ModerationCategory, "copyright"> => category !== "copyright",
);

export const VISION_PROMPT = [
  "You are a content moderator. The image was uploaded as a profile photo or a resume photo",
  "and will be shown publicly. Rate how strongly the image shows each of the following, as an",
  "integer from 0 (not at all) to 100 (certainly):",
  "- nsfw: nudity, sexual or sexually suggestive content",
  "- hate: hate symbols, slurs or gestures against a group",
  "- violence: weapons aimed at people, gore, injury, self-harm",
  "- spam: advertising, promotions, prices, contact-me banners, crypto or giveaway offers",
  "- pii: visible identity-document, passport, bank-card or account numbers, or another person's private details",
  "- malicious_link: QR codes or URLs, especially ones that could lead to phishing or scams",
  "An ordinary portrait or headshot scores 0 on every item.",
  'Answer with ONLY a JSON object and nothing else, exactly these keys, for example: {"nsfw": 0, "hate": 0, "violence": 0, "spam": 0, "pii": 0, "malicious_link": 0}',
].join("\n");

/** Signals below this are noise the decision would ignore anyway. */
const REPORT_FLOOR = 15;
/** An unreadable answer: the review band, so a person decides. */
const UNREADABLE = 65;
/** Only the start of an answer is scanned: a JSON object of six scores is under 200 bytes. */
const SCAN_LIMIT = 4096;
/** Candidate `{` positions tried before giving up (each is a linear scan). */
const MAX_CANDIDATES = 8;

const DETAIL: Record<(typeof VISION_CATEGORIES)[number], string> = {
  nsfw: "The picture may show nudity or sexual content",
  hate: "The picture may show hate symbols or gestures",
  violence: "The picture may show weapons, gore or injury",
  spam: "The picture may be an advertisement or a promotion",
  pii: "The picture may show identity-document, card or account numbers",
  malicious_link: "The picture may carry a QR code or a link to a scam",
};

/** A score as the model wrote it: a number, or a number in a string ("85", "85%"). */
const score = z
  .union([z.number(), z.string().regex(/^\s*\d{1,3}(?:\.\d{1,4})?\s*%?\s*$/)])
  .transform((value) => (typeof value === "number" ? value : Number.parseFloat(value)))
  .pipe(z.number().finite());

const visionScores = z.object(
  Object.fromEntries(VISION_CATEGORIES.map((category) => [category, score.optional()])) as Record<
    (typeof VISION_CATEGORIES)[number],
    z.ZodOptional<typeof score>
  >,
);

/** The first balanced `{…}` from `from` (strings and escapes respected), or null. */
function balancedObject(text: string, from: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{") depth++;
    else if (char === "}") {
      depth--;
      if (depth === 0) return text.slice(from, i + 1);
    }
  }
  return null;
}

/** The scores in an answer, or null when no object in its first 4 kB holds any. */
export function readVisionScores(
  text: string,
): Partial<Record<(typeof VISION_CATEGORIES)[number], number>> | null {
  const scanned = text.slice(0, SCAN_LIMIT);
  let from = scanned.indexOf("{");
  for (let tries = 0; from >= 0 && tries < MAX_CANDIDATES; tries++) {
    const candidate = balancedObject(scanned, from);
    if (candidate) {
      let json: unknown;
      try {
        json = JSON.parse(candidate);
      } catch {
        json = null;
      }
      const parsed = visionScores.safeParse(json);
      if (parsed.success) {
        const entries = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
        if (entries.length > 0) return normalise(entries as [string, number][]);
      }
    }
    from = scanned.indexOf("{", from + 1);
  }
  return null;
}

/**
 * Clamped to 0–100. A model that answers fractions despite the prompt ({"nsfw": 0.93}) is
 * read as such: every score within 0–1 and at least one not a whole number means 0–1 scale.
 */
function normalise(entries: [string, number][]): Record<string, number> {
  const fractions =
    entries.every(([, value]) => value >= 0 && value <= 1) &&
    entries.some(([, value]) => !Number.isInteger(value));
  return Object.fromEntries(
    entries.map(([category, value]) => [
      category,
      Math.round(Math.min(100, Math.max(0, fractions ? value * 100 : value))),
    ]),
  );
}

/** Signals (layer "ai") for the vision model's answer text. */
export function parseVisionAnswer(text: string): ModerationSignal[] {
  const scores = readVisionScores(text);
  if (!scores) {
    return [
      {
        layer: "ai",
        category: "nsfw",
        confidence: UNREADABLE,
        model: VISION_MODEL,
        detail: "The vision model's answer could not be read, so a person looks at the picture",
      },
    ];
  }
  const signals: ModerationSignal[] = [];
  for (const category of VISION_CATEGORIES) {
    const confidence = scores[category];
    if (confidence === undefined || confidence < REPORT_FLOOR) continue;
    signals.push({
      layer: "ai",
      category,
      confidence,
      model: VISION_MODEL,
      detail: `${DETAIL[category]} (${VISION_MODEL})`,
    });
  }
  return signals;
}
