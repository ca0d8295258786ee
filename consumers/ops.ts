import type { QueueMessage } from "../core/queue/messages";
import type { Env } from "../server/env";
import { startWorkflowRun } from "../server/ops/workflow-runs";

/** Operations queue: turns a backup request into exactly one BackupWorkflow instance. */
export async function handleOpsMessage(
  message: QueueMessage,
  env: Env,
  now: number,
): Promise<void> {
  switch (message.type) {
    case "backup.run":
      await startWorkflowRun(env, {
        workflow: "backup",
        instanceId: message.job_id,
        params: {
          jobId: message.job_id,
          backupId: message.backup_id,
          requestedBy: message.requested_by,
        },
        subject: `backup:${message.backup_id}`,
        jobId: message.job_id,
        createdBy: message.requested_by,
        now,
      });
      return;
    default:
      // Another queue's message: retried into the DLQ rather than acked and lost.
      throw new Error(`ops does not handle ${message.type} messages`);
  }
}
