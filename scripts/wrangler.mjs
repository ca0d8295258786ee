// `npm run dev:worker` and `npm run db:migrate`: wrangler with the project's environment.
import { spawn } from "node:child_process";
import { projectEnv, ROOT, WRANGLER_BIN } from "./lib/env.mjs";

const child = spawn(process.execPath, [WRANGLER_BIN, ...process.argv.slice(2)], {
  cwd: ROOT,
  env: projectEnv(),
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
