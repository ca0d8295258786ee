// `npm run bench:health`: API latency under concurrent load against the running app.
// Starts its own `wrangler dev` on port 8797 (or uses BENCH_URL, e.g. a running `npm start`),
// measures GET /api/health (D1, five KV namespaces and R2 read per request) and the polled
// GET /api/jobs/:id, prints p50/p95/p99 and throughput, and rewrites its section of
// bench/RESULTS.md.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDevVars, prepareLocalStack, startWorker } from "../scripts/lib/local-stack.mjs";
import { formatRow, load, machine, TABLE_HEADER, writeSection } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,16").split(",").map(Number);

let worker = null;
let base = process.env.BENCH_URL;
if (!base) {
  await prepareLocalStack();
  worker = await startWorker({ port: 8797 });
  base = worker.url;
}
const { opsToken } = ensureDevVars();
const auth = { Authorization: `Bearer ${opsToken}` };

try {
  const started = await fetch(`${base}/api/admin/backups`, { method: "POST", headers: auth });
  const jobId = (await started.json()).data.job_id;
  const targets = [
    // No storage touched: the floor of wrangler dev's proxy, routing and the access log.
    ["GET /api/unknown (404)", `${base}/api/unknown`, {}],
    ["GET /api/health", `${base}/api/health`, {}],
    ["GET /api/jobs/:id", `${base}/api/jobs/${jobId}`, auth],
  ];
  const rows = [];
  for (const [name, url, headers] of targets) {
    await load({ url, headers, requests: 100, concurrency: 4 }); // warm-up, not recorded
    for (const concurrency of CONCURRENCY) {
      const result = await load({ url, headers, requests: REQUESTS, concurrency });
      rows.push(formatRow(name, result));
      console.log(formatRow(name, result));
    }
  }
  const markdown = `## API latency (local wrangler dev)

Command: \`npm run bench:health\` (BENCH_REQUESTS=${REQUESTS}, BENCH_CONCURRENCY=${CONCURRENCY.join(",")})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; the load generator shares the machine with workerd.

${TABLE_HEADER}
${rows.join("\n")}

Targets (SPEC §12): p50 < 50 ms, p95 < 100 ms, p99 < 200 ms. Local workerd simulates D1, KV and R2 on disk,
so these numbers bound the Worker's own overhead; production latency adds the network and the real stores.
The 404 row is the floor every request pays locally (wrangler dev's proxy, Hono routing, the JSON access
log written to wrangler's stdout, about 2 ms of it). \`/api/health\` adds seven storage probes (D1, five KV
namespaces, R2) through Miniflare's simulators. With 16 requests in flight the 2-core machine is saturated
(the load generator, wrangler and workerd share it), so those rows measure queueing more than the Worker.`;
  writeSection(path.join(here, "RESULTS.md"), "health", markdown);
  console.log("\nWritten to bench/RESULTS.md");
} finally {
  await worker?.stop();
}
