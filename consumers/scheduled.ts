import type { Env } from "../api/env";
import { createLogger } from "../api/lib/logger";
import { requestBackup } from "../api/services/backup-requests";

export const CRON = {
  hourlyBackup: "0 * * * *",
  analyticsRollup: "*/5 * * * *",
  dailyStrikeReset: "0 3 * * *",
} as const;

type CronTask = (controller: ScheduledController, env: Env) => Promise<unknown>;

const startOfHour = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000);

/**
 * Work per cron expression. The analytics roll-up and strike reset have triggers already
 * (wrangler.toml) and get their tasks with the analytics and moderation issues.
 */
const TASKS: Partial<Record<string, CronTask>> = {
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
