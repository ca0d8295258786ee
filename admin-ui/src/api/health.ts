import type { HealthReport } from "~core/contract/admin";
import type { ApiClient } from "~kit/api/client";

/** GET /api/health — answered with 200 when ok and 503 when degraded, same body shape. */
export type { BindingHealth, BindingStatus, HealthReport } from "~core/contract/admin";

export const fetchHealth = (api: ApiClient, signal?: AbortSignal): Promise<HealthReport> =>
  api.get<HealthReport>("/api/health", { signal });
