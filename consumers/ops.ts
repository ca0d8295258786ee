import type { Env } from "../api/env";
import { startWorkflowRun } from "../api/services/workflow-runs";
import type { QueueMessage } from "./messages";

/** Operations queue: turns a backup request into exactly one BackupWorkflow instance. */
export async function handleOpsMessage(message: QueueMessage, env: Env): Promise<void> {
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
      });
      return;
    default:
      // Another queue's message: retried into the DLQ rather than acked and lost.
      throw new Error(`ops does not handle ${message.type} messages`);
  }
}
