import type { WorkflowStep, WorkflowStepConfig } from "cloudflare:workers";
import type { Env } from "../../api/env";
import { changeJob } from "../../api/services/jobs";
import { setRunStatus } from "../../api/services/workflow-runs";

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

function reasonFor(stepName: string | null, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return stepName ? `Step "${stepName}" failed: ${detail}` : detail;
}

/**
 * Runs a workflow body as a job: marks it running, then succeeded with the body's result,
 * or failed with the step and reason once retries are exhausted. Each of those marks is
 * its own step, so a crash and replay never repeats or loses one.
 */
export async function runTrackedJob<T extends Rpc.Serializable<T>>(
  env: Env,
  step: WorkflowStep,
  ids: { jobId: string; instanceId: string },
  body: (steps: TrackedSteps) => Promise<T>,
): Promise<T> {
  let currentStep: string | null = null;
  const steps: TrackedSteps = {
    do: (name, config, fn) => {
      currentStep = name;
      return step.do(name, config, fn);
    },
    progress: (name, percent) =>
      changeJob(env, ids.jobId, { type: "progress", step: name, percent, at: Date.now() }).then(
        () => {},
      ),
  };

  await step.do("job: mark running", async () => {
    await changeJob(env, ids.jobId, { type: "start", at: Date.now() });
    await setRunStatus(env, ids.instanceId, "running");
  });
  try {
    const result = await body(steps);
    await step.do("job: mark succeeded", async () => {
      await changeJob(env, ids.jobId, { type: "succeed", result, at: Date.now() });
      await setRunStatus(env, ids.instanceId, "complete");
    });
    return result;
  } catch (error) {
    const message = reasonFor(currentStep, error);
    await step.do("job: mark failed", async () => {
      await changeJob(env, ids.jobId, {
        type: "fail",
        error: { code: "step_failed", message },
        at: Date.now(),
      });
      await setRunStatus(env, ids.instanceId, "errored", message);
    });
    throw error;
  }
}
