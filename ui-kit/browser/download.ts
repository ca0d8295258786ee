import { ApiError } from "../api/envelope";

/**
 * Hands `blob` to the browser's download as `filename`. The object URL is revoked a minute
 * later, once the click has long given the file to the download.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/**
 * Fetches a file the session cookie may read and saves it. Callers make one API call first
 * (the job, the invoice) so the client refreshes an expired access token: the download
 * itself never meets a 401 after the page sat open for a while. A refusal becomes an
 * ApiError `download_failed` with the server's words, or `fallback` when it sent none.
 */
export async function downloadFile(path: string, filename: string, fallback: string) {
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new ApiError(response.status, "download_failed", body?.error?.message ?? fallback);
  }
  saveBlob(await response.blob(), filename);
}
