import { z } from "zod";
import { SUGGESTION_KINDS } from "../writing/suggest";
import { usageSchema } from "./exports";

/**
 * The wire shapes of writing help (`POST /api/ai/enhance`, `POST /api/ai/suggest`).
 * Every answer names the engine that wrote it (README "Writing help").
 */
export const WRITING_ENGINES = ["workers-ai", "heuristic"] as const;
export type WritingEngine = (typeof WRITING_ENGINES)[number];

export const ENHANCE_KINDS = ["bullet", "summary"] as const;
export type EnhanceKind = (typeof ENHANCE_KINDS)[number];

const engineFields = {
  engine: z.enum(WRITING_ENGINES),
  engine_label: z.string(),
  usage: usageSchema,
};

export const enhanceRequestSchema = z.object({
  text: z.string().trim().min(3, "Write something to improve first").max(2000),
  kind: z.enum(ENHANCE_KINDS).default("bullet"),
});
export type EnhanceRequest = z.input<typeof enhanceRequestSchema>;

export const enhancementSchema = z.object({
  text: z.string(),
  tips: z.array(z.string()),
  /** The wording came back the same: nothing to apply, and the call was not counted. */
  unchanged: z.boolean(),
  ...engineFields,
});
export type Enhancement = z.output<typeof enhancementSchema>;

export const suggestRequestSchema = z
  .object({
    role: z.string().trim().min(2).max(120).optional(),
    job_description: z.string().trim().min(20).max(10_000).optional(),
    kind: z.enum(SUGGESTION_KINDS),
  })
  .refine((body) => body.role || body.job_description, "Give a role or a job description");
export type SuggestRequest = z.input<typeof suggestRequestSchema>;

export const suggestionsSchema = z.object({ suggestions: z.array(z.string()), ...engineFields });
export type Suggestions = z.output<typeof suggestionsSchema>;
