import type {
  WorkflowEvent,
  WorkflowSleepDuration,
  WorkflowStep,
  WorkflowStepConfig,
  WorkflowStepContext,
  WorkflowStepRollbackOptions,
} from "cloudflare:workers";
import type { StepKind, StepStatus, WorkflowName } from "../../core/workflows/runs";
import type { Env } from "../../server/env";
import { createLogger, errorFields } from "../../server/logger";

type RecordEnv = Pick<Env, "DB" | "LOG_LEVEL">;
type Callback<T> = (ctx: WorkflowStepContext) => Promise<T>;

/** Long enough to read a stack-free reason; bounded so one wild error cannot bloat a row. */
const MAX_ERROR_LENGTH = 2_000;

const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);

/**
 * The run's step history in D1 (README "Workflow runs"), beside Cloudflare's own: the
 * `workflow_run_steps` rows the operators' console and failure rates read. Every write is
 * best-effort: a D1 hiccup is logged and never fails, retries or delays the workflow.
 */
class StepRecorder {
  constructor(
    private readonly env: RecordEnv,
    private readonly workflow: WorkflowName,
    private readonly instanceId: string,
  ) {}

  private async safely(what: string, step: string, write: () => Promise<unknown>) {
    try {
      await write();
    } catch (error) {
      createLogger(this.env.LOG_LEVEL).warn("workflow step not recorded", {
        what,
        workflow: this.workflow,
        instance_id: this.instanceId,
        step,
        ...errorFields(error),
      });
    }
  }

  /**
   * A new attempt row numbered after the instance's last one for this step, in one statement
   * so two writers cannot take the same number. Numbering from D1 (not the engine's own
   * counter) keeps a restarted run's earlier attempts, since a restart reuses the instance id.
   */
  async attemptStarted(step: string, now: number): Promise<string | null> {
    let id: string | null = null;
    await this.safely("attempt start", step, async () => {
      const row = await this.env.DB.prepare(
        `INSERT INTO workflow_run_steps
           (id, instance_id, workflow, step, kind, attempt, status, started_at)
         SELECT ?1 || ':' || ?3 || ':' || next.attempt, ?1, ?2, ?3, 'do', next.attempt, 'running', ?4
         FROM (SELECT COALESCE(MAX(attempt), 0) + 1 AS attempt FROM workflow_run_steps
               WHERE instance_id = ?1 AND step = ?3 AND kind = 'do') AS next
         RETURNING id`,
      )
        .bind(this.instanceId, this.workflow, step, now)
        .first<{ id: string }>();
      id = row?.id ?? null;
    });
    return id;
  }

  /** Inserted once: the body outside steps replays, and each replay reaches this again. */
  async pauseStarted(step: string, kind: Exclude<StepKind, "do">, now: number) {
    const id = `${this.instanceId}:${step}:${kind}`;
    await this.safely(`${kind} start`, step, () =>
      this.env.DB.prepare(
        `INSERT OR IGNORE INTO workflow_run_steps
           (id, instance_id, workflow, step, kind, attempt, status, started_at)
         VALUES (?, ?, ?, ?, ?, 1, 'waiting', ?)`,
      )
        .bind(id, this.instanceId, this.workflow, step, kind, now)
        .run(),
    );
    return id;
  }

  /** Only a row still open is closed, so a replay keeps the first end time and outcome. */
  async ended(id: string, step: string, status: StepStatus, error: string | null, now: number) {
    await this.safely("end", step, () =>
      this.env.DB.prepare(
        `UPDATE workflow_run_steps SET status = ?, ended_at = ?, error = ?
         WHERE id = ? AND status IN ('running', 'waiting')`,
      )
        .bind(status, now, error, id)
        .run(),
    );
  }
}

/**
 * Wraps a run's `step` so its history is mirrored to D1 as it happens: each `step.do`
 * callback writes an attempt row when it starts and marks it succeeded or failed (with the
 * error's message) when it ends; sleeps and event waits write one row each. Only callbacks
 * that actually run are seen: a step Cloudflare replays from its cache writes nothing, nor
 * does an attempt a test harness fails before the callback (`mockStepError`).
 */
export function recordSteps(
  env: RecordEnv,
  workflow: WorkflowName,
  event: Pick<WorkflowEvent<unknown>, "instanceId">,
  step: WorkflowStep,
): WorkflowStep {
  const recorder = new StepRecorder(env, workflow, event.instanceId);

  const tracked =
    <T>(name: string, callback: Callback<T>): Callback<T> =>
    async (ctx) => {
      const id = await recorder.attemptStarted(name, Date.now());
      try {
        const result = await callback(ctx);
        if (id) await recorder.ended(id, name, "succeeded", null, Date.now());
        return result;
      } catch (error) {
        if (id) await recorder.ended(id, name, "failed", messageOf(error), Date.now());
        throw error;
      }
    };

  // Both overloads of `step.do`: (name, callback, rollback?) and (name, config, callback, rollback?).
  function recordedDo<T extends Rpc.Serializable<T>>(
    name: string,
    configOrCallback: WorkflowStepConfig | Callback<T>,
    callbackOrRollback?: Callback<T> | WorkflowStepRollbackOptions<T>,
    rollback?: WorkflowStepRollbackOptions<T>,
  ): Promise<T> {
    if (typeof configOrCallback === "function") {
      const options = callbackOrRollback as WorkflowStepRollbackOptions<T> | undefined;
      return step.do(name, tracked(name, configOrCallback), options);
    }
    const callback = callbackOrRollback as Callback<T>;
    return step.do(name, configOrCallback, tracked(name, callback), rollback);
  }

  async function paused<T>(
    name: string,
    kind: Exclude<StepKind, "do">,
    wait: () => Promise<T>,
  ): Promise<T> {
    const id = await recorder.pauseStarted(name, kind, Date.now());
    try {
      const result = await wait();
      await recorder.ended(id, name, "succeeded", null, Date.now());
      return result;
    } catch (error) {
      // A wait that timed out, or a run terminated while it slept.
      await recorder.ended(id, name, "failed", messageOf(error), Date.now());
      throw error;
    }
  }

  const recorded: Pick<WorkflowStep, "do" | "sleep" | "sleepUntil" | "waitForEvent"> = {
    do: recordedDo,
    sleep: (name: string, duration: WorkflowSleepDuration) =>
      paused(name, "sleep", () => step.sleep(name, duration)),
    sleepUntil: (name: string, timestamp: Date | number) =>
      paused(name, "sleep", () => step.sleepUntil(name, timestamp)),
    waitForEvent: (name, options) => paused(name, "wait", () => step.waitForEvent(name, options)),
  };
  return recorded as WorkflowStep;
}
