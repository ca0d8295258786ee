/**
 * What an export can produce and how each file is named and stored. Pure: the Worker, the
 * workflow and both apps agree on formats, content types and file names from here.
 */
export const EXPORT_FORMATS = ["pdf", "docx", "txt", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  txt: "text/plain; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export const EXPORT_LABELS: Record<ExportFormat, string> = {
  pdf: "PDF",
  docx: "Word (DOCX)",
  txt: "Plain text",
  json: "JSON Resume",
};

/** Where the file lives in R2; one key per job, so a re-run overwrites instead of adding. */
export const exportKey = (format: ExportFormat, jobId: string) => `exports/${format}/${jobId}`;

/** The job id of an export: `export-` and a UUID, so it cannot collide with other kinds. */
export const EXPORT_JOB_PATTERN = /^export-[0-9a-f-]{36}$/;

/**
 * A download name from the resume title: letters, digits, dashes; never empty, never a
 * path. `Jane Doe — CV (2026)` → `Jane-Doe-CV-2026.pdf`.
 */
export function exportFilename(title: string, format: ExportFormat): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "resume";
  return `${base}.${format}`;
}

/** `Content-Disposition` for a download, with an RFC 5987 name for non-ASCII titles. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
