// `npm run bench:risk`: what the threat-intelligence check adds to a request (README "Threat
// intelligence"; issue 18 "Measured": threat lookup p95 < 2 ms). The check's own code
// (server/security/threat-intel.ts `lookupThreat`) is bundled into a minimal Worker run by
// Miniflare with a seeded THREAT_INTEL namespace. Routes loaded in the same run: `/baseline`
// answers without the check (the floor: Miniflare's HTTP round trip); `/miss` runs the lookup for
// an unlisted caller, `/hit` for one whose address, network, device and ASN are all listed below
// `high`. "Cold" rows send a caller never seen before on every request (four KV reads each);
// "warm" rows repeat 50 callers, as one person's requests do (the isolate's recent reads answer).
// Each row reports client-side p50/p95/p99 and throughput; the lookup's own time inside workerd
// (the clock advances across its KV reads) is reported next to it.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { ROOT } from "../scripts/lib/env.mjs";
import { formatRow, loadWith, machine, percentile, TABLE_HEADER, writeSection } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,8").split(",").map(Number);
/** Distinct listed callers: every cold request of the run gets its own. */
const CALLERS = REQUESTS * CONCURRENCY.length + 200;
const DAY = 86_400_000;

const entry = `
import { lookupThreat } from "./server/security/threat-intel";
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/baseline") return new Response("pass");
    const i = Number(url.searchParams.get("i") ?? 0);
    const identity = url.pathname === "/hit"
      ? { ip: "198.18." + (i >> 8) + "." + (i & 255), deviceId: "bench-device-" + i, asn: 64500 + (i % 100) }
      : { ip: "198.51." + (i >> 8) + "." + (i & 255), deviceId: "unlisted-device-" + i, asn: 65000 + (i % 100) };
    const started = performance.now();
    const verdict = await lookupThreat(env, identity, Date.now());
    const ms = performance.now() - started;
    return new Response(verdict.action, { headers: { "x-lookup-ms": String(ms) } });
  },
};`;

const bundle = await build({
  stdin: { contents: entry, resolveDir: ROOT, loader: "ts", sourcefile: "bench-risk.ts" },
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  external: ["cloudflare:*", "node:*"],
  write: false,
  logLevel: "error",
});

const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: "2026-04-20",
  compatibilityFlags: ["nodejs_compat"],
  kvNamespaces: ["THREAT_INTEL"],
});

const loadAtStart = os.loadavg()[0];
try {
  const base = (await mf.ready).toString().replace(/\/$/, "");
  const kv = await mf.getKVNamespace("THREAT_INTEL");
  const value = (severity) =>
    JSON.stringify({ severity, source: "bench", reason: "bench", expires_at: Date.now() + DAY });
  const keys = [];
  for (let i = 0; i < CALLERS; i++) {
    keys.push([`ip:198.18.${i >> 8}.${i & 255}`, "low"], [`fp:bench-device-${i}`, "low"]);
    if ((i & 255) === 0) keys.push([`ip:198.18.${i >> 8}.0/24`, "medium"]);
  }
  for (let i = 0; i < 100; i++) keys.push([`asn:${64500 + i}`, "medium"]);
  for (let i = 0; i < keys.length; i += 100)
    await Promise.all(
      keys.slice(i, i + 100).map(([key, severity]) => kv.put(key, value(severity))),
    );

  const inside = { "miss cold": [], "hit cold": [], "hit warm": [] };
  let fresh = 0;
  const route = (name, warm, label) => async (index) => {
    const caller = warm ? index % 50 : fresh++;
    const response = await fetch(`${base}/${name}?i=${caller}`);
    await response.arrayBuffer();
    const ms = response.headers.get("x-lookup-ms");
    if (ms !== null && label) inside[label].push(Number(ms));
    return response.status;
  };
  const rows = [];
  const results = {};
  await loadWith({ send: route("baseline", true), requests: 100, concurrency: 4 }); // warm-up
  for (const [label, name, warm, key] of [
    ["baseline: no lookup", "baseline", true, null],
    ["lookup, unlisted caller, cold (KV misses)", "miss", false, "miss cold"],
    ["lookup, listed caller, cold (KV hits)", "hit", false, "hit cold"],
    ["lookup, listed caller, warm (50 callers)", "hit", true, "hit warm"],
  ]) {
    for (const concurrency of CONCURRENCY) {
      const result = await loadWith({
        send: route(name, warm, key),
        requests: REQUESTS,
        concurrency,
      });
      results[`${key ?? name}@${concurrency}`] = result;
      rows.push(formatRow(label, result));
      console.log(formatRow(label, result));
    }
  }
  const ms = (v) => v.toFixed(2);
  const insideRow = (name) => {
    const sorted = [...inside[name]].sort((a, b) => a - b);
    return `| ${name} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${ms(sorted.at(-1))} |`;
  };
  const added = CONCURRENCY.map((c) => {
    const floor = results[`baseline@${c}`];
    const cold = results[`hit cold@${c}`];
    const warm = results[`hit warm@${c}`];
    return `- Concurrency ${c}: a listed caller's p95 is ${ms(cold.p95)} ms cold and ${ms(warm.p95)} ms warm, next to ${ms(floor.p95)} ms without the lookup.`;
  }).join("\n");
  const p95Of = (name) =>
    percentile(
      [...inside[name]].sort((a, b) => a - b),
      95,
    );
  const verdict = ["miss cold", "hit cold", "hit warm"]
    .map(
      (name) =>
        `${name} p95 ${ms(p95Of(name))} ms (${p95Of(name) < 2 ? "meets" : "misses"} < 2 ms)`,
    )
    .join("; ");
  const markdown = `## Threat-intelligence lookup (Miniflare KV)

Command: \`npm run bench:risk\` (BENCH_REQUESTS=${REQUESTS}, BENCH_CONCURRENCY=${CONCURRENCY.join(",")})
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; the load generator shares the machine with workerd.
One-minute load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end on ${os.cpus().length} cores: above the core count, other work shared the machine and every row is slower.
THREAT_INTEL seeded with ${keys.length} entries; \`lookupThreat\` bundled alone into a Worker under Miniflare.

${TABLE_HEADER}
${rows.join("\n")}

${added}

The lookup's own time inside workerd (up to four parallel KV reads; none for a caller read in the last 30 s), over every measured request:

| caller | lookups | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|
${insideRow("miss cold")}
${insideRow("hit cold")}
${insideRow("hit warm")}

Inside workerd: ${verdict}.

Target (issue 18): threat lookup p95 < 2 ms. Local KV is Miniflare's simulator on disk; production
KV reads of hot keys are served from the colo's cache. No D1 read is part of the check. The inside
times are whole milliseconds (workerd's clock moves only across I/O).`;
  writeSection(path.join(here, "RESULTS.md"), "risk", markdown);
  console.log(
    `\n${insideRow("miss cold")}\n${insideRow("hit cold")}\n${insideRow("hit warm")}\nWritten to bench/RESULTS.md`,
  );
} finally {
  await mf.dispose();
}
