// `npm run bench:moderation-flow`: how long a public link takes to go live through the whole
// ModerationWorkflow (share request → known-content cache, rules, local classifier, decision,
// publication), measured from the owner's POST …/share until GET …/share says `live`, next to
// the baseline of the same request for content that already passed (no new check: the link is
// live in the answer itself). Starts its own `wrangler dev` on port 8800 over a fresh database in
// .wrangler/bench-moderation-state (or uses BENCH_URL) and rewrites its section of bench/RESULTS.md.
// BENCH_MODERATION_CHECKS (default 30) sets how many resumes are published, one after another.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "../db/seed/0002_demo_accounts.mjs";
import { benchServer, machine, percentile, writeSection } from "./lib.mjs";
import { loadCorpus } from "./moderation-corpus.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const CHECKS = Number(process.env.BENCH_MODERATION_CHECKS ?? 30);
const EMAIL = "user@demo.resume-builder.test";
const POLL_MS = 25;
const TARGET_MS = 5_000;
const loadAtStart = os.loadavg()[0];

// One resume per run or check: more than the Free plan allows.
const server = await benchServer({
  port: 8800,
  state: "bench-moderation-state",
  email: EMAIL,
  plan: "premium",
});
const base = server.base;

const signIn = await fetch(`${base}/api/auth/login`, {
  method: "POST",
  headers: { "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.78" },
  body: JSON.stringify({ email: EMAIL, password: DEMO_PASSWORD }),
});
const auth = { Authorization: `Bearer ${(await signIn.json()).data.access_token}` };
const json = { ...auth, "Content-Type": "application/json" };

async function call(method, url, body) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: json,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
  return answer.data;
}

/** Milliseconds from the share request until the link is live (polled every 25 ms). */
async function timeToLive(resumeId) {
  const started = performance.now();
  let share = await call("POST", `/api/resumes/${resumeId}/share`, { enabled: true });
  while (share.publication.state === "checking") {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    share = await call("GET", `/api/resumes/${resumeId}/share`);
  }
  if (share.publication.state !== "live") throw new Error(`ended ${share.publication.state}`);
  return performance.now() - started;
}

const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0) / 1000;
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
    perSecond: sorted.length / total,
  };
};
const row = (name, s) =>
  `| ${name} | ${s.n} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.max.toFixed(0)} | ${s.perSecond.toFixed(2)} |`;

try {
  // benign corpus resumes, each made unique so the known-content cache never answers
  const benign = loadCorpus().filter((entry) => entry.label === "benign");
  const flow = [];
  const again = [];
  for (let i = 0; i < CHECKS; i++) {
    const source = benign[i % benign.length].resume;
    const data = {
      ...source,
      basics: { ...source.basics, label: `${source.basics?.label ?? "Engineer"} (${i})` },
    };
    const { id } = await call("POST", "/api/resumes", { title: `Bench moderation ${i}`, data });
    flow.push(await timeToLive(id));
    // the same content published again: no new check, the baseline of the request itself
    await call("POST", `/api/resumes/${id}/share`, { enabled: false });
    again.push(await timeToLive(id));
    process.stdout.write(".");
  }
  process.stdout.write("\n");
  const checked = summary(flow);
  const baseline = summary(again);
  const rows = [
    row("share → live through the workflow", checked),
    row("baseline: share of already-checked content", baseline),
  ];
  for (const line of rows) console.log(line);
  const verdict =
    checked.p95 < TARGET_MS
      ? `p95 ${checked.p95.toFixed(0)} ms: within the 5 s target`
      : `p95 ${checked.p95.toFixed(0)} ms: **over** the 5 s target`;
  writeSection(
    path.join(here, "RESULTS.md"),
    "moderation-flow",
    `## Content moderation end to end: a public link through the workflow (local wrangler dev)

Command: \`npm run bench:moderation-flow\` (BENCH_MODERATION_CHECKS=${CHECKS})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; 1-minute load average at start ${loadAtStart.toFixed(1)}; the client shares the machine with workerd.

Each of ${CHECKS} benign corpus resumes (made unique, so the known-content cache never answers)
is shared once, one after another: the time runs from \`POST /api/resumes/{id}/share\` until
\`GET …/share\` answers \`publication.state: live\` (polled every ${POLL_MS} ms), so it covers the
ModerationWorkflow's instance start, its steps (cache, rules, the local classifier standing in
for Workers AI, decision, publication) and their D1, KV and R2 writes. The baseline is the same
request for content that already passed: the link is live in the answer itself.

| what | checks | p50 ms | p95 ms | p99 ms | max ms | checks/s |
|---|---|---|---|---|---|---|
${rows.join("\n")}

Target: a resume through the whole workflow in under 5 s — ${verdict}
(${(checked.p50 / baseline.p50).toFixed(1)}× the baseline at p50). In production the AI step is a Workers AI call
(Llama Guard), which this local run does not include.`,
  );
} finally {
  await server.stop();
}
