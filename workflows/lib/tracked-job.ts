import type { WorkflowStep, WorkflowStepConfig } from "cloudflare:workers";
import type { Env } from "../../server/env";
import { createLogger, errorFields } from "../../server/logger";
import { changeJob } from "../../server/ops/jobs";
import { setRunStatus } from "../../server/ops/workflow-runs";

export interface TrackedSteps {
  /** `step.do` that remembers which step is running, for a readable failure reason. */
  do<T extends Rpc.Serializable<T>>(
    name: string,
    config: WorkflowStepConfig,
    fn: () => Promise<T>,
  ): Promise<T>;
  /** Moves the job's step and progress bar; replays are skipped by the job state machine. */
  progress(step: string, percent: number): Promise<void>;
}

export interface JobFailure {
  /** The step that ran out of retries; null when the body failed outside any step. */
  step: string | null;
  /** The error's own message. */
  reason: string;
  /** What the job records: `Step "…" failed: reason`. */
  message: string;
  /** When the job was marked failed (ISO); the same on every replay. */
  failedAt: string;
}

export interface TrackedJob {
  jobId: string;
  instanceId: string;
  /**
   * Runs in its own step after the job is marked failed (e.g. to alert an operator), so a
   * replay does not repeat it once it succeeded, and its own failure cannot hide the
   * job's.
   */
  onFailure?: (failure: JobFailure) => Promise<void>;
  /**
   * What the job records for whoever reads it (`GET /api/jobs/{id}`) when it fails. By
   * default a readable sentence naming the step, never the error's own text, which can be
   * a runtime's internals ("Maximum call stack size exceeded"); the detail goes to the log
   * and the run (`workflow_runs.error`, the operators' console). Operator-only jobs
   * (backups) pass `detailedFailure`.
   */
  failureMessage?: (failure: Omit<JobFailure, "failedAt">) => string;
}

/** The step and the error's own text, for jobs only operators read. */
export const detailedFailure = (failure: Omit<JobFailure, "failedAt">) => failure.message;

const readableFailure = ({ step }: Omit<JobFailure, "failedAt">) =>
  step
    ? `Something went wrong on our side at the step "${step}". Please try again.`
    : "Something went wrong on our side. Please try again.";

/** Alerts are worth a few patient retries: the job is already marked failed either way. */
const NOTIFY_RETRY = {
  retries: { limit: 5, delay: "10 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

function failureOf(stepName: string | null, error: unknown): Omit<JobFailure, "failedAt"> {
  const reason = error instanceof Error ? error.message : String(error);
  const message = stepName ? `Step "${stepName}" failed: ${reason}` : reason;
  return { step: stepName, reason, message };
}

/**
 * Runs a workflow body as a job: marks it running, then succeeded with the body's result,
 * or failed with the step and reason once retries are exhausted, then `onFailure` if given.
 * Each of those is its own step, so a crash and replay never repeats or loses one.
 */
export async function runTrackedJob<T extends Rpc.Serializable<T>>(
  env: Env,
  step: WorkflowStep,
  job: TrackedJob,
  body: (steps: TrackedSteps) => Promise<T>,
): Promise<T> {
  let currentStep: string | null = null;
  const steps: TrackedSteps = {
    do: (name, config, fn) => {
      currentStep = name;
      return step.do(name, config, fn);
    },
    progress: (name, percent) =>
      changeJob(env, job.jobId, { type: "progress", step: name, percent, at: Date.now() }).then(
        () => {},
      ),
  };

  // Each marking step reads the clock inside itself, so a replay records the same time.
  await step.do("job: mark running", async () => {
    const at = Date.now();
    await changeJob(env, job.jobId, { type: "start", at });
    await setRunStatus(env, job.instanceId, "running", null, at);
  });
  try {
    const result = await body(steps);
    await step.do("job: mark succeeded", async () => {
      const at = Date.now();
      await changeJob(env, job.jobId, { type: "succeed", result, at });
      await setRunStatus(env, job.instanceId, "complete", null, at);
    });
    return result;
  } catch (error) {
    const failure = failureOf(currentStep, error);
    const shown = (job.failureMessage ?? readableFailure)(failure);
    const failedAt = await step.do("job: mark failed", async () => {
      const at = Date.now();
      createLogger(env.LOG_LEVEL).error("job failed", {
        job_id: job.jobId,
        instance_id: job.instanceId,
        step: failure.step,
        reason: failure.reason,
      });
      await changeJob(env, job.jobId, {
        type: "fail",
        error: { code: "step_failed", message: shown },
        at,
      });
      await setRunStatus(env, job.instanceId, "errored", failure.message, at);
      return new Date(at).toISOString();
    });
    const { onFailure } = job;
    if (onFailure) {
      try {
        await step.do("job: notify failure", NOTIFY_RETRY, () =>
          onFailure({ ...failure, failedAt }),
        );
      } catch (notifyError) {
        createLogger(env.LOG_LEVEL).error("job failure notification failed", {
          job_id: job.jobId,
          instance_id: job.instanceId,
          ...errorFields(notifyError),
        });
      }
    }
    throw error;
  }
}
