// `npm test`: every check CI runs, in order — lint, types, unit and workerd suites, the app
// build, the production bundle dry-run, then the browser end-to-end suite. Ends with one
// "N passed, N failed" line over every test that ran.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureChromeWrapper, ensureChromium } from "./lib/chromium.mjs";
import { ROOT, run } from "./lib/env.mjs";

const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
const reports = path.join(ROOT, "test-results");
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedPhase = null;

function countReport(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return true;
}

async function phase(name, action) {
  if (failedPhase) return;
  const started = Date.now();
  console.log(`\n━━ ${name}`);
  try {
    await action();
    console.log(`━━ ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failedPhase = name;
    console.error(`━━ ${name}: FAILED\n${error.message}`);
  }
}

async function vitest(name, args) {
  const output = path.join(reports, `${name}.json`);
  try {
    await run(process.execPath, [
      VITEST,
      "run",
      ...args,
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${output}`,
    ]);
  } finally {
    if (!countReport(output)) totals.failed += 1;
  }
}

await phase("Chromium", async () => {
  ensureChromium({ forTests: true });
  ensureChromeWrapper();
});
await phase("Lint (biome)", () =>
  run(process.execPath, ["node_modules/@biomejs/biome/bin/biome", "check", "."]),
);
await phase("Type-check", () => run("npm", ["run", "--silent", "typecheck"]));
await phase("Unit and workerd suites", () =>
  vitest("unit-worker", ["--project", "unit", "--project", "worker"]),
);
await phase("Build both apps", () => run(process.execPath, ["scripts/build-apps.mjs"]));
await phase("Production bundle (wrangler deploy --dry-run)", () =>
  run(process.execPath, ["scripts/dry-run.mjs"]),
);
await phase("End-to-end in Chromium", () =>
  vitest("e2e", ["--config", "tests/e2e/vitest.config.ts"]),
);

console.log(`\n${failedPhase ? `Stopped at: ${failedPhase}\n` : ""}`);
console.log(
  `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`,
);
process.exit(failedPhase || totals.failed > 0 ? 1 : 0);
