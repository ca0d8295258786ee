/**
 * The Workers AI models writing help may use (README "Writing help"), and what it uses unless
 * live configuration says otherwise (README "Live configuration", `ai`). Each takes the chat
 * `messages` input and answers `{ response }`.
 */
export const WRITING_MODELS = [
  "@cf/meta/llama-3.1-8b-instruct",
  "@cf/meta/llama-3.1-8b-instruct-fast",
  "@cf/meta/llama-3.2-3b-instruct",
  "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
] as const;
export type WritingModel = (typeof WRITING_MODELS)[number];

export interface WritingModelSettings {
  model: WritingModel;
  /** 0 is the most predictable answer; Workers AI's Llama models default to 0.6. */
  temperature: number;
}

export const WRITING_MODEL_DEFAULTS: WritingModelSettings = {
  model: "@cf/meta/llama-3.1-8b-instruct",
  temperature: 0.6,
};
