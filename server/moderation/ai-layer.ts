// The AI layer (README "Content moderation"): Workers AI in production — Llama Guard on the text,
// a vision model on photos; without the AI binding (local, tests) the built-in classifiers stand
// in, and their model ids say so in every recorded decision.
import { samplePixels } from "../../core/media/pixels";
import { BUILTIN_CLASSIFIER, classifyLocally } from "../../core/moderation/classifier";
import {
  BUILTIN_IMAGE_CLASSIFIER,
  classifyImageLocally,
} from "../../core/moderation/image-classifier";
import { parseLlamaGuard } from "../../core/moderation/llama-guard";
import type { ModerationDocument, ModerationSignal } from "../../core/moderation/model";
import { parseVisionAnswer, VISION_MODEL, VISION_PROMPT } from "../../core/moderation/vision";
import type { Env } from "../env";
import { type PhotoSnapshot, readPhotoCopy } from "./snapshots";
import webpDecoderWasm from "./webp-decoder-wasm";
import { sampleWebp } from "./webp-pixels";

export const LLAMA_GUARD = "@cf/meta/llama-guard-3-8b";
/** Llama Guard reads the whole text; a resume is pages, so this bounds an abusive document. */
const MAX_CHARACTERS = 24_000;

type Classification = { signals: ModerationSignal[]; model: string };

export async function classifyContent(
  env: Pick<Env, "AI">,
  doc: ModerationDocument,
): Promise<Classification> {
  if (!env.AI) return { signals: classifyLocally(doc), model: BUILTIN_CLASSIFIER.id };
  const text = doc.fields
    .map((field) => field.text)
    .join("\n")
    .slice(0, MAX_CHARACTERS);
  const result = (await env.AI.run(
    LLAMA_GUARD as Parameters<Ai["run"]>[0],
    {
      messages: [{ role: "user", content: text }],
    } as never,
  )) as { response?: string | { safe?: boolean; categories?: string[] } };
  return { signals: parseLlamaGuard(result.response ?? ""), model: LLAMA_GUARD };
}

/** The checked copy of a photo through the vision model, or the pixel heuristic standing in. */
export async function classifyPhoto(
  env: Pick<Env, "AI" | "FILES">,
  snapshot: PhotoSnapshot,
): Promise<Classification> {
  const copy = await readPhotoCopy(env, snapshot);
  // The copy is written before the case is opened; missing, it was erased with the account.
  if (!copy) throw new Error(`the checked copy of photo ${snapshot.sha256} is missing`);
  if (!env.AI) {
    const sample =
      copy.contentType === "image/webp"
        ? await sampleWebp(copy.bytes, webpDecoderWasm)
        : samplePixels(copy.bytes, copy.contentType);
    return { signals: classifyImageLocally(sample), model: BUILTIN_IMAGE_CLASSIFIER.id };
  }
  const result = (await env.AI.run(VISION_MODEL, {
    prompt: VISION_PROMPT,
    // The binding takes the file's bytes as integers (Workers AI docs for this model).
    image: [...copy.bytes],
    max_tokens: 200,
    temperature: 0,
  })) as { response?: string };
  return { signals: parseVisionAnswer(result.response ?? ""), model: VISION_MODEL };
}
