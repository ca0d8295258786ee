import type { BadgeTone } from "~kit/design-system/components/Badge";

/** GET /api/admin/backups statuses: running, complete, pruned (removed by retention). */
export function backupStatusTone(status: string): BadgeTone {
  switch (status) {
    case "complete":
      return "success";
    case "running":
      return "info";
    case "failed":
      return "error";
    default:
      return "neutral";
  }
}

export const backupStatusLabel = (status: string): string =>
  status ? status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, " ") : "Unknown";
