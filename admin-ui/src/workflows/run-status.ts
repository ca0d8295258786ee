import type { RunStatus } from "~core/workflows/runs";
import type { BadgeTone } from "~kit/design-system/components/Badge";

const TONES: Record<RunStatus, BadgeTone> = {
  queued: "info",
  running: "info",
  paused: "warning",
  waiting: "warning",
  waitingForPause: "warning",
  complete: "success",
  errored: "error",
  terminated: "warning",
  unknown: "neutral",
};

/** What operators read: Cloudflare's instance statuses in words. */
const LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  paused: "Paused",
  waiting: "Waiting",
  waitingForPause: "Pausing",
  complete: "Complete",
  errored: "Errored",
  terminated: "Terminated",
  unknown: "Unknown",
};

const known = (status: string): status is RunStatus => Object.hasOwn(LABELS, status);

export const runStatusTone = (status: string): BadgeTone =>
  known(status) ? TONES[status] : "neutral";

export const runStatusLabel = (status: string): string =>
  known(status) ? LABELS[status] : "Unknown";
