import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { CRASH_MESSAGE } from "./support/worker-log.ts";

// Browser end-to-end suite: real Chromium against `wrangler dev` serving the built apps and
// the API. Run with `vitest run --config tests/e2e/vitest.config.ts`.
export default defineConfig({
  test: {
    name: "e2e",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    setupFiles: ["tests/e2e/support/runtime-crash.ts"],
    // one Worker and one browser at a time: files share the stack and its database
    fileParallelism: false,
    // a cold workerd, Workflows and Chromium: seconds per step, not milliseconds
    testTimeout: 90_000,
    // the setup may build both apps and start wrangler dev
    hookTimeout: 300_000,
    teardownTimeout: 30_000,
    // `expect.poll` waits for a real signal (focus moved, a theme applied), as Playwright's
    // own waits do; its 1 s default fails a loaded CI machine for being slow, not for a bug,
    // so it gets Playwright's default of 30 s instead.
    expect: { poll: { timeout: 30_000 } },
    // One retry, only for a test that workerd crashed under (a V8 fatal error in the runtime,
    // not our code): support/runtime-crash.ts names the crash, the supervisor restarts the
    // server. A test that fails for any other reason is not retried.
    retry: { count: 1, condition: new RegExp(CRASH_MESSAGE) },
  },
});
