import { z } from "zod";
import { PAGE_SIZES } from "../resume/schema";
import { EXPORT_FORMATS } from "./formats";

/**
 * What an export job needs to run: written once when it is requested, carried by the PDF
 * queue's message and handed to the workflow unchanged.
 */
export const exportParamsSchema = z.object({
  jobId: z.string().regex(/^export-[0-9a-f-]{36}$/),
  userId: z.string().min(1),
  resumeId: z.string().min(1),
  /** The resume version at request time: later edits do not change this export. */
  version: z.number().int().min(1),
  title: z.string(),
  format: z.enum(EXPORT_FORMATS),
  template: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
  pageSize: z.enum(PAGE_SIZES).optional(),
  /**
   * The month the export was counted in (`2026-11`): a failed export is given back there.
   * Runs recorded before give-backs existed have none and, restarted, are not given back.
   */
  usagePeriod: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});
export type ExportParams = z.infer<typeof exportParamsSchema>;
