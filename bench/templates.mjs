// `npm run bench:templates`: how long each template takes to render a two-page resume.
// Loads the real core/templates (bundled with esbuild, as the Worker bundles it) and times
// renderResumeDocument for tests/fixtures/resumes/two-page.json: the whole document, from
// resume JSON to HTML string, in one synchronous call. Also times one template with every
// font file inlined as a data: URL, as the PDF and share page will render. Prints
// p50/p95/p99 per template and rewrites its section of bench/RESULTS.md.
// BENCH_TEMPLATE_ITERATIONS (default 2000) sets the timed renders per template.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadWorkerModule } from "../scripts/lib/worker-module.mjs";
import { machine, percentile, writeSection } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");
const ITERATIONS = Number(process.env.BENCH_TEMPLATE_ITERATIONS ?? 2000);
const WARMUP = Math.min(200, ITERATIONS);
const TARGET_MS = 5;
const loadAtStart = os.loadavg()[0];

const { renderResumeDocument, TEMPLATES } = await loadWorkerModule("core/templates/index.ts");
const resume = JSON.parse(
  readFileSync(path.join(root, "tests/fixtures/resumes/two-page.json"), "utf8"),
);
const fontCache = new Map();
const dataUrl = (face) => {
  if (!fontCache.has(face.file)) {
    const bytes = readFileSync(path.join(root, "node_modules", face.file));
    fontCache.set(face.file, `data:font/woff2;base64,${bytes.toString("base64")}`);
  }
  return fontCache.get(face.file);
};

function time(options) {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) bytes = renderResumeDocument(resume, options).length;
  const samples = new Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    renderResumeDocument(resume, options);
    samples[i] = performance.now() - t0;
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.at(-1),
    bytes,
  };
}

const ms = (v) => v.toFixed(3);
const kb = (v) => `${(v / 1024).toFixed(0)} KiB`;
const rows = [];
for (const template of TEMPLATES) {
  const r = time({ template: template.id });
  rows.push({ name: template.id, ...r });
  console.log(`${template.id}: p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, p99 ${ms(r.p99)} ms`);
}
const withFonts = time({ template: "classic", fonts: dataUrl });
rows.push({ name: "classic + inlined fonts", ...withFonts });
console.log(`classic + inlined fonts: p50 ${ms(withFonts.p50)} ms, p99 ${ms(withFonts.p99)} ms`);

const worst = Math.max(...rows.map((r) => r.p99));
const table = rows
  .map(
    (r) =>
      `| ${r.name} | ${ITERATIONS} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${kb(r.bytes)} |`,
  )
  .join("\n");
const markdown = `## Template render time (two-page resume)

Command: \`npm run bench:templates\` (BENCH_TEMPLATE_ITERATIONS=${ITERATIONS})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; 1-minute load average at start ${loadAtStart.toFixed(1)}
(the tail percentiles grow with other work on the machine; p50 is the template's own cost).

\`renderResumeDocument\` from \`core/templates\` (bundled with esbuild, as in the Worker) renders
\`tests/fixtures/resumes/two-page.json\` — five jobs, education, skills, projects and a custom
section, about two A4 pages — to a complete HTML document, ${ITERATIONS} times per template after
${WARMUP} warm-up renders, one at a time. The last row inlines the Source Serif WOFF2 files
(latin and latin-ext, six faces) as data: URLs, as the PDF and share page will.

| template | renders | p50 ms | p95 ms | p99 ms | max ms | document size |
|---|---|---|---|---|---|---|
${table}

Target: under ${TARGET_MS} ms per two-page resume. Worst p99 here: ${ms(worst)} ms — ${worst < TARGET_MS ? "within" : "**over**"} the target.
The max column is single outliers (garbage collection); the Worker's CPU is slower per core than
this machine's, so read production figures from its CPU-time metrics.`;
writeSection(path.join(here, "RESULTS.md"), "templates", markdown);
console.log("\nWritten to bench/RESULTS.md");
