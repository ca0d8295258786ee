import { and, count, desc, eq } from "drizzle-orm";
import type { ExportItem } from "../../core/contract/exports";
import { EXPORT_CONTENT_TYPES, type ExportFormat, exportKey } from "../../core/export/formats";
import { type ExportParams, exportParamsSchema } from "../../core/export/params";
import type { PlanTable } from "../../core/plans/entitlements";
import { createDb } from "../../db/client";
import { jobs, workflowRuns } from "../../db/schema";
import { assertTemplateInPlan, meter } from "../billing/entitlements";
import { refundUsage } from "../billing/usage";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { createJob, getJob, type JobView } from "../ops/jobs";
import { getResume } from "../resumes/resumes";
import { signDownloadToken, verifyDownloadToken } from "./export-links";

/** What a finished export job holds in `result`. */
export interface ExportResult {
  format: ExportFormat;
  filename: string;
  size: number;
  content_type: string;
  download_path: string;
  resume_id: string;
  version: number;
  [key: string]: string | number;
}

export const downloadPath = (jobId: string) => `/api/exports/${jobId}/download`;

export interface ExportRequest {
  format: ExportFormat;
  template?: string;
  pageSize?: "A4" | "Letter";
  /** When it is asked for (epoch ms): the month it counts in, the job's and run's times. */
  now: number;
}

/**
 * Checks the resume is the caller's and a PDF's template is in the plan (the one asked for,
 * else the resume's own: a resume left in a premium template by a downgrade prints in a
 * template of the plan, or not at all; other formats have no template; a read-only resume
 * beyond the plan's count still exports). Counts the export against the plan, creates the
 * job and queues it on the PDF queue; the consumer starts the workflow. The run is recorded
 * now, so the exports list knows what a still-queued job is for.
 */
export async function requestExport(
  env: Env,
  owner: { id: string; plan: string; plans: PlanTable },
  resumeId: string,
  request: ExportRequest,
): Promise<{ job: JobView; usage: { used: number; limit: number | null } }> {
  const resume = await getResume(env, owner.id, resumeId);
  if (resume.deletedAt !== null) throw notFound("Resume");
  if (request.format === "pdf") assertTemplateInPlan(owner, request.template ?? resume.template);
  const { now } = request;
  const { period, ...usage } = await meter(env, owner, "exports", now);
  const params: ExportParams = {
    jobId: `export-${crypto.randomUUID()}`,
    usagePeriod: period,
    userId: owner.id,
    resumeId,
    version: resume.version,
    title: resume.title,
    format: request.format,
    ...(request.template ? { template: request.template } : {}),
    ...(request.pageSize ? { pageSize: request.pageSize } : {}),
  };
  try {
    return { job: await queueExport(env, params, now), usage };
  } catch (error) {
    // Nothing was queued: the export this use paid for will never run.
    await refundUsage(
      env,
      {
        userId: owner.id,
        metric: "exports",
        period,
        reference: params.jobId,
      },
      now,
    );
    throw error;
  }
}

async function queueExport(env: Env, params: ExportParams, now: number): Promise<JobView> {
  const { jobId, userId, resumeId } = params;
  const job = await createJob(env, {
    id: jobId,
    kind: "export",
    ownerId: `user:${userId}`,
    note: `${params.format} export of version ${params.version}`,
    now,
  });
  await createDb(env.DB)
    .insert(workflowRuns)
    .values({
      instanceId: jobId,
      workflow: "export",
      subject: `resume:${resumeId}`,
      jobId,
      createdBy: `user:${userId}`,
      status: "queued",
      paramsJson: JSON.stringify(params),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  await env.PDF_QUEUE.send({ type: "export.run", job_id: jobId, params });
  return job;
}

const parseJson = (text: string | null): Record<string, unknown> | null => {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/** One's own exports, newest first, with what each was of (history and re-download). */
export async function listExports(
  env: Pick<Env, "DB">,
  userId: string,
  page: { page: number; perPage: number },
): Promise<{ items: ExportItem[]; total: number }> {
  const db = createDb(env.DB);
  const where = and(eq(jobs.ownerId, `user:${userId}`), eq(jobs.kind, "export"));
  const [rows, [total]] = await Promise.all([
    db
      .select({ job: jobs, paramsJson: workflowRuns.paramsJson })
      .from(jobs)
      .leftJoin(workflowRuns, eq(workflowRuns.instanceId, jobs.id))
      .where(where)
      .orderBy(desc(jobs.createdAt))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ value: count() }).from(jobs).where(where),
  ]);
  const items = rows.map(({ job, paramsJson }): ExportItem => {
    const params = exportParamsSchema.safeParse(parseJson(paramsJson));
    const result = job.status === "succeeded" ? parseJson(job.resultJson) : null;
    return {
      job_id: job.id,
      status: job.status,
      step: job.step,
      percent: job.percent,
      error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? "" } : null,
      format: params.success ? params.data.format : null,
      resume_id: params.success ? params.data.resumeId : null,
      resume_title: params.success ? params.data.title : null,
      version: params.success ? params.data.version : null,
      filename: typeof result?.filename === "string" ? result.filename : null,
      size: typeof result?.size === "number" ? result.size : null,
      download_path: result ? downloadPath(job.id) : null,
      created_at: new Date(job.createdAt).toISOString(),
      finished_at: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    };
  });
  return { items, total: total?.value ?? 0 };
}

export type DownloadAccess = { userId: string } | { token: string };

/**
 * The finished file, to its owner or to a valid signed link. Anyone else, and any job that
 * is not an export, gets the same 404, so job ids cannot be probed.
 */
export async function openExport(env: Env, jobId: string, access: DownloadAccess, now: number) {
  const job = await getJob(env, jobId, now);
  if (job?.kind !== "export") throw notFound("Export");
  if ("token" in access) {
    if (!(await verifyDownloadToken(env, access.token, jobId, now))) {
      throw new AppError(401, "token_invalid", "This download link is invalid or has expired");
    }
  } else if (job.owner_id !== `user:${access.userId}`) {
    throw notFound("Export");
  }
  if (job.status !== "succeeded") {
    throw new AppError(409, "conflict", "This export is not ready yet", {
      status: job.status,
      percent: job.percent,
    });
  }
  const result = job.result as ExportResult;
  const object = await env.FILES.get(exportKey(result.format, jobId));
  if (!object) throw notFound("Export file");
  return { object, result };
}

/** An absolute-path download link that works without signing in until it expires. */
export async function signedDownloadPath(env: Env, jobId: string, now: number) {
  const { token, expiresAt } = await signDownloadToken(env, jobId, now);
  return {
    path: `${downloadPath(jobId)}?token=${encodeURIComponent(token)}`,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}

export const contentTypeOf = (format: ExportFormat) => EXPORT_CONTENT_TYPES[format];
