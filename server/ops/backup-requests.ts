import { backupIdFor } from "../../core/backup/manifest";
import type { Env } from "../env";
import { createJob, type JobView } from "./jobs";

/**
 * Queues a backup. The id is the request time to the second (the hour for cron), so a
 * double click or a repeated cron invocation yields the same job rather than a second one.
 */
export async function requestBackup(
  env: Env,
  {
    at,
    requestedBy,
    ownerId,
    reason,
  }: { at: Date; requestedBy: string; ownerId: string; reason?: string },
): Promise<{ job: JobView; backupId: string }> {
  const backupId = backupIdFor(at);
  const jobId = `backup-${backupId}`;
  const job = await createJob(env, {
    id: jobId,
    kind: "backup",
    ownerId,
    note: `requested by ${requestedBy}${reason ? `: ${reason}` : ""}`,
    now: at.getTime(),
  });
  if (job.status === "queued") {
    await env.OPS_QUEUE.send({
      type: "backup.run",
      job_id: jobId,
      backup_id: backupId,
      requested_by: requestedBy,
    });
  }
  return { job, backupId };
}
