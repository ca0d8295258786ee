import type { ApiClient } from "~shared/api/client";
import { ApiError } from "~shared/api/envelope";

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
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) {
    let message = "The file could not be downloaded. Try again.";
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // not an envelope: keep the general message
    }
    throw new ApiError(response.status, "download_failed", message);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // after the click has handed the blob to the browser's download
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** "12.3 KB" */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
