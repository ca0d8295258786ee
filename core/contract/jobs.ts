import { z } from "zod";
import { JOB_STATUSES } from "../jobs/status";

/**
 * The wire shape of a long-running job (`GET /api/jobs/{id}`), read by the Worker's route
 * and by both apps' pollers. The states and their transitions are `core/jobs/status.ts`.
 */
export const jobStatusSchema = z.enum(JOB_STATUSES);

export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: jobStatusSchema,
    step: z.string().nullable(),
    percent: z.number().int().min(0).max(100),
    result: z.unknown(),
    error: jobErrorSchema.nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: "Job" });

export type Job = z.output<typeof jobSchema>;
export type { JobStatus } from "../jobs/status";
