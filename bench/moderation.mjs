// `npm run bench:moderation`: what one automated moderation check costs, and how good it is.
// Times the check the workflow runs before any AI call — document extraction, content hash,
// default rules, built-in classifier, decision (bench/moderation-corpus.mjs checkResume) — for
// every resume of the labelled corpus (tests/fixtures/moderation), one at a time, next to two
// baselines measured in the same run on the same resumes: JSON.stringify + SHA-256 (the least
// any content check costs) and the hash layer alone (extraction + canonical hash). The last rows
// check adversarial documents (10 kB fields of digits, URL-like runs, thousands of links, one
// long word, repeated phrases) to show the rules stay linear and the link work bounded. Then
// scores the corpus with the same code as `npm run bench:moderation-quality` and rewrites its
// section of bench/RESULTS.md, with the held-out lines' figures (bench/moderation-held-out.mjs;
// reported, not gated) beside them.
// BENCH_MODERATION_ROUNDS (default 20) sets how many times the whole corpus is checked.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { machine, percentile, writeSection } from "./lib.mjs";
import {
  checkResume,
  defaultRuleSet,
  evaluateCorpus,
  loadCorpus,
  loadEngine,
  meetsTargets,
  qualityMarkdown,
  SUBJECT,
} from "./moderation-corpus.mjs";
import { evaluateHeldOut, HELD_OUT_LABEL, heldOutMarkdown } from "./moderation-held-out.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_MODERATION_ROUNDS ?? 20);
const WARMUP_ROUNDS = Math.min(2, ROUNDS);
const TARGET_MS = 100;
const loadAtStart = os.loadavg()[0];

const engine = await loadEngine();
const ruleSet = defaultRuleSet(engine);
const cases = loadCorpus();
const encoder = new TextEncoder();

/** Up to 10 kB per field, shaped to make a careless regex backtrack or a scanner loop. */
function adversarialCases(base) {
  const shapes = {
    digits: "4111 1111 1111 111 ".repeat(520),
    "url-like": "http://a.b@c.d/".repeat(660),
    // Thousands of links in 10 kB: one address repeated, and hundreds of distinct lookalikes.
    "repeated-links": "www.a.bc ".repeat(1112),
    "distinct-links": Array.from({ length: 600 }, (_, i) => `http://paypa1-${i}.com`).join(" "),
    "long-word": "x".repeat(9_990),
    "repeated-phrase": "free bitcoin giveaway send now ".repeat(320),
    "punctuation-runs": "-._~:/?#[]@!$&'()*+,;=%".repeat(430),
  };
  return Object.entries(shapes).map(([shape, text]) => {
    const resume = structuredClone(base.resume);
    resume.basics.summary = text.slice(0, 10_000);
    resume.work[0].highlights = [text.slice(0, 10_000), text.slice(0, 10_000)];
    return { id: `adversarial/${shape}`, owner: base.owner, resume };
  });
}
const adversarial = adversarialCases(cases.find((c) => c.resume.work?.[0]?.highlights));

async function time(label, list, run) {
  for (let round = 0; round < WARMUP_ROUNDS; round++) for (const c of list) await run(c);
  const samples = [];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of list) {
      const t0 = performance.now();
      await run(c);
      samples.push(performance.now() - t0);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const row = {
    label,
    checks: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.at(-1),
    perSecond: samples.length / seconds,
  };
  console.log(
    `${label}: p50 ${row.p50.toFixed(3)} ms, p95 ${row.p95.toFixed(3)} ms, p99 ${row.p99.toFixed(3)} ms, ${row.perSecond.toFixed(0)}/s`,
  );
  return row;
}

const rows = [
  await time("baseline: JSON.stringify + SHA-256", cases, (c) =>
    crypto.subtle.digest("SHA-256", encoder.encode(JSON.stringify(c.resume))),
  ),
  await time("hash layer alone (extraction + canonical hash)", cases, (c) =>
    engine.contentHash(engine.resumeToModerationDocument(c.resume, c.owner)),
  ),
  await time("automated check (extraction, hash, rules, classifier, decision)", cases, (c) =>
    checkResume(engine, ruleSet, c.resume, c.owner),
  ),
];
const adversarialRows = [];
for (const c of adversarial) {
  adversarialRows.push(
    await time(`adversarial: ${c.id.replace("adversarial/", "")} (3 × 10 kB)`, [c], () =>
      checkResume(engine, ruleSet, c.resume, c.owner),
    ),
  );
}

const report = await evaluateCorpus(engine, cases, ruleSet);
const quality = qualityMarkdown(report);
console.log(`\n${quality}`);
const heldOut = heldOutMarkdown(await evaluateHeldOut(engine, undefined, ruleSet));
console.log(`\n${heldOut}`);

const ms = (v) => v.toFixed(3);
const check = rows[2];
const worstAdversarial = adversarialRows.reduce((worst, r) => (r.p95 > worst.p95 ? r : worst));
const sizes = cases.map((c) => JSON.stringify(c.resume).length).sort((a, b) => a - b);
const table = [...rows, ...adversarialRows]
  .map(
    (r) =>
      `| ${r.label} | ${r.checks} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.perSecond.toFixed(0)} |`,
  )
  .join("\n");
const markdown = `## Content moderation: automated layers and corpus quality

Command: \`npm run bench:moderation\` (BENCH_MODERATION_ROUNDS=${ROUNDS}); quality alone: \`npm run bench:moderation-quality\`
Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; 1-minute load average at start ${loadAtStart.toFixed(1)}
(the tail percentiles grow with other work on the machine; p50 is the check's own cost).

Each of the ${cases.length} resumes of the labelled corpus (\`tests/fixtures/moderation\`, ${sizes[0]}–${sizes.at(-1)} bytes of JSON,
median ${percentile(sizes, 50)}) is checked ${ROUNDS} times after ${WARMUP_ROUNDS} warm-up rounds, one at a time, in Node with
\`core/moderation\` bundled by esbuild as in the Worker. A check is what the workflow runs before
any AI call: \`resumeToModerationDocument\`, \`contentHash\`, \`evaluateRules\` with the default rules,
\`classifyLocally\` and \`decide(signals, "${SUBJECT}")\`. The first two rows are baselines from the
same run on the same resumes. The adversarial rows check one corpus resume whose summary and
two highlights are each replaced by 10 kB of one shape (card-like digit groups, URL-like runs,
one address written 1,112 times, 600 distinct lookalike addresses, one long word, a repeated
scam phrase, URL punctuation), to show the work stays bounded: each distinct address is parsed
once per check and at most ${engine.LINKS_EXAMINED} distinct addresses are examined (more send the resume to a person).

| what | checks | p50 ms | p95 ms | p99 ms | max ms | checks/s |
|---|---|---|---|---|---|---|
${table}

Target: p95 under ${TARGET_MS} ms per check. Corpus resumes: p95 ${ms(check.p95)} ms — ${check.p95 < TARGET_MS ? "within" : "**over**"} the target
(p50 ${(check.p50 / rows[0].p50).toFixed(0)}× the stringify-and-hash baseline). Slowest adversarial shape: ${worstAdversarial.label.replace("adversarial: ", "")},
p95 ${ms(worstAdversarial.p95)} ms — ${worstAdversarial.p95 < TARGET_MS ? "within" : "**over**"} the same bound.

### Corpus quality (default rules + built-in classifier, no AI)

Computed by \`bench/moderation-corpus.mjs\` (the code \`tests/unit/moderation-corpus.test.ts\` asserts
with); a case is flagged when the decision is anything but \`allow\`. The built-in classifier's
lexicon is written by people who can read this corpus, so these rates show that the rules and
lexicon cover it, not how they do on text they were not tuned on: check new phrasings by adding
cases, and expect the AI layer, not the stand-in, to carry unseen wording in production.
${meetsTargets(report) ? "Within" : "**Not within**"} the targets.

${quality}

### Held-out lines (${HELD_OUT_LABEL})

\`tests/fixtures/moderation/held-out.json\` holds new wording for every category and benign lines
that read darkly: \`probe2\` lines come from a colleague's never-committed probe, \`helper\` lines
were written for this file before reading the rules and lexicons (an earlier probe's lines were
folded into the corpus, so they are not here). None was used to tune the rules or the built-in
classifier and nothing gates on them; they show what the corpus rates above cannot, how the
stand-in does on phrasing nobody fitted it to. Tuning the lexicon on these lines would make them
stop being held out: add misses you want covered to the corpus instead, and write fresh
held-out lines.

${heldOut}`;
writeSection(path.join(here, "RESULTS.md"), "moderation", markdown);
console.log("\nWritten to bench/RESULTS.md");
