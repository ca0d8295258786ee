import type { ApiClient } from "~kit/api/client";

/** Which engine answered: Workers AI in production, the built-in rules otherwise. */
export type WritingEngine = "workers-ai" | "heuristic";

export interface Enhancement {
  text: string;
  tips: string[];
  engine: WritingEngine;
  engine_label: string;
  usage: { used: number; limit: number | null };
}

export type EnhanceKind = "bullet" | "summary";

export const enhanceText = (api: ApiClient, body: { text: string; kind: EnhanceKind }) =>
  api.post<Enhancement>("/api/ai/enhance", body);
