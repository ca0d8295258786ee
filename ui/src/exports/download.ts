import type { ApiClient } from "~kit/api/client";
import { downloadFile } from "~kit/browser/download";

/**
 * Saves a finished export. The file is served to the signed-in owner through the session
 * cookie; a job read first lets the API client refresh an expired access token, so the
 * download itself never meets a 401 after the editor sat open for a while.
 */
export async function downloadExport(
  api: ApiClient,
  jobId: string,
  path: string,
  filename: string,
): Promise<void> {
  await api.get(`/api/jobs/${encodeURIComponent(jobId)}`);
  await downloadFile(path, filename, "The file could not be downloaded. Try again.");
}

/** "12.3 KB" */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
