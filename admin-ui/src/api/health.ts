import type { ApiClient } from "~kit/api/client";

export type BindingStatus = "ok" | "error" | "not_configured";

export interface BindingHealth {
  status: BindingStatus;
  latency_ms?: number;
  detail?: string;
}

/** GET /api/health — answered with 200 when ok and 503 when degraded, same body shape. */
export interface HealthReport {
  status: "ok" | "degraded";
  environment: string;
  version: string;
  bindings: Record<string, BindingHealth>;
}

export const fetchHealth = (api: ApiClient, signal?: AbortSignal): Promise<HealthReport> =>
  api.get<HealthReport>("/api/health", { signal });
