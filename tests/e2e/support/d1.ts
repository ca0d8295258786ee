import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wrangler } from "../../../scripts/lib/env.mjs";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** The e2e stack's D1 (tests/e2e/global-setup.ts), shared with the running `wrangler dev`. */
const E2E_STATE = join(ROOT, ".wrangler/e2e-state");

/**
 * Runs SQL against the e2e database, for states no endpoint can create (a staff role, a
 * session that proved itself long ago). Callers build the SQL from values they made.
 */
export async function executeE2eSql(sql: string): Promise<void> {
  const args = ["d1", "execute", "DB", "--local", "--persist-to", E2E_STATE, "--command", sql];
  // The running `wrangler dev` holds the same SQLite file: a write of its (a queue consumer,
  // a workflow step) can hold the lock for a moment, so a busy database is tried again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await wrangler(args, { quiet: true });
      return;
    } catch (error) {
      if (attempt >= 5 || !/SQLITE_BUSY|database is locked/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
