import { type EmailContent, utcMinute } from "../layout";

export interface BackupFailedData {
  backupId: string;
  jobId: string;
  /** The step that ran out of retries, when the failure happened inside one. */
  step: string | null;
  reason: string;
  /** Absolute URL of the job page in the admin app (`/admin/jobs/:id`). */
  jobUrl: string;
  environment: string;
  /** ISO timestamp of the failure. */
  failedAt: string;
}

/** Operator alert: an hourly (or on-demand) D1 backup gave up. */
export function backupFailed(data: BackupFailedData): EmailContent {
  const where = data.step ? `at step "${data.step}"` : "before any step ran";
  return {
    subject: `[${data.environment}] Backup ${data.backupId} failed`,
    preheader: `The backup stopped ${where}: ${data.reason}`,
    heading: "A database backup failed",
    paragraphs: [
      `Backup ${data.backupId} stopped ${where} after its retries ran out, so there is no complete copy for this hour.`,
      "The next scheduled backup runs as usual. If it fails the same way, the cause is not transient and needs a look.",
    ],
    facts: [
      { label: "Environment", value: data.environment },
      { label: "Backup", value: data.backupId },
      { label: "Job", value: data.jobId },
      { label: "Failed step", value: data.step ?? "none" },
      { label: "Reason", value: data.reason },
      { label: "Failed at", value: utcMinute(data.failedAt) },
    ],
    action: { label: "Open the job", url: data.jobUrl },
    closing: [
      "The job page shows every step the backup took. To try again now, use Run backup now on the Backups page of the admin app.",
    ],
    footer: `You receive this alert because this address is the operator alert address (OPS_ALERT_EMAIL) of the ${data.environment} environment.`,
  };
}
