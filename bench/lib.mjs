// Load generator for benchmarks against the local stack: bounded request count and time,
// loopback only. Latencies are measured per request from send to full body.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { ROOT, wrangler } from "../scripts/lib/env.mjs";
import { prepareLocalStack, startWorker } from "../scripts/lib/local-stack.mjs";

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/**
 * Runs `send(index, worker)` `requests` times with `concurrency` in flight, stopping early at
 * `maxSeconds`; `send` performs one request and returns its HTTP status.
 */
export async function loadWith({ send, requests, concurrency, maxSeconds = 60 }) {
  const latencies = [];
  const statuses = new Map();
  const deadline = Date.now() + maxSeconds * 1000;
  let sent = 0;
  const started = performance.now();
  const workerLoop = async (worker) => {
    while (sent < requests && Date.now() < deadline) {
      const index = sent++;
      const t0 = performance.now();
      const status = await send(index, worker);
      latencies.push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => workerLoop(worker)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    concurrency,
    seconds,
    throughput: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
    statuses: Object.fromEntries(statuses),
  };
}

/** GETs one URL repeatedly. */
export const load = ({ url, headers = {}, ...options }) =>
  loadWith({
    ...options,
    send: async () => {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      return response.status;
    },
  });

export const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

export function formatRow(name, r) {
  const ms = (v) => v.toFixed(1);
  return `| ${name} | ${r.concurrency} | ${r.requests} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.throughput.toFixed(0)} | ${Object.entries(
    r.statuses,
  )
    .map(([s, n]) => `${s}×${n}`)
    .join(" ")} |`;
}

export const TABLE_HEADER =
  "| endpoint | concurrency | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | statuses |\n|---|---|---|---|---|---|---|---|---|";

/** Replaces (or appends) this benchmark's section of bench/RESULTS.md. */
export function writeSection(file, key, markdown) {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file)
    ? readFileSync(file, "utf8")
    : "# Benchmark results\n\nEach section is rewritten by the command it names.\n";
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(
    file,
    pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`,
  );
}

/**
 * The server a benchmark measures: `BENCH_URL` when set, else its own `wrangler dev` on `port`
 * over a fresh database in `.wrangler/{state}` whose demo account `email` is put on `plan`
 * (benchmarks create more than the Free plan allows). `stop()` ends what was started.
 */
export async function benchServer({ port, state, email, plan }) {
  if (process.env.BENCH_URL) return { base: process.env.BENCH_URL, stop: async () => {} };
  const persistTo = `${ROOT}/.wrangler/${state}`;
  await prepareLocalStack({ fresh: true, persistTo });
  const sql = `UPDATE users SET plan = '${plan}' WHERE email = '${email}'`;
  await wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql], {
    quiet: true,
  });
  const worker = await startWorker({ port, persistTo });
  return { base: worker.url, stop: () => worker.stop() };
}
