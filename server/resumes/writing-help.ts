import type { EnhanceKind, WritingEngine } from "../../core/contract/writing";
import type { PlanTable } from "../../core/plans/entitlements";
import { type BulletAdvice, improveBullet, improveSummary } from "../../core/writing/bullets";
import { sameWording } from "../../core/writing/same-wording";
import { type SuggestionInput, type SuggestionKind, suggest } from "../../core/writing/suggest";
import { meter } from "../billing/entitlements";
import { refundUsage } from "../billing/usage";
import { requireFeature } from "../config/feature-flags";
import { writingModelSettings } from "../config/writing-model";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { errorFields } from "../logger";
import { enforceLimit } from "../ops/rate-limits";

type ModelEnv = Pick<Env, "AI" | "CACHE" | "DB">;

/** Which engine answered: every response says so (README "Writing help"). */
export type Engine = WritingEngine;
export const ENGINE_LABELS: Record<Engine, string> = {
  "workers-ai": "Workers AI",
  heuristic: "Built-in writing rules (no AI model)",
};

/**
 * One writing-help call: only where the `writing_help` flag is on for the user (README "Live
 * configuration"), at most 20 a minute, then counted against the plan's month.
 */
export async function meterAiCall(
  env: Pick<Env, "DB" | "RATE_LIMITS" | "CACHE">,
  user: { id: string; plan: string; plans: PlanTable },
  now: number,
): Promise<{ used: number; limit: number | null; period: string }> {
  await requireFeature(env, "writing_help", user);
  await enforceLimit(env, "writingHelp", user.id, now);
  return meter(env, user, "ai_calls", now);
}

/** The model and temperature are live configuration's (README "Live configuration", `ai`). */
async function askModel(env: ModelEnv, system: string, user: string): Promise<string> {
  const { model, temperature } = await writingModelSettings(env);
  const result = (await env.AI!.run(
    model as Parameters<Ai["run"]>[0],
    {
      messages: [
        { role: "system", content: system },
        { role: "user", content: user },
      ],
      max_tokens: 400,
      temperature,
    } as never,
  )) as { response?: string };
  if (typeof result?.response !== "string" || !result.response.trim())
    throw new Error("empty model response");
  return result.response.trim();
}

/** The model is asked for JSON; anything else counts as a failed answer. */
function parseJson<T>(text: string, check: (value: unknown) => value is T): T {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  const value: unknown = JSON.parse(text.slice(start, end + 1));
  if (!check(value)) throw new Error("model answer has the wrong shape");
  return value;
}

const isAdvice = (value: unknown): value is BulletAdvice =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as BulletAdvice).text === "string" &&
  Array.isArray((value as BulletAdvice).tips ?? []);

const isSuggestions = (value: unknown): value is { suggestions: string[] } =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as { suggestions?: unknown }).suggestions) &&
  (value as { suggestions: unknown[] }).suggestions.every((item) => typeof item === "string");

/**
 * Improves a bullet or summary: Workers AI when bound, the built-in rules otherwise or when
 * the model fails, so writing help never just breaks.
 */
export async function enhanceText(
  env: ModelEnv,
  input: { text: string; kind: EnhanceKind },
  logger: Logger,
): Promise<BulletAdvice & { engine: Engine }> {
  const rules = () => (input.kind === "bullet" ? improveBullet : improveSummary)(input.text);
  if (env.AI) {
    try {
      const answer = await askModel(
        env,
        `You improve resume ${input.kind === "bullet" ? "bullet points" : "summaries"}: start with a strong action verb, be concise, keep every fact, never invent numbers (write [N] where one would help). Reply only with JSON: {"text": string, "tips": string[]}.`,
        input.text,
      );
      const advice = parseJson(answer, isAdvice);
      return {
        text: advice.text.slice(0, 2000),
        tips: (advice.tips ?? []).slice(0, 5),
        engine: "workers-ai",
      };
    } catch (error) {
      logger.warn("writing help fell back to the built-in rules", errorFields(error));
    }
  }
  return { ...rules(), engine: "heuristic" };
}

type Usage = { used: number; limit: number | null };

/**
 * "Improve writing" as the person asks for it: metered like every writing-help call, but an
 * answer whose wording is the text they sent (README "Writing help") gives the use back, so
 * nothing is charged for a suggestion with nothing in it.
 */
export async function improveWriting(
  env: ModelEnv & Pick<Env, "RATE_LIMITS">,
  user: { id: string; plan: string; plans: PlanTable },
  input: { text: string; kind: EnhanceKind },
  now: number,
  logger: Logger,
): Promise<BulletAdvice & { engine: Engine; unchanged: boolean; usage: Usage }> {
  const { period, used, limit } = await meterAiCall(env, user, now);
  const answer = await enhanceText(env, input, logger);
  if (!sameWording(answer.text, input.text)) {
    return { ...answer, unchanged: false, usage: { used, limit } };
  }
  // Each no-op is its own use to give back, so the reference is fresh every time.
  const reference = `ai-unchanged:${crypto.randomUUID()}`;
  await refundUsage(env, { userId: user.id, metric: "ai_calls", period, reference }, now);
  return {
    ...answer,
    text: input.text,
    unchanged: true,
    usage: { used: Math.max(used - 1, 0), limit },
  };
}

export async function suggestText(
  env: ModelEnv,
  kind: SuggestionKind,
  input: SuggestionInput,
  logger: Logger,
): Promise<{ suggestions: string[]; engine: Engine }> {
  if (env.AI) {
    try {
      const answer = await askModel(
        env,
        `You help write resumes. Suggest ${kind === "skills" ? "up to 12 skills" : kind === "bullets" ? "5 achievement bullet points with [N] placeholders for numbers" : "2 short professional summaries"} for the role or job description given. Never invent facts about the person. Reply only with JSON: {"suggestions": string[]}.`,
        [
          input.role && `Role: ${input.role}`,
          input.jobDescription && `Job description: ${input.jobDescription}`,
        ]
          .filter(Boolean)
          .join("\n"),
      );
      const { suggestions } = parseJson(answer, isSuggestions);
      return {
        suggestions: suggestions.slice(0, 12).map((s) => s.slice(0, 300)),
        engine: "workers-ai",
      };
    } catch (error) {
      logger.warn("suggestions fell back to the built-in rules", errorFields(error));
    }
  }
  return { suggestions: suggest(kind, input), engine: "heuristic" };
}
