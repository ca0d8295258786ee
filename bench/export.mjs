// `npm run bench:export`: the export pipeline on a warm browser. Starts its own `wrangler dev`
// on port 8796 over a fresh database in .wrangler/bench-export-state (or uses BENCH_URL),
// exports tests/fixtures/resumes/two-page.json as PDF, and measures:
//  - latency: POST /api/resumes/:id/export → job succeeded, from the job's own timestamps
//    (created_at → finished_at, server side) and as the client saw it (POST → poll says done);
//  - throughput: exports a minute with 1 and 4 jobs in flight;
//  - raw Chromium: `page.pdf()` of the same HTML on a warm page (Debian's Chromium, the one
//    Miniflare's browser binding runs), one at a time and on 4 pages at once.
// The ratios are the pipeline's overhead. Rewrites its section of bench/RESULTS.md.
// BENCH_EXPORTS (default 30) sets the timed exports per measurement.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { DEMO_PASSWORD } from "../db/seed/0002_demo_accounts.mjs";
import { CHROMIUM, CHROMIUM_FLAGS, ensureChromeWrapper } from "../scripts/lib/chromium.mjs";
import { ROOT } from "../scripts/lib/env.mjs";
import { loadWorkerModule } from "../scripts/lib/worker-module.mjs";
import { benchServer, machine, percentile, writeSection } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 30);
const loadAtStart = os.loadavg()[0];
const EMAIL = "user@demo.resume-builder.test";
const PORT = 8796;
const resume = JSON.parse(
  readFileSync(path.join(ROOT, "tests/fixtures/resumes/two-page.json"), "utf8"),
);
const fontsBuilt = existsSync(path.join(ROOT, "dist/public/resume-fonts"));
const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};
const ms = (value) => value.toFixed(0);

ensureChromeWrapper();
// One resume per run or check: more than the Free plan allows.
const server = await benchServer({
  port: PORT,
  state: "bench-export-state",
  email: EMAIL,
  plan: "enterprise",
});
const base = server.base;

async function call(method, url, body, headers = {}) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.78", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}

const { access_token: token } = await call("POST", "/api/auth/login", {
  email: EMAIL,
  password: DEMO_PASSWORD,
});
const auth = { Authorization: `Bearer ${token}` };
const created = await call("POST", "/api/resumes", { title: "Bench two-page", data: resume }, auth);

/** One export, start to finish; the poll is tight so the client-side time is not the poll's. */
async function exportOnce() {
  const t0 = performance.now();
  const { job_id: jobId } = await call(
    "POST",
    `/api/resumes/${created.id}/export`,
    { format: "pdf" },
    auth,
  );
  for (;;) {
    const job = await call("GET", `/api/jobs/${jobId}`, undefined, auth);
    if (job.status === "succeeded") {
      return {
        server: Date.parse(job.finished_at) - Date.parse(job.created_at),
        client: performance.now() - t0,
        size: job.result.size,
      };
    }
    if (job.status === "failed") throw new Error(`export failed: ${job.error?.message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function throughput(concurrency, count) {
  let started = 0;
  const t0 = performance.now();
  const results = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started++;
        results.push(await exportOnce());
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { perMinute: (results.length / seconds) * 60, ...stats(results.map((r) => r.server)) };
}

// The same HTML the workflow prints: the template plus data: fonts when the build has them.
const { renderResumeDocument } = await loadWorkerModule("core/templates/index.ts");
const dataUrl = (face) =>
  `data:font/woff2;base64,${readFileSync(path.join(ROOT, "node_modules", face.file)).toString("base64")}`;
const html = renderResumeDocument(resume, fontsBuilt ? { fonts: dataUrl } : {});

async function rawPdf(concurrency, count) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const pages = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const page = await browser.newPage();
        await page.setContent(html, { waitUntil: "load" });
        await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
        return page;
      }),
    );
    const samples = [];
    let done = 0;
    const t0 = performance.now();
    await Promise.all(
      pages.map(async (page) => {
        while (done < count) {
          done++;
          const t = performance.now();
          await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
          samples.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { perMinute: (samples.length / seconds) * 60, ...stats(samples) };
  } finally {
    await browser.close();
  }
}

try {
  // Warm-up: launches the browsers the pipeline keeps warm (one per concurrent job).
  await throughput(4, 8);
  const single = [];
  for (let i = 0; i < EXPORTS; i++) single.push(await exportOnce());
  const server = stats(single.map((r) => r.server));
  const client = stats(single.map((r) => r.client));
  const one = await throughput(1, EXPORTS);
  const four = await throughput(4, EXPORTS);
  const raw1 = await rawPdf(1, EXPORTS);
  const raw4 = await rawPdf(4, EXPORTS);
  const pages = (single[0].size / 1024).toFixed(0);
  const ratio = server.p50 / raw1.p50;
  const share = four.perMinute / raw4.perMinute;
  const rows = [
    `| pipeline, server side (job created → succeeded), 1 in flight | ${server.n} | ${ms(server.p50)} | ${ms(server.p95)} | |`,
    `| pipeline, client side (POST → poll sees succeeded), 1 in flight | ${client.n} | ${ms(client.p50)} | ${ms(client.p95)} | |`,
    `| pipeline, 1 job in flight | ${one.n} | ${ms(one.p50)} | ${ms(one.p95)} | ${one.perMinute.toFixed(0)} |`,
    `| pipeline, 4 jobs in flight | ${four.n} | ${ms(four.p50)} | ${ms(four.p95)} | ${four.perMinute.toFixed(0)} |`,
    `| raw \`page.pdf()\`, warm page, 1 at a time | ${raw1.n} | ${ms(raw1.p50)} | ${ms(raw1.p95)} | ${raw1.perMinute.toFixed(0)} |`,
    `| raw \`page.pdf()\`, 4 warm pages at once | ${raw4.n} | ${ms(raw4.p50)} | ${ms(raw4.p95)} | ${raw4.perMinute.toFixed(0)} |`,
  ];
  for (const row of rows) console.log(row);
  console.log(
    `server p50 ÷ raw p50 = ${ratio.toFixed(1)}× (target ≤ 5×); 4-job throughput ÷ raw = ${(share * 100).toFixed(0)}% (target ≥ 25%)`,
  );
  writeSection(
    path.join(here, "RESULTS.md"),
    "export",
    `## PDF export pipeline next to raw Chromium (local wrangler dev)

Command: \`npm run bench:export\` (BENCH_EXPORTS=${EXPORTS})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}, load average ${os.loadavg()[0].toFixed(1)}; the poller, workerd and Chromium share the machine.
Resume: \`tests/fixtures/resumes/two-page.json\` in the classic template (PDF of ${pages} KiB), fonts ${fontsBuilt ? "embedded as data: URLs" : "not embedded (apps not built, so the fallback stacks print)"}; browsers warm before timing.
Targets (issue 5): server-side p50 within 5× raw \`page.pdf()\`; 4-job throughput at least a quarter of raw at 4 pages.

| what | samples | p50 ms | p95 ms | per minute |
|---|---|---|---|---|
${rows.join("\n")}

Server p50 ÷ raw p50: **${ratio.toFixed(1)}×** (target ≤ 5×). Throughput at 4 in flight ÷ raw at 4 pages: **${(share * 100).toFixed(0)}%** (target ≥ 25%).

${loadAtStart > os.cpus().length ? `**Caution:** the machine was overloaded while this ran (load average ${loadAtStart.toFixed(1)} at the start on ${os.cpus().length} cores; other suites were running), so both columns are inflated and the ratios say more than the absolute times. Rerun on an idle machine for absolute figures.\n\n` : ""}The pipeline's time is the queue hand-off (the PDF queue delivers at once: \`max_batch_timeout = 0\`), the workflow's durable steps (each persisted, plus the job row and its KV mirror written at each of the four progress moves), connecting to a warm browser and opening a page, \`setContent\` with the embedded fonts, \`page.pdf()\` itself, and the R2 write.`,
  );
} finally {
  await server.stop();
}
