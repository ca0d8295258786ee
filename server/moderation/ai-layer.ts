// The AI layer (README "Content moderation"): Workers AI's Llama Guard in production; without
// the AI binding (local, tests) the built-in classifier stands in, and its model id says so in
// every recorded decision.
import { BUILTIN_CLASSIFIER, classifyLocally } from "../../core/moderation/classifier";
import { parseLlamaGuard } from "../../core/moderation/llama-guard";
import type { ModerationDocument, ModerationSignal } from "../../core/moderation/model";
import type { Env } from "../env";

export const LLAMA_GUARD = "@cf/meta/llama-guard-3-8b";
/** Llama Guard reads the whole text; a resume is pages, so this bounds an abusive document. */
const MAX_CHARACTERS = 24_000;

export async function classifyContent(
  env: Pick<Env, "AI">,
  doc: ModerationDocument,
): Promise<{ signals: ModerationSignal[]; model: string }> {
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
