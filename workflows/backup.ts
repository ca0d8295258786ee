import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { type BackupTable, backupTime, manifestKey } from "../core/backup/manifest";
import { type BackupParams, backupParamsSchema } from "../core/workflows/params";
import { publicUrl, sendEmail } from "../server/email";
import type { Env } from "../server/env";
import {
  dumpTable,
  pruneBackups,
  readSchema,
  recordBackupStart,
  writeManifest,
} from "../server/ops/backups";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";
import { detailedFailure, type JobFailure, runTrackedJob } from "./lib/tracked-job";

const RETRY = {
  retries: { limit: 3, delay: "5 seconds", backoff: "exponential" },
  timeout: "2 minutes",
} as const;

/** One email per failed backup job, however often the workflow replays or is restarted. */
async function alertOperators(env: Env, params: BackupParams, failure: JobFailure) {
  await sendEmail(env, {
    to: env.OPS_ALERT_EMAIL,
    template: "backup_failed",
    dedupeKey: `backup-failed:${params.jobId}`,
    now: Date.parse(failure.failedAt),
    data: {
      backupId: params.backupId,
      jobId: params.jobId,
      step: failure.step,
      reason: failure.reason,
      jobUrl: publicUrl(env, `/admin/jobs/${encodeURIComponent(params.jobId)}`),
      environment: env.ENVIRONMENT,
      failedAt: failure.failedAt,
    },
  });
}

/**
 * Hourly D1 backup (README "Backups"): every table to R2 as checksummed NDJSON parts under
 * `backups/d1/{id}/`, a manifest, then pruning of backups past the 30-day window.
 */
export class BackupWorkflow extends WorkflowEntrypoint<Env, BackupParams> {
  override async run(event: Readonly<WorkflowEvent<BackupParams>>, rawStep: WorkflowStep) {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "backup", event, rawStep);
    const params = parseParams(backupParamsSchema, event.payload);
    const job = {
      jobId: params.jobId,
      instanceId: event.instanceId,
      onFailure: (failure: JobFailure) => alertOperators(this.env, params, failure),
      // Backup jobs are read by operators only: they get the step and the error itself.
      failureMessage: detailedFailure,
    };
    return runTrackedJob(this.env, step, job, async (steps) => {
      const schema = await steps.do("read schema", RETRY, async () => {
        // The clock is read inside the step, so a replay records the same time.
        await recordBackupStart(this.env, params.backupId, params.jobId, Date.now());
        await steps.progress("read schema", 5);
        return readSchema(this.env.DB);
      });
      const tables = schema.filter((object) => object.type === "table");
      const dumped: BackupTable[] = [];
      for (const [index, table] of tables.entries()) {
        const name = `dump ${table.name}`;
        dumped.push(
          await steps.do(name, RETRY, async () => {
            await steps.progress(name, 10 + Math.floor((80 * index) / tables.length));
            return dumpTable(this.env, params.backupId, table);
          }),
        );
      }
      const totals = await steps.do("write manifest", RETRY, async () => {
        await steps.progress("write manifest", 90);
        const extraSql = schema
          .filter((object) => object.type !== "table")
          .map((object) => object.sql);
        const manifest = await writeManifest(
          this.env,
          params.backupId,
          dumped,
          extraSql,
          Date.now(),
        );
        return manifest.totals;
      });
      const pruned = await steps.do("prune expired backups", RETRY, async () => {
        await steps.progress("prune expired backups", 95);
        return pruneBackups(this.env, backupTime(params.backupId) ?? new Date());
      });
      return {
        backup_id: params.backupId,
        manifest_key: manifestKey(params.backupId),
        tables: totals.tables,
        rows: totals.rows,
        bytes: totals.bytes,
        pruned,
      };
    });
  }
}
