import type {
  BulkEmailRequest,
  BulkSelection,
  BulkSuspendRequest,
  BulkSuspendResult,
} from "~core/contract/admin-bulk";
import type { ApiClient, DownloadedFile } from "~kit/api/client";
import { keyed } from "./standing";

/** README "Admin: users", bulk actions: export, suspend and email many accounts at once. */

export type {
  BulkEmailRequest,
  BulkSelection,
  BulkSuspendRequest,
  BulkSuspendResult,
} from "~core/contract/admin-bulk";

const BULK = "/api/admin/users/bulk";

/** The header the export counts its accounts in before the file streams (progress). */
export const EXPORT_ROWS_HEADER = "X-Export-Rows";

/**
 * The selection's CSV, streamed; `onProgress` hears the bytes so far and the row count the
 * server announced. Needs a recent second factor (the layout's step-up dialog).
 */
export const exportUsersCsv = (
  api: ApiClient,
  selection: BulkSelection,
  onProgress: (received: number, rows: number | null) => void,
  signal?: AbortSignal,
): Promise<DownloadedFile> =>
  api.download(
    "POST",
    `${BULK}/export`,
    { selection },
    {
      signal,
      onProgress: (received, headers) => {
        const rows = Number.parseInt(headers.get(EXPORT_ROWS_HEADER) ?? "", 10);
        onProgress(received, Number.isNaN(rows) ? null : rows);
      },
    },
  );

/** Each account through its ban workflow; skipped ones come back with why. */
export const suspendUsers = (api: ApiClient, body: BulkSuspendRequest, key: string) =>
  api.post<BulkSuspendResult>(`${BULK}/suspend`, body, keyed(key));

/** 202 with the job that sends the emails (its page: /jobs/{job_id}). */
export const emailUsers = (api: ApiClient, body: BulkEmailRequest, key: string) =>
  api.post<{ job_id: string }>(`${BULK}/email`, body, keyed(key));
