import { z } from "zod";
import { EXPORT_FORMATS } from "../export/formats";
import { PAGE_SIZES } from "../resume/schema";
import { TEMPLATES } from "../templates";
import { jobErrorSchema, jobStatusSchema } from "./jobs";

/**
 * The wire shapes of exports: asking for one (`POST /api/resumes/{id}/export`), the list
 * (`GET /api/exports`) and what a finished export job holds in `result`. File names,
 * formats and content types are `core/export/formats.ts`.
 */

/** A metered call answers with the plan's monthly allowance as it now stands. */
export const usageSchema = z.object({ used: z.number().int(), limit: z.number().int().nullable() });
export type Usage = z.output<typeof usageSchema>;

export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type PageSize = (typeof PAGE_SIZES)[number];

export const exportOptionsSchema = z
  .object({
    page_size: z.enum(PAGE_SIZES).optional(),
    template: z
      .string()
      .refine((id) => TEMPLATES.some((template) => template.id === id), "Not a template")
      .optional(),
  })
  .strict();
export type ExportOptions = z.input<typeof exportOptionsSchema>;

export const exportRequestSchema = z
  .object({ format: exportFormatSchema, options: exportOptionsSchema.default({}) })
  .strict()
  .meta({ id: "ExportRequest" });
export type ExportRequest = z.input<typeof exportRequestSchema>;

/** The 202 answer: the job to poll and the allowance it counted against. */
export const startedExportSchema = z.object({
  job_id: z.string(),
  status: jobStatusSchema,
  status_url: z.string(),
  usage: usageSchema,
});
export type StartedExport = z.output<typeof startedExportSchema>;

/** One row of `GET /api/exports`: the job, and what it was asked to export. */
export const exportItemSchema = z
  .object({
    job_id: z.string(),
    status: jobStatusSchema,
    step: z.string().nullable(),
    percent: z.number().int(),
    error: jobErrorSchema.nullable(),
    format: exportFormatSchema.nullable(),
    resume_id: z.string().nullable(),
    resume_title: z.string().nullable(),
    version: z.number().int().nullable(),
    filename: z.string().nullable(),
    size: z.number().int().nullable(),
    download_path: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: "ExportItem" });
export type ExportItem = z.output<typeof exportItemSchema>;

/** What a finished export job holds in `result` (the apps read the download from it). */
export const exportResultSchema = z.object({
  format: exportFormatSchema,
  filename: z.string(),
  size: z.number().int(),
  content_type: z.string(),
  download_path: z.string(),
  resume_id: z.string(),
  version: z.number().int(),
});
export type ExportResult = z.output<typeof exportResultSchema>;
