import type { Env as WorkerEnv } from "../server/env";

/** Types `env` from `cloudflare:test` as the Worker's Env plus the test-only bindings. */
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      RESTORE_TARGET: D1Database;
      /** Miniflare's local send_email simulators (vitest.config.ts). */
      TEST_EMAIL: SendEmail;
      TEST_EMAIL_RESTRICTED: SendEmail;
    }
  }
}
