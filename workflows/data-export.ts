import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { dataExportPartsPrefix, dataExportZipKey } from "../core/gdpr/data-export";
import { type DataExportParams, dataExportParamsSchema } from "../core/workflows/params";
import { findUserById } from "../server/auth/accounts";
import { publicUrl, sendEmail } from "../server/email";
import type { Env } from "../server/env";
import {
  CATEGORIES,
  type Category,
  type Gathered,
  gatherCategory,
  gatherResumePage,
  type Subject,
} from "../server/gdpr/export-gather";
import { dataExportDownloadPath, signDataExportToken } from "../server/gdpr/export-links";
import {
  markDataExportFailed,
  markDataExportReady,
  setDataExportProgress,
} from "../server/gdpr/export-requests";
import { deleteDataExportParts, writeDataExportZip } from "../server/gdpr/export-zip";
import { createLogger, errorFields } from "../server/logger";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";
import { runTrackedJob } from "./lib/tracked-job";

const RETRY = {
  retries: { limit: 3, delay: "2 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

/** The zip streams every file of the account through one step. */
const ZIP_RETRY = {
  retries: { limit: 2, delay: "10 seconds", backoff: "exponential" },
  timeout: "10 minutes",
} as const;

const NOTIFY_RETRY = {
  retries: { limit: 5, delay: "10 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

const ACCOUNT_GONE = "The account no longer exists";
const EXPORT_FAILED = "We could not export your data. Please try again.";

/**
 * An account's "Export my data" (README "Your data"): gather each category of its data into
 * a JSON part in R2 (one step each, results are only counts), then the resumes page by page,
 * then stream the parts and the account's files into one zip in R2, mark it ready for 7 days,
 * and email a signed link. Every write is keyed by the export id (part keys, the zip key, the
 * email's dedupe key), so a replayed step or a restarted run overwrites, never duplicates.
 */
export class DataExportWorkflow extends WorkflowEntrypoint<Env, DataExportParams> {
  override async run(event: Readonly<WorkflowEvent<DataExportParams>>, rawStep: WorkflowStep) {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "data-export", event, rawStep);
    const { exportId, userId } = parseParams(dataExportParamsSchema, event.payload);
    const env = this.env;
    const prefix = dataExportPartsPrefix(userId, exportId);
    const job = {
      jobId: exportId,
      instanceId: event.instanceId,
      failureMessage: (failure: { reason: string }) =>
        failure.reason.endsWith(ACCOUNT_GONE) ? ACCOUNT_GONE : EXPORT_FAILED,
      onFailure: async (failure: { reason: string }) => {
        const reason = failure.reason.endsWith(ACCOUNT_GONE) ? ACCOUNT_GONE : EXPORT_FAILED;
        await markDataExportFailed(env, exportId, reason, Date.now());
        // Nothing of a failed export stays in R2: its parts, and a zip a later step gave up on.
        await deleteDataExportParts(env, prefix);
        await env.FILES.delete(dataExportZipKey(userId, exportId));
      },
    };

    const result = await runTrackedJob(env, step, job, async (tracked) => {
      // Moved inside each step (the row and the job's bar), so a replay moves nothing.
      const progress = async (name: string, percent: number) => {
        await setDataExportProgress(env, exportId, "running", percent);
        await tracked.progress(name, percent);
      };
      const subject: Subject = await tracked.do("start", RETRY, async () => {
        const user = await findUserById(env, userId);
        if (!user) throw new NonRetryableError(ACCOUNT_GONE);
        await progress("gathering", 5);
        return { exportId, userId, email: user.email };
      });

      const categories = Object.keys(CATEGORIES) as Category[];
      const gathered: Gathered = { rows: {}, truncated: [] };
      for (const [index, category] of categories.entries()) {
        const part = await tracked.do(`gather ${category}`, RETRY, async () => {
          await progress("gathering", 5 + Math.round((index * 50) / categories.length));
          return gatherCategory(env, subject, category);
        });
        Object.assign(gathered.rows, part.rows);
        gathered.truncated.push(...part.truncated);
      }

      const resumeIds: string[] = [];
      for (let page = 1, after: string | null = ""; after !== null; page++) {
        const from: string = after;
        const read = await tracked.do(`gather resumes ${page}`, RETRY, async () => {
          await progress("gathering resumes", 60);
          return gatherResumePage(env, subject, from);
        });
        resumeIds.push(...read.ids);
        after = read.next;
      }

      const zip = await tracked.do("zip", ZIP_RETRY, async () => {
        await progress("zipping", 75);
        return writeDataExportZip(env, subject, { resumeIds, gathered, generatedAt: Date.now() });
      });

      return tracked.do("store", RETRY, async () => {
        const ready = await markDataExportReady(env, exportId, zip, Date.now());
        await deleteDataExportParts(env, prefix);
        return { key: zip.key, size: zip.size, expiresAt: ready.expiresAt, email: subject.email };
      });
    });

    // After the export is ready, so the bar never waits on mail; the dedupe key makes a
    // replay of this step (or a restarted run) send nothing twice.
    try {
      await step.do("email", NOTIFY_RETRY, async () => {
        const user = await findUserById(env, userId);
        // An unconfirmed address may be a stranger's: no link to someone's data goes there
        // (the app shows the download button anyway).
        if (!user || user.emailVerifiedAt === null) return { sent: false };
        const now = Date.now();
        const token = await signDataExportToken(env, exportId, result.expiresAt);
        const sent = await sendEmail(env, {
          to: user.email,
          template: "data_export_ready",
          dedupeKey: `data-export-ready:${exportId}`,
          now,
          data: {
            name: user.name,
            downloadUrl: publicUrl(env, dataExportDownloadPath(token)),
            expiresAt: new Date(result.expiresAt).toISOString(),
            accountUrl: publicUrl(env, "/account/profile"),
          },
        });
        return { sent: !sent.deduplicated };
      });
    } catch (error) {
      createLogger(env.LOG_LEVEL, { export_id: exportId }).error(
        "data export email failed",
        errorFields(error),
      );
    }
    return { key: result.key, size: result.size };
  }
}
