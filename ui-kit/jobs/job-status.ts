import type { JobStatus } from "../../core/contract/jobs";
import type { BadgeTone } from "../design-system/components/Badge";

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};

export const JOB_STATUS_TONE: Record<JobStatus, BadgeTone> = {
  queued: "neutral",
  running: "info",
  succeeded: "success",
  failed: "error",
};
