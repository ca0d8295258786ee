import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import {
  type AnalyticsBackfillResult,
  BACKFILL_SOURCES,
  type BackfillSource,
} from "../core/contract/analytics";
import {
  type AnalyticsBackfillParams,
  analyticsBackfillParamsSchema,
} from "../core/workflows/params";
import { backfillPage } from "../server/analytics/backfill";
import { rollupAnalytics } from "../server/analytics/rollup";
import type { Env } from "../server/env";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";
import { runTrackedJob } from "./lib/tracked-job";

const RETRY = {
  retries: { limit: 5, delay: "5 seconds", backoff: "exponential" },
  timeout: "2 minutes",
} as const;

const zeroes = () =>
  Object.fromEntries(BACKFILL_SOURCES.map((source) => [source, 0])) as Record<
    BackfillSource,
    number
  >;

/**
 * The analytics backfill (README "Analytics", backfill), run as its job: each source table
 * (server/analytics/backfill.ts) page by page, one step a page of 500 rows, then the roll-up
 * of the days the new events fall on, one step per run of it (60 days), until none is left.
 * A replayed step or a second backfill stores no event twice: ids are the live ones.
 */
export class AnalyticsBackfillWorkflow extends WorkflowEntrypoint<Env, AnalyticsBackfillParams> {
  override async run(
    event: Readonly<WorkflowEvent<AnalyticsBackfillParams>>,
    rawStep: WorkflowStep,
  ): Promise<AnalyticsBackfillResult> {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "analytics-backfill", event, rawStep);
    const { jobId } = parseParams(analyticsBackfillParamsSchema, event.payload);
    const env = this.env;

    return runTrackedJob(env, step, { jobId, instanceId: event.instanceId }, async (steps) => {
      const rows = zeroes();
      const events = zeroes();
      for (const [index, source] of BACKFILL_SOURCES.entries()) {
        const percent = Math.round((index * 90) / BACKFILL_SOURCES.length);
        let after: number | null = 0;
        for (let page = 1; after !== null; page++) {
          const from: number = after;
          const name = `${source} page ${page}`;
          // Progress is moved inside the step, so a replay does not move it again.
          const read = await steps.do(name, RETRY, async () => {
            await steps.progress(name, percent);
            return backfillPage(env, source, from, Date.now());
          });
          rows[source] += read.rows;
          events[source] += read.events;
          after = read.next;
        }
      }
      let daysRecounted = 0;
      for (let run = 1; ; run++) {
        const name = `recount days ${run}`;
        const recount = await steps.do(name, RETRY, async () => {
          await steps.progress(name, 90);
          return rollupAnalytics(env, Date.now());
        });
        daysRecounted += recount.days.length;
        if (!recount.more) break;
      }
      return { rows, events, days_recounted: daysRecounted };
    });
  }
}
