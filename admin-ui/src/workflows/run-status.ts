import type { BadgeTone } from "~kit/design-system/components/Badge";

export function runStatusTone(status: string): BadgeTone {
  switch (status) {
    case "complete":
      return "success";
    case "errored":
      return "error";
    case "running":
    case "queued":
      return "info";
    case "paused":
    case "waiting":
    case "terminated":
      return "warning";
    default:
      return "neutral";
  }
}

export const runStatusLabel = (status: string): string =>
  status ? status.charAt(0).toUpperCase() + status.slice(1) : "Unknown";
