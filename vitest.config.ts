import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { ensureChromeWrapper } from "./scripts/lib/chromium.mjs";
import { projectEnv } from "./scripts/lib/env.mjs";
import { rotateKeys } from "./scripts/lib/signing-key.mjs";

import { TEST_OPS_TOKEN } from "./tests/fixtures/ops-token.ts";

// Miniflare reads wrangler's cache (and the Chromium wrapper in it) from XDG_CACHE_HOME, so
// `vitest` run directly behaves exactly like `npm test`.
Object.assign(process.env, projectEnv());
ensureChromeWrapper();

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "db/migrations"));
  // wrangler refuses a config whose assets folder is missing; the workerd suites serve no
  // assets, so on a fresh clone (apps not built yet) an empty folder is enough.
  mkdirSync(path.join(import.meta.dirname, "dist/public"), { recursive: true });
  return {
    test: {
      // Two test files at once: a workerd suite file spends most of its time starting its own
      // runtime (a fresh one per file, for isolated storage) or waiting on queues, workflows
      // and Chromium, so a second one in flight fills the other core: ten files took 143 s
      // instead of 185 s on a loaded 2-core machine. Vitest's default on 2 cores is 1.
      maxWorkers: 2,
      projects: [
        {
          test: {
            name: "unit",
            include: ["tests/unit/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          plugins: [
            cloudflareTest({
              main: "./worker.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // An empty database for the backup restore round trip.
                d1Databases: { RESTORE_TARGET: "restore-target" },
                // Miniflare's own send_email simulator (it parses the MIME and checks the
                // Message-ID and From) under test-only names: sendEmail's binding path runs
                // for real while EMAIL stays unbound, as it is locally.
                email: {
                  send_email: [
                    { name: "TEST_EMAIL" },
                    {
                      name: "TEST_EMAIL_RESTRICTED",
                      allowed_destination_addresses: ["allowed@example.test"],
                    },
                  ],
                },
                bindings: {
                  ENVIRONMENT: "test",
                  LOG_LEVEL: "error",
                  OPS_API_TOKEN: TEST_OPS_TOKEN,
                  // A fresh signing key per run, so no test depends on a committed key.
                  JWT_PRIVATE_KEYS: rotateKeys(null),
                  MFA_ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
                  // OAuth clients for the fake providers of tests/worker/oauth.test.ts.
                  OAUTH_GOOGLE_CLIENT_ID: "test-google-client",
                  OAUTH_GOOGLE_CLIENT_SECRET: "test-google-secret",
                  OAUTH_GITHUB_CLIENT_ID: "test-github-client",
                  OAUTH_GITHUB_CLIENT_SECRET: "test-github-secret",
                  OAUTH_MICROSOFT_CLIENT_ID: "test-microsoft-client",
                  OAUTH_MICROSOFT_CLIENT_SECRET: "test-microsoft-secret",
                  TEST_MIGRATIONS: migrations,
                },
              },
            }),
          ],
          test: {
            name: "worker",
            // Workflows, queues and Chromium run for real here; seconds, not milliseconds.
            testTimeout: 30_000,
            include: ["tests/worker/**/*.test.ts"],
            setupFiles: ["./tests/worker/setup.ts"],
          },
        },
      ],
    },
  };
});
