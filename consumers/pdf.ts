import type { QueueMessage } from "../core/queue/messages";
import type { Env } from "../server/env";
import { startWorkflowRun } from "../server/ops/workflow-runs";

/**
 * PDF queue: turns an export request into exactly one ExportWorkflow instance. The instance
 * id is the job id, so a redelivered message finds the instance already there and starts
 * nothing; the workflow's own steps make sure a restart writes one file and one email.
 */
export async function handlePdfMessage(
  message: QueueMessage,
  env: Env,
  now: number,
): Promise<void> {
  if (message.type !== "export.run") {
    throw new Error(`pdf_generation does not handle ${message.type} messages`);
  }
  if (message.params.jobId !== message.job_id) {
    throw new Error("export message names two different jobs");
  }
  await startWorkflowRun(env, {
    workflow: "export",
    instanceId: message.job_id,
    params: message.params,
    subject: `resume:${message.params.resumeId}`,
    jobId: message.job_id,
    createdBy: `user:${message.params.userId}`,
    now,
  });
}
