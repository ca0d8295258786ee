// `npm run bench:analytics`: the analytics roll-up and report queries (README "Analytics").
// Starts its own `wrangler dev --test-scheduled` on port 8795 over a fresh local D1 in
// `.wrangler/bench-analytics`, seeds BENCH_EVENTS raw events (1,000,000 by default) spread over
// the last 365 days with one SQL statement (and a dunning run per 100 events), runs the 5-minute cron through `/__scheduled` until
// every day is rolled up (timed: the roll-up's throughput), checks the report totals against the
// seeded counts, then measures each dashboard query over the whole year next to two baselines
// taken in the same run: the 404 floor and a one-day report. Rewrites the section of its size in
// bench/RESULTS.md.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, wrangler } from "../scripts/lib/env.mjs";
import { ensureDevVars, prepareLocalStack, startWorker } from "../scripts/lib/local-stack.mjs";
import { formatRow, loadWith, machine, TABLE_HEADER, writeSection } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,4").split(",").map(Number);
const persistTo = path.join(ROOT, ".wrangler/bench-analytics");
const DAY_MS = 86_400_000;
const TARGET_P95_MS = 100;

/** Event kinds by `i % 20`: views and exports dominate, as they do in use. */
const KINDS = [
  ...Array(5).fill("share.viewed"),
  ...Array(3).fill("export.completed"),
  ...Array(3).fill("resume.created"),
  ...Array(2).fill("user.signed_up"),
  "user.email_verified",
  "subscription.started",
  "subscription.changed",
  "subscription.canceled",
  "payment.succeeded",
  "payment.failed",
  "payment.recovered",
];
const PLANS = ["free", "free", "free", "standard", "standard", "premium", "enterprise", "standard"];
const PRICES = { free: 0, standard: 1499, premium: 2999, enterprise: 4999 };
const REASONS = ["canceled", "unpaid", "too_expensive", "missing_features"];

const today = new Date().toISOString().slice(0, 10);
const firstDay = new Date(Date.parse(`${today}T00:00:00Z`) - 364 * DAY_MS)
  .toISOString()
  .slice(0, 10);
const start = Date.parse(`${firstDay}T00:00:00Z`);
/** Spreads the events evenly over the 365 days. */
const step = Math.floor((365 * DAY_MS) / EVENTS);

const list = (items) => `'${JSON.stringify(items)}'`;
const pick = (items, expr) =>
  `json_extract(${list(items)}, '$[' || ((${expr}) % ${items.length}) || ']')`;
const price = (planExpr) =>
  `CASE ${planExpr} ${Object.entries(PRICES)
    .map(([plan, cents]) => `WHEN '${plan}' THEN ${cents}`)
    .join(" ")} END`;

/** One INSERT … SELECT over a recursive counter. */
function seedSql() {
  const kind = pick(KINDS, "i");
  const plan = pick(PLANS, "i / 7");
  const planFrom = pick(PLANS, "i / 7 + 3");
  return `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${EVENTS - 1}),
e AS (SELECT i, ${kind} AS type, ${plan} AS plan, ${planFrom} AS plan_from, ${start} + i * ${step} AS at FROM n)
INSERT INTO analytics_events (id, type, day, occurred_at, user_id, plan, plan_from, mrr_from_cents, mrr_to_cents, reason, received_at)
SELECT 'bench-' || i, type, strftime('%Y-%m-%d', at / 1000, 'unixepoch'), at, 'u' || (i % 50000), plan,
  CASE WHEN type = 'subscription.changed' THEN plan_from END,
  CASE type WHEN 'subscription.changed' THEN ${price("plan_from")} WHEN 'subscription.canceled' THEN ${price("plan")} ELSE 0 END,
  CASE WHEN type IN ('subscription.started', 'subscription.changed') THEN ${price("plan")} ELSE 0 END,
  CASE WHEN type = 'subscription.canceled' THEN ${pick(REASONS, "i / 20")} END,
  at
FROM e;`;
}

/** Dunning runs for the recovery cohorts: one per 100 events, each with its account and invoice. */
const RUNS = Math.max(1000, Math.floor(EVENTS / 100));
/** Invoice states by `i % 4`: paid twice (recovered), voided (written off), still open. */
const RUN_INVOICE_STATES = ["paid", "void", "open", "paid"];

function dunningSeedSql() {
  const counter = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${RUNS - 1})`;
  const at = `${start} + i * ${Math.floor((365 * DAY_MS) / RUNS)}`;
  return `${counter}
INSERT INTO users (id, email, name, status, plan, created_at, updated_at)
SELECT 'bench-u' || i, 'bench-u' || i || '@example.test', 'Bench', 'active', ${pick(PLANS, "i")}, ${start}, ${start} FROM n;
${counter}
INSERT INTO invoices (id, user_id, customer_id, status, currency, amount_due, amount_paid, lines_json, created_at, updated_at)
SELECT 'bench-in' || i, 'bench-u' || i, 'cus_bench' || i, ${pick(RUN_INVOICE_STATES, "i")}, 'usd', 1499, 0, '[]', ${at}, ${at} FROM n;
${counter}
INSERT INTO workflow_runs (instance_id, workflow, subject, created_by, status, params_json, created_at, updated_at)
SELECT 'dunning-bench-in' || i, 'dunning', 'invoice:bench-in' || i, 'bench', 'complete', '{}', ${at}, ${at} FROM n;`;
}

/** What the seed holds, counted the same way, to check the roll-up's totals against. */
function expected() {
  const counts = {};
  for (let i = 0; i < EVENTS; i++) {
    const kind = KINDS[i % KINDS.length];
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Says whether other work shared the machine, which inflates every row alike. */
function loadNote(before, after) {
  const cores = os.cpus().length;
  const busy = Math.max(before, after) > cores;
  return `One-minute load average ${before.toFixed(1)} at the start and ${after.toFixed(1)} at the end, on ${cores} cores${
    busy ? ": above the core count, other work shared the machine and every row is slower." : "."
  }`;
}

const YEAR = `from=${firstDay}&to=${today}`;
const SHAPES = [
  ["floor: GET /api/unknown (404)", "/api/unknown"],
  ["baseline: exports, one day", `/api/admin/analytics/exports?from=${today}&to=${today}`],
  ["users, 365 days", `/api/admin/analytics/users?${YEAR}`],
  ["users, 365 days, plan=standard", `/api/admin/analytics/users?${YEAR}&plan=standard`],
  ["revenue, 365 days (all + 4 plans)", `/api/admin/analytics/revenue?${YEAR}`],
  ["churn, 365 days", `/api/admin/analytics/churn?${YEAR}`],
  ["recovery, 365 days", `/api/admin/analytics/recovery?${YEAR}`],
  ["exports, 365 days", `/api/admin/analytics/exports?${YEAR}`],
  ["growth, 365 days", `/api/admin/analytics/growth?${YEAR}`],
  ["revenue CSV, 365 days", `/api/admin/analytics/revenue?${YEAR}&format=csv`],
];

async function main() {
  console.log(`Preparing a fresh local D1 in ${persistTo} …`);
  await prepareLocalStack({ fresh: true, persistTo });
  const seedFile = path.join(persistTo, "bench-analytics-events.sql");
  writeFileSync(seedFile, seedSql());
  const seedStarted = performance.now();
  await wrangler(
    ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", seedFile],
    {
      quiet: true,
    },
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const runsFile = path.join(persistTo, "bench-analytics-dunning.sql");
  writeFileSync(runsFile, dunningSeedSql());
  await wrangler(
    ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", runsFile],
    {
      quiet: true,
    },
  );
  console.log(`Seeded ${EVENTS} events in ${seedSeconds.toFixed(1)} s`);

  const loadBefore = os.loadavg()[0];
  const { opsToken } = ensureDevVars();
  const headers = { Authorization: `Bearer ${opsToken}` };
  const worker = await startWorker({ port: 8795, persistTo, extraArgs: ["--test-scheduled"] });
  const rows = [];
  const measured = [];
  let rollup;
  try {
    // Each cron run recounts up to 60 days; 365 days need 7 runs, the last finding nothing new.
    const rollupStarted = performance.now();
    let runs = 0;
    for (; runs < 8; runs++) {
      const response = await fetch(
        `${worker.url}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`,
      );
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`/__scheduled answered ${response.status}`);
    }
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    rollup = { runs, seconds: rollupSeconds, perSecond: EVENTS / rollupSeconds };
    console.log(`Rolled up in ${rollupSeconds.toFixed(1)} s over ${runs} cron runs`);

    const want = expected();
    const check = async (report, key, kind) => {
      const response = await fetch(`${worker.url}/api/admin/analytics/${report}?${YEAR}`, {
        headers,
      });
      const got = (await response.json()).data.summary[key];
      if (got !== want[kind])
        throw new Error(`${report}.${key} is ${got}, the seed holds ${want[kind]}`);
    };
    await check("exports", "exports", "export.completed");
    await check("users", "signups", "user.signed_up");
    want["dunning.started"] = RUNS;
    await check("recovery", "started", "dunning.started");
    console.log("Report totals match the seed");

    for (const [name, url] of SHAPES) {
      const send = async () => {
        const response = await fetch(`${worker.url}${url}`, { headers });
        await response.arrayBuffer();
        return response.status;
      };
      await loadWith({ send, requests: 20, concurrency: 2 }); // warm-up, not recorded
      for (const concurrency of CONCURRENCY) {
        const result = await loadWith({ send, requests: REQUESTS, concurrency });
        rows.push(formatRow(name, result));
        measured.push({ name, concurrency, p95: result.p95 });
        console.log(formatRow(name, result));
      }
    }
  } finally {
    await worker.stop();
  }
  const slowest = CONCURRENCY.map((concurrency) => {
    const at = measured.filter(
      (row) => row.concurrency === concurrency && !/^(floor|baseline):/.test(row.name),
    );
    const worst = at.sort((a, b) => b.p95 - a.p95)[0];
    const baseline = measured.find(
      (row) => row.concurrency === concurrency && row.name.startsWith("baseline:"),
    );
    return `- Concurrency ${concurrency}: the slowest report ("${worst.name}") has p95 ${worst.p95.toFixed(1)} ms, ${
      worst.p95 < TARGET_P95_MS ? "under" : "over"
    } the ${TARGET_P95_MS} ms target; the one-day baseline's p95 is ${baseline.p95.toFixed(1)} ms.`;
  }).join("\n");
  const markdown = `## Analytics roll-up of ${EVENTS.toLocaleString("en")} events and the report queries (local wrangler dev)

Command: \`npm run bench:analytics\` (BENCH_EVENTS=${EVENTS}, BENCH_REQUESTS=${REQUESTS}, BENCH_CONCURRENCY=${CONCURRENCY.join(",")})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; the load generator shares the machine with workerd.
${loadNote(loadBefore, os.loadavg()[0])}
Seeding ${EVENTS.toLocaleString("en")} raw events over 365 days took ${seedSeconds.toFixed(1)} s; ${RUNS.toLocaleString("en")} dunning runs (with their accounts and invoices) feed the recovery cohorts.
Roll-up: ${rollup.seconds.toFixed(1)} s over ${rollup.runs} runs of the 5-minute cron (60 days a run), ${Math.round(rollup.perSecond).toLocaleString("en")} events/s; report totals checked against the seed.

${TABLE_HEADER}
${rows.join("\n")}

${slowest}

Target (issue 16): roll-up of 1,000,000 events; dashboard queries p95 < 100 ms. No report reads the
raw events: revenue reads \`analytics_revenue_daily\` (a covering index on plan, day), recovery the
dunning runs by \`(workflow, created_at)\`, the others \`analytics_daily\` (primary key plan, metric, day).`;
  // one section per size, so a quick run at 50,000 events keeps the 1,000,000 one
  writeSection(path.join(here, "RESULTS.md"), `analytics-${EVENTS}`, markdown);
  console.log("\nWritten to bench/RESULTS.md");
}

await main();
