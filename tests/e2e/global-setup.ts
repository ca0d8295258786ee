import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { ensureChromeWrapper } from "../../scripts/lib/chromium.mjs";
import { prepareLocalStack } from "../../scripts/lib/local-stack.mjs";
import { ensureAppsBuilt } from "./support/build";
import { superviseWorker } from "./support/runtime-supervisor";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Starts the local stack for the browser suite: the built apps, a freshly migrated and
 * seeded D1 in its own directory, and `wrangler dev` on its own port, so a running
 * `npm start` (port 8787, .wrangler/state) is never touched.
 */
export default async function setup(project: TestProject) {
  ensureAppsBuilt(ROOT);
  // The server's BROWSER binding starts Chromium on the first PDF (an export, a visitor's
  // download) from wrangler's cache: `npm test` puts the wrapper there; a suite run on its own
  // must too, or Miniflare would try to download Chrome.
  ensureChromeWrapper();
  const port = Number(process.env.E2E_PORT ?? 8790);
  const persistTo = join(ROOT, ".wrangler/e2e-state");
  const { opsToken } = await prepareLocalStack({ fresh: true, persistTo });
  // wrangler's output: a failed test prints what the server logged while it ran
  const logFile = join(ROOT, "test-results/e2e-worker.log");
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, "");
  // restarted on the same port and state if workerd crashes (support/runtime-supervisor.ts)
  // `--test-scheduled`: a test fires the cron through `/__scheduled` (README "Analytics")
  const worker = await superviseWorker({
    port,
    persistTo,
    logFile,
    extraArgs: ["--test-scheduled"],
  });
  project.provide("baseUrl", worker.url);
  project.provide("opsToken", opsToken);
  project.provide("workerLog", logFile);
  return async () => {
    await worker.stop();
  };
}
