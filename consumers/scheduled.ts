import { pruneAnalyticsEvents, rollupAnalytics } from "../server/analytics/rollup";
import { pruneCredentialAttempts } from "../server/auth/credential-throttle";
import { pruneLoginAttempts } from "../server/auth/login-protection";
import { sweepCustomDomains } from "../server/custom-domains/sweep";
import type { Env } from "../server/env";
import { expireDataExports } from "../server/gdpr/export-cleanup";
import { createLogger } from "../server/logger";
import { resumeAcceptedAppeals } from "../server/moderation/appeals";
import { resumeStalledEscalations } from "../server/moderation/escalation";
import { expireStrikes } from "../server/moderation/strikes";
import { requestBackup } from "../server/ops/backup-requests";
import { pruneWorkflowRunSteps, STEP_HISTORY_RETENTION_MS } from "../server/ops/workflow-run-steps";
import { importThreatIntel } from "../server/security/threat-import";
import { pruneExpiredThreatEntries } from "../server/security/threat-intel";

export const CRON = {
  hourlyBackup: "0 * * * *",
  everyFiveMinutes: "*/5 * * * *",
  dailyMaintenance: "0 3 * * *",
} as const;

type CronTask = (controller: ScheduledController, env: Env) => Promise<unknown>;

const startOfHour = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000);

/**
 * Work per cron expression. The daily run prunes old sign-in attempts and credential
 * budgets and expires strikes 90 days after an account's last violation (at the cron's
 * scheduled time, so a retried run decides the same). Every five minutes, accounts whose ban
 * escalation stalled (a request or a suspension's end with no instance running) get one started,
 * and the analytics roll-up recounts the days with new events (README "Analytics"), whose raw
 * events past their retention the daily run prunes.
 */
/** Sign-in attempts are kept 30 days: enough for security review, not forever. */
const LOGIN_ATTEMPT_RETENTION_MS = 30 * 86_400_000;
/** Credential budgets last minutes; a day-old one only counts a window long closed. */
const CREDENTIAL_BUDGET_RETENTION_MS = 86_400_000;

const TASKS: Partial<Record<string, CronTask>> = {
  [CRON.dailyMaintenance]: (controller, env) =>
    Promise.all([
      pruneLoginAttempts(env, controller.scheduledTime - LOGIN_ATTEMPT_RETENTION_MS),
      pruneCredentialAttempts(env, controller.scheduledTime - CREDENTIAL_BUDGET_RETENTION_MS),
      expireStrikes(env, controller.scheduledTime),
      // Workflow step history is kept a year (README "Workflow runs").
      pruneWorkflowRunSteps(env, controller.scheduledTime - STEP_HISTORY_RETENTION_MS),
      pruneAnalyticsEvents(env, controller.scheduledTime),
      // README "Threat intelligence": uploaded lists imported, expired catalogue rows dropped.
      importThreatIntel(env, controller.scheduledTime),
      pruneExpiredThreatEntries(env, controller.scheduledTime),
    ]),
  [CRON.everyFiveMinutes]: (controller, env) =>
    Promise.all([
      resumeAcceptedAppeals(env, controller.scheduledTime),
      resumeStalledEscalations(env, controller.scheduledTime),
      rollupAnalytics(env, controller.scheduledTime),
      // README "Custom domains": unentitled hostnames removed, pending ones checked again.
      sweepCustomDomains(env, controller.scheduledTime),
      // README "Your data": zips past their 7 days are deleted, their links answer 410.
      expireDataExports(env, controller.scheduledTime),
    ]),
  [CRON.hourlyBackup]: (controller, env) =>
    requestBackup(env, {
      at: startOfHour(controller.scheduledTime),
      requestedBy: "cron",
      ownerId: "system",
    }),
};

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL, { cron: controller.cron });
  const task = TASKS[controller.cron];
  if (!task) {
    logger.info("cron trigger has no task in this release");
    return;
  }
  await task(controller, env);
  logger.info("cron task queued");
}
