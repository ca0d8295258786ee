import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { EXPORT_LABELS, exportFilename, exportKey } from "../core/export/formats";
import { type ExportParams, exportParamsSchema } from "../core/export/params";
import type { ResumeData } from "../core/resume/schema";
import { trackEvents } from "../server/analytics/track";
import { findUserById } from "../server/auth/accounts";
import { refundUsage } from "../server/billing/usage";
import { publicUrl, sendEmail } from "../server/email";
import type { Env } from "../server/env";
import { printableHtml } from "../server/exports/export-assets";
import { renderExportFile, withExportOptions } from "../server/exports/export-render";
import { downloadPath, type ExportResult, signedDownloadPath } from "../server/exports/exports";
import { createLogger, errorFields } from "../server/logger";
import {
  type ExportVerdict,
  exportVerdict,
  heldMessage,
  startExportCheck,
} from "../server/moderation/export-gate";
import { changeJob } from "../server/ops/jobs";
import { getVersion } from "../server/resumes/resume-versions";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";
import { runTrackedJob } from "./lib/tracked-job";

const RETRY = {
  retries: { limit: 3, delay: "1 second", backoff: "exponential" },
  timeout: "30 seconds",
} as const;

/** The render gets the queue's 30 s budget per attempt, 3 attempts in all. */
const RENDER_RETRY = {
  retries: { limit: 2, delay: "2 seconds", backoff: "exponential" },
  timeout: "30 seconds",
} as const;

const NOTIFY_RETRY = {
  retries: { limit: 5, delay: "10 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

const VERSION_GONE = "The resume or this version of it no longer exists";
/** An export already queued when its account was suspended or banned stops (README "Bans"). */
const ACCOUNT_RESTRICTED = "This account is suspended or banned, so nothing is exported";
const MODERATION_TOO_SLOW =
  "the content check did not finish in time. Please try the export again in a minute.";
/** Seconds between reads of the moderation verdict (about a minute in all). */
const VERDICT_WAITS = [1, 1, 2, 2, 4, 4, 8, 8, 15, 15];
const EXPORT_FAILED = "We could not create your export. Please try again.";

/**
 * One export (README "Exports"): snapshot the requested version → moderation gate → HTML
 * in the chosen template (PDF) → the file, stored in R2 under `exports/{format}/{job_id}` →
 * the job's result → an email with a signed, expiring download link. Every side effect is
 * keyed by the job id (the R2 key, the email's dedupe key), so a replayed step or a
 * restarted instance overwrites the same file and sends no second email.
 */
export class ExportWorkflow extends WorkflowEntrypoint<Env, ExportParams> {
  override async run(event: Readonly<WorkflowEvent<ExportParams>>, rawStep: WorkflowStep) {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "export", event, rawStep);
    const params = parseParams(exportParamsSchema, event.payload);
    const env = this.env;
    const logger = createLogger(env.LOG_LEVEL, { job_id: params.jobId });
    const job = {
      jobId: params.jobId,
      instanceId: event.instanceId,
      // Only reasons written for people reach the job; anything else is our side's fault.
      // (A NonRetryableError's reason arrives prefixed with its class name.)
      failureMessage: (failure: { reason: string; step: string | null }) =>
        [VERSION_GONE, ACCOUNT_RESTRICTED].find((readable) => failure.reason.endsWith(readable)) ??
        EXPORT_FAILED,
    };
    // Set again on every replay: it follows from the moderation step's recorded verdict.
    let heldBack = false;

    const result = await runTrackedJob(env, step, job, async (steps) => {
      const snapshot = await steps.do("snapshot resume", RETRY, async () => {
        // One bar for the UI: queued → rendering → uploading → done. Each move is a D1 write
        // and a KV write, so the steps before the render share the first one.
        await steps.progress("rendering", 10);
        try {
          const version = await getVersion(env, params.userId, params.resumeId, params.version);
          return { dataJson: JSON.stringify(version.data) };
        } catch (error) {
          if (error instanceof Error && /not found/i.test(error.message)) {
            throw new NonRetryableError(VERSION_GONE);
          }
          throw error;
        }
      });
      const data = JSON.parse(snapshot.dataJson) as ResumeData;

      const caseId = await steps.do("moderation: start check", RETRY, async () => {
        const user = await findUserById(env, params.userId);
        if (!user) throw new NonRetryableError(VERSION_GONE);
        if (user.status === "suspended" || user.status === "banned") {
          throw new NonRetryableError(ACCOUNT_RESTRICTED);
        }
        const input = { userId: params.userId, email: user.email, resumeId: params.resumeId, data };
        return startExportCheck(env, input, Date.now());
      });
      const verdict = await this.moderationVerdict(step, caseId);
      if (verdict.state !== "allowed") {
        heldBack = true;
        const message =
          verdict.state === "held" ? verdict.message : heldMessage(MODERATION_TOO_SLOW);
        await step.do("moderation: fail job", RETRY, async () => {
          await changeJob(env, params.jobId, {
            type: "fail",
            error: { code: "moderation_blocked", message },
            at: Date.now(),
          });
        });
        throw new NonRetryableError(message);
      }

      const document = withExportOptions(data, params);
      const html =
        params.format === "pdf"
          ? await steps.do("render HTML", RETRY, async () => {
              const printable = await printableHtml(env, data, params, logger);
              return printable.html;
            })
          : null;

      const name = typeof data.basics?.name === "string" ? data.basics.name.trim() : "";
      const stored = await steps.do("render and store file", RENDER_RETRY, async () => {
        await steps.progress("rendering", 40);
        const file = await renderExportFile(
          env,
          params.format,
          {
            data: params.format === "json" ? data : document,
            html,
            title: name ? `${name} — Resume` : params.title,
            author: name || params.title,
          },
          logger,
        );
        await steps.progress("uploading", 80);
        const filename = exportFilename(params.title, params.format);
        // Same key on every attempt: a retry overwrites, it never adds a second file.
        await env.FILES.put(exportKey(params.format, params.jobId), file.bytes, {
          httpMetadata: { contentType: file.contentType },
          customMetadata: {
            job_id: params.jobId,
            user_id: params.userId,
            resume_id: params.resumeId,
            version: String(params.version),
            filename,
          },
        });
        // The job's id makes a replayed step send the same event, kept once.
        await trackEvents(env, [
          {
            id: `export.completed:${params.jobId}`,
            type: "export.completed",
            occurred_at: Date.now(),
            user_id: params.userId,
          },
        ]);
        return {
          filename,
          size: file.bytes.byteLength,
          contentType: file.contentType,
        };
      });

      const done: ExportResult = {
        format: params.format,
        filename: stored.filename,
        size: stored.size,
        content_type: stored.contentType,
        download_path: downloadPath(params.jobId),
        resume_id: params.resumeId,
        version: params.version,
      };
      return done;
    }).catch(async (error: unknown) => {
      // Failed on our side (the render, the store, a vanished version): the export it was
      // counted for never came, so the month's allowance gets it back. One held back by
      // moderation stays counted.
      const period = params.usagePeriod;
      if (!heldBack && period) {
        // The clock is read inside the step, so a replay records the same time.
        await step.do("give back the export allowance", RETRY, () =>
          refundUsage(
            env,
            { userId: params.userId, metric: "exports", period, reference: params.jobId },
            Date.now(),
          ),
        );
      }
      throw error;
    });

    // After the job is done, so the progress bar never waits on mail; the dedupe key makes
    // a replay of this step (or a restarted run) send nothing twice.
    try {
      await step.do("notify", NOTIFY_RETRY, async () => {
        const user = await findUserById(env, params.userId);
        // An unconfirmed address may be a stranger's: no mail with someone's resume title and
        // a download link goes there (the app shows the finished export anyway).
        if (!user || user.emailVerifiedAt === null) return { sent: false };
        // Read inside the step, as the other steps of this flow do.
        const now = Date.now();
        const link = await signedDownloadPath(env, params.jobId, now);
        const sent = await sendEmail(env, {
          to: user.email,
          template: "export_ready",
          dedupeKey: `export-ready:${params.jobId}`,
          now,
          data: {
            name: user.name,
            resumeTitle: params.title,
            formatLabel: EXPORT_LABELS[params.format],
            filename: result.filename,
            downloadUrl: publicUrl(env, link.path),
            expiresAt: link.expiresAt,
            exportsUrl: publicUrl(env, "/exports"),
          },
        });
        return { sent: !sent.deduplicated };
      });
    } catch (error) {
      logger.error("export email failed", errorFields(error));
    }
    return result;
  }

  /**
   * The check's automated verdict: read from D1 between short durable sleeps (1 s doubling to
   * 8 s, about a minute in all). The layers take a second or two; a check still undecided
   * after that is reported as pending, and the export is held rather than printed unchecked.
   */
  private async moderationVerdict(step: WorkflowStep, caseId: string): Promise<ExportVerdict> {
    for (const [attempt, wait] of VERDICT_WAITS.entries()) {
      const verdict = await step.do(`moderation: verdict ${attempt + 1}`, RETRY, () =>
        exportVerdict(this.env, caseId),
      );
      if (verdict.state !== "pending") return verdict;
      await step.sleep(`moderation: wait ${attempt + 1}`, `${wait} seconds`);
    }
    return step.do("moderation: last verdict", RETRY, () => exportVerdict(this.env, caseId));
  }
}
