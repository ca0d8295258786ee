import type { DataExportView } from "~core/contract/data-export";
import type { ApiClient } from "~kit/api/client";

/** "Export my data" (README "Your data"). */

export type { DataExportView } from "~core/contract/data-export";

const PATH = "/api/account/data-export";

export const fetchLatestDataExport = (api: ApiClient, signal?: AbortSignal) =>
  api.get<DataExportView | null>(PATH, { signal });

/** The key makes a retried click return the first answer rather than ask twice. */
export const requestDataExport = (api: ApiClient, key: string) =>
  api.post<DataExportView>(PATH, undefined, { headers: { "Idempotency-Key": key } });
