// `npm run bench:moderation-quality`: how well the automated moderation layers separate the
// labelled corpus (tests/fixtures/moderation). Each resume goes through the same check the
// workflow runs (extraction, hash, default rules, built-in classifier, decision for a share);
// a case is flagged when the decision is anything but "allow". Prints the false-positive rate
// (benign flagged / benign), the detection rate (violating flagged / violating) overall and per
// category, and every misclassified file. Exits 1 when FP ≥ 2 % or detection < 95 %.
// Then prints the held-out lines' figures (tests/fixtures/moderation/held-out.json), which are
// reported but never gated: the exit code depends on the corpus alone.
// `npm run bench:moderation` writes the same figures to bench/RESULTS.md.
import {
  evaluateCorpus,
  loadCorpus,
  loadEngine,
  meetsTargets,
  qualityMarkdown,
} from "./moderation-corpus.mjs";
import { evaluateHeldOut, heldOutMarkdown } from "./moderation-held-out.mjs";

const engine = await loadEngine();
const cases = loadCorpus();
const report = await evaluateCorpus(engine, cases);
console.log(qualityMarkdown(report));
const ok = meetsTargets(report);
console.log(`\n${ok ? "Within" : "NOT within"} the targets.`);
console.log(`\n${heldOutMarkdown(await evaluateHeldOut(engine))}`);
process.exitCode = ok ? 0 : 1;
