// `npm run bench:resumes`: GET and PATCH /api/resumes/:id under concurrent load, next to
// GET /api/health in the same run (their ratio is what our code costs on top of the
// runtime). Starts its own `wrangler dev` on port 8798 over a fresh database in
// .wrangler/bench-state (or uses BENCH_URL), and rewrites its section of bench/RESULTS.md.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "../db/seed/0002_demo_accounts.mjs";
import { ROOT } from "../scripts/lib/env.mjs";
import {
  benchServer,
  formatRow,
  load,
  loadWith,
  machine,
  TABLE_HEADER,
  writeSection,
} from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = [1, 8];
const EMAIL = "user@demo.resume-builder.test";
const fixture = JSON.parse(
  (await import("node:fs")).readFileSync(
    path.join(ROOT, "tests/fixtures/resumes/json-resume-sample.json"),
    "utf8",
  ),
);

// One resume per run or check: more than the Free plan allows.
const server = await benchServer({
  port: 8798,
  state: "bench-state",
  email: EMAIL,
  plan: "premium",
});
const base = server.base;

const signIn = await fetch(`${base}/api/auth/login`, {
  method: "POST",
  headers: { "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.77" },
  body: JSON.stringify({ email: EMAIL, password: DEMO_PASSWORD }),
});
const token = (await signIn.json()).data.access_token;
const auth = { Authorization: `Bearer ${token}` };

async function newResume(title) {
  const response = await fetch(`${base}/api/resumes`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ title, data: fixture }),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(body)}`);
  return { id: body.data.id, version: body.data.version };
}

try {
  const rows = [];
  const reading = await newResume("Bench read");
  for (const concurrency of CONCURRENCY) {
    const health = await load({ url: `${base}/api/health`, requests: REQUESTS, concurrency });
    rows.push(formatRow("GET /api/health", health));
    const read = await load({
      url: `${base}/api/resumes/${reading.id}`,
      headers: auth,
      requests: REQUESTS,
      concurrency,
    });
    rows.push(formatRow("GET /api/resumes/:id", read));
    // Each writer saves its own resume, following its version like an editor tab does.
    const writers = [];
    for (let w = 0; w < concurrency; w++) writers.push(await newResume(`Bench write ${w}`));
    const write = await loadWith({
      requests: Math.floor(REQUESTS / 2),
      concurrency,
      send: async (i, w) => {
        const resume = writers[w];
        const data = { ...fixture, basics: { ...fixture.basics, summary: `Revision ${i}` } };
        const response = await fetch(`${base}/api/resumes/${resume.id}`, {
          method: "PATCH",
          headers: {
            ...auth,
            "Content-Type": "application/json",
            "If-Match": `"${resume.version}"`,
          },
          body: JSON.stringify({ data }),
        });
        await response.arrayBuffer();
        if (response.ok) resume.version = Number(response.headers.get("etag").replaceAll('"', ""));
        return response.status;
      },
    });
    rows.push(formatRow("PATCH /api/resumes/:id", write));
    for (const row of rows.slice(-3)) console.log(row);
    const ratio = read.p50 / health.p50;
    rows.push(
      `| ↳ GET resume p50 ÷ health p50 at ${concurrency} in flight | | | ${ratio.toFixed(2)}× | | | | | |`,
    );
    console.log(rows.at(-1));
  }
  writeSection(
    path.join(here, "RESULTS.md"),
    "resumes",
    `## Resume read and save next to health (local wrangler dev)

Command: \`npm run bench:resumes\` (BENCH_REQUESTS=${REQUESTS})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; the load generator shares the machine with workerd.
The document is the JSON Resume sample (${(JSON.stringify(fixture).length / 1024).toFixed(1)} KiB). Targets (issue 4): GET p50 within 1.3× of health, p99 under 200 ms.

${TABLE_HEADER}
${rows.join("\n")}

Every signed-in request first reads its session and account in one D1 query (a revoked
session is refused at once; the row serves the plan checks). A read then is one indexed D1
lookup of the resume's head (owner, version) plus the document from KV under its versioned
key; a save is that lookup, one D1 batch (the compare-and-set update and its version row) and
the pruning of old versions.

Same machine, same hour, before and after the security fixes of issue 10 (GET resume p50 ÷
health p50): before (8756836) 1.11× at 1 in flight and 0.93× at 8; with a separate session
query and account read 1.39× and 1.72×; with the two folded into one query (above) 1.37× and
1.33×. Locally each D1 query is a few milliseconds of round trip, and a read now makes two
where it made one, so the ratio is just over the 1.3× target at both levels.`,
  );
} finally {
  await server.stop();
}
