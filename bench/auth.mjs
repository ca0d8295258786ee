// `npm run bench:auth`: sign-in and token-refresh latency against the running app.
// Starts its own `wrangler dev` on port 8797 (or uses BENCH_URL), signs in as the seeded
// demo user, and rewrites its section of bench/RESULTS.md. Each sign-in carries its own
// documentation-range CF-Connecting-IP so the per-address limit (10/min) measures nothing
// here; production sets that header itself.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "../db/seed/0002_demo_accounts.mjs";
import { prepareLocalStack, startWorker } from "../scripts/lib/local-stack.mjs";
import { formatRow, loadWith, machine, TABLE_HEADER, writeSection } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const LOGINS = Number(process.env.BENCH_LOGINS ?? 300);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 1000);
const EMAIL = "user@demo.resume-builder.test";

let worker = null;
let base = process.env.BENCH_URL;
if (!base) {
  await prepareLocalStack();
  worker = await startWorker({ port: 8797 });
  base = worker.url;
}
const addressFor = (i) => `${i % 2 ? "198.51.100" : "203.0.113"}.${((i >> 1) % 254) + 1}`;

async function login(i) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": addressFor(i) },
    body: JSON.stringify({ email: EMAIL, password: DEMO_PASSWORD }),
  });
  return { status: response.status, body: await response.json() };
}

try {
  const rows = [];
  for (const concurrency of [1, 4]) {
    const result = await loadWith({
      requests: LOGINS,
      concurrency,
      send: async (i) => (await login(i + concurrency * LOGINS)).status,
    });
    rows.push(formatRow("POST /api/auth/login", result));
    console.log(rows.at(-1));
  }
  for (const concurrency of [1, 8]) {
    // One refresh-token chain per concurrent client: each refresh rotates its token.
    const chains = [];
    for (let c = 0; c < concurrency; c++)
      chains.push((await login(5000 + c)).body.data.refresh_token);
    const result = await loadWith({
      requests: REFRESHES,
      concurrency,
      send: async (_, client) => {
        const response = await fetch(`${base}/api/auth/refresh`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ refresh_token: chains[client] }),
        });
        const body = await response.json();
        if (response.ok) chains[client] = body.data.refresh_token;
        return response.status;
      },
    });
    rows.push(formatRow("POST /api/auth/refresh", result));
    console.log(rows.at(-1));
  }
  writeSection(
    path.join(here, "RESULTS.md"),
    "auth",
    `## Sign-in and token refresh (local wrangler dev)

Command: \`npm run bench:auth\` (BENCH_LOGINS=${LOGINS}, BENCH_REFRESHES=${REFRESHES})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; the load generator shares the machine with workerd.

${TABLE_HEADER}
${rows.join("\n")}

A sign-in is dominated by PBKDF2-SHA256 at 100,000 iterations (about 11 ms of CPU, see the KDF
section), plus the lockout and stuffing checks (two indexed D1 queries), a KV rate-limit counter,
the attempt record, the session row and an ES256 signature. A refresh is one indexed D1 read, one
atomic batch (rotate + insert), a user read and a signature: no KDF.`,
  );
  console.log("\nWritten to bench/RESULTS.md");
} finally {
  await worker?.stop();
}
