import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import {
  type BulkEmailCounts,
  type BulkEmailResult,
  bulkEmailResult,
  deliveryCheckDelaySeconds,
} from "../core/admin/bulk-email";
import { type BulkEmailParams, bulkEmailParamsSchema } from "../core/workflows/params";
import {
  countBulkEmailTargets,
  failUndeliveredBulkEmail,
  queueBulkEmailPage,
  reportBulkEmailProgress,
} from "../server/admin-users/bulk-email";
import type { Env } from "../server/env";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";
import { runTrackedJob, type TrackedSteps } from "./lib/tracked-job";

const RETRY = {
  retries: { limit: 5, delay: "2 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

/** While queueing, the bar moves every this many pages (1,000 accounts). */
const PROGRESS_EVERY_PAGES = 10;
/** With no copy settling for this long, the ones still undelivered are counted failed. */
const STALL_LIMIT_MS = 3_600_000;
/** Checks at most (about 16 hours at the half-minute pace), within a run's step budget. */
const MAX_CHECKS = 2_000;

const settledOf = (counts: BulkEmailCounts) => counts.sent + counts.failed + counts.skipped;

/**
 * One staff email to many accounts (README "Admin: users", bulk email), run as its job: count
 * the selection, then one step per page of 100 accounts that records them as recipients and
 * sends their queue messages in one batch, then check (between sleeps) until every copy is
 * sent, failed or skipped, and finish with those counts. A step replayed or a run restarted
 * re-queues only copies not yet settled, and the consumer sends each copy once.
 */
export class BulkEmailWorkflow extends WorkflowEntrypoint<Env, BulkEmailParams> {
  override async run(event: Readonly<WorkflowEvent<BulkEmailParams>>, rawStep: WorkflowStep) {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "bulk-email", event, rawStep);
    const { jobId } = parseParams(bulkEmailParamsSchema, event.payload);
    const env = this.env;

    return runTrackedJob(env, step, { jobId, instanceId: event.instanceId }, async (steps) => {
      await steps.do("count recipients", RETRY, async () => {
        const counted = await countBulkEmailTargets(env, jobId);
        await reportBulkEmailProgress(env, jobId, Date.now());
        return counted;
      });

      let after: number | null = 0;
      for (let page = 1; after !== null; page++) {
        const from: number = after;
        const queued = await steps.do(`queue batch ${page}`, RETRY, () =>
          queueBulkEmailPage(env, jobId, from, Date.now()),
        );
        after = queued.next;
        if (after !== null && page % PROGRESS_EVERY_PAGES === 0) {
          await steps.do(`progress after batch ${page}`, RETRY, async () => {
            await reportBulkEmailProgress(env, jobId, Date.now());
            return true;
          });
        }
      }

      return this.waitForDeliveries(step, steps, jobId);
    });
  }

  /** Checks the counts until nothing is queued; a long stall counts what is left as failed. */
  private async waitForDeliveries(
    step: WorkflowStep,
    steps: TrackedSteps,
    jobId: string,
  ): Promise<BulkEmailResult> {
    const env = this.env;
    let lastSettled = -1;
    let lastChangeAt = 0;
    for (let check = 1; ; check++) {
      const state = await steps.do(`check deliveries ${check}`, RETRY, async () => {
        const at = Date.now();
        return { counts: await reportBulkEmailProgress(env, jobId, at), at };
      });
      if (state.counts.queued === 0) return bulkEmailResult(state.counts);
      if (settledOf(state.counts) !== lastSettled) {
        lastSettled = settledOf(state.counts);
        lastChangeAt = state.at;
      }
      if (state.at - lastChangeAt >= STALL_LIMIT_MS || check >= MAX_CHECKS) {
        const counts = await steps.do("count undelivered as failed", RETRY, () =>
          failUndeliveredBulkEmail(env, jobId, Date.now()),
        );
        return bulkEmailResult(counts);
      }
      await step.sleep(
        `wait for deliveries ${check}`,
        `${deliveryCheckDelaySeconds(check - 1)} seconds`,
      );
    }
  }
}
