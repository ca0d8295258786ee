import type { Job } from "~core/contract/jobs";

/** The four stages the export dialog's progress bar names (README "Exports"). */
export type ExportPhase = "queued" | "rendering" | "uploading" | "done" | "failed";

export const PHASE_LABEL: Record<ExportPhase, string> = {
  queued: "Queued",
  rendering: "Rendering",
  uploading: "Uploading",
  done: "Done",
  failed: "Failed",
};

/** Where a job is, in the words of the progress bar: the workflow's steps folded into four. */
export function exportPhase(job: Pick<Job, "status" | "step"> | undefined): ExportPhase {
  if (!job || job.status === "queued") return "queued";
  if (job.status === "succeeded") return "done";
  if (job.status === "failed") return "failed";
  return job.step === "uploading" ? "uploading" : "rendering";
}
