import { z } from "zod";
import { DATA_EXPORT_STATES } from "../gdpr/data-export";

/** The wire shapes of "Export my data" (README "Your data"). */

export const dataExportViewSchema = z.object({
  id: z.string(),
  state: z.enum(DATA_EXPORT_STATES),
  /** 0–100 while the workflow gathers and zips. */
  progress: z.number().int().min(0).max(100),
  /** The zip's size in bytes, once ready. */
  size: z.number().int().nullable(),
  /** A readable reason when the export failed. */
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  /** When the zip and its links stop working (7 days after it was ready). */
  expires_at: z.string().nullable(),
  /** A signed download link (works without signing in) while the export is ready. */
  download_url: z.string().nullable(),
  /** Where to follow this export: `GET /api/account/data-export/{id}`. */
  status_url: z.string(),
});
export type DataExportView = z.infer<typeof dataExportViewSchema>;

/** The latest export of the account, or null when it never asked for one. */
export const latestDataExportSchema = dataExportViewSchema.nullable();
