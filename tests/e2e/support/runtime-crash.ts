import { afterEach, beforeEach, inject } from "vitest";
import { CRASH_MESSAGE, logSince, RUNTIME_CRASH, sizeOf } from "./worker-log";

const READY_WITHIN_MS = 180_000;

/** Resolves once /api/health answers 200: at once, unless the supervisor is restarting it. */
async function runtimeReady(baseUrl: string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      // A crashed runtime leaves wrangler's proxy holding requests open: each try is bounded.
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not answering yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`the Worker at ${baseUrl} did not answer /api/health within 180 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Registered for every browser test file (vitest.config.ts `setupFiles`). A test starts
 * once the Worker answers; a test that failed while workerd crashed (the supervisor in
 * runtime-supervisor.ts restarts it) gets one more error naming the crash, which is the only
 * error the suite's retry condition accepts. Any other failure fails the run as before.
 */
let logOffset = 0;

beforeEach(async () => {
  await runtimeReady(inject("baseUrl"));
  logOffset = sizeOf(inject("workerLog"));
});

afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  const crash = logSince(inject("workerLog"), logOffset).match(RUNTIME_CRASH);
  if (!crash) return;
  await runtimeReady(inject("baseUrl"));
  throw new Error(`${CRASH_MESSAGE} (${crash[0].trim()}); wrangler dev was restarted`);
});
