// `npm start`: builds both apps, migrates and seeds the local database, and serves
// everything on http://127.0.0.1:8787 until Ctrl-C.

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/0002_demo_accounts.mjs";
import { ensureChromeWrapper, ensureChromium } from "./lib/chromium.mjs";
import { run } from "./lib/env.mjs";
import { prepareLocalStack, startWorker } from "./lib/local-stack.mjs";

const PORT = Number(process.env.PORT ?? 8787);

ensureChromium();
ensureChromeWrapper();
console.log("Building the user and admin apps...");
await run(process.execPath, ["scripts/build-apps.mjs"]);
console.log("Migrating and seeding the local database...");
const { opsToken } = await prepareLocalStack();
const worker = await startWorker({ port: PORT, inheritOutput: true });

console.log(`
  Resume Builder is running.

  User app        ${worker.url}/
  Admin app       ${worker.url}/admin/
  API reference   ${worker.url}/api/docs
  Health          ${worker.url}/api/health

  Demo accounts (password for all: ${DEMO_PASSWORD})
${DEMO_ACCOUNTS.map((account) => `    ${account.role.padEnd(14)} ${account.email}`).join("\n")}
    Operator token (admin app sign-in and API bearer token): ${opsToken}
    (stored in .dev.vars as OPS_API_TOKEN)
  Local email outbox: ${worker.url}/dev/outbox

  Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    stopping = true;
    // stop() also ends the browsers the export binding started, after wrangler has exited
    await worker.stop();
    process.exit(0);
  });
}
worker.child.on("exit", (code) => {
  if (!stopping) process.exit(code ?? 0);
});
