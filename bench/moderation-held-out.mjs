// The held-out moderation lines (tests/fixtures/moderation/held-out.json): wording that the
// rules and the built-in classifier's lexicon were NOT tuned on, scored to show how the
// automated layers do on text nobody fitted them to. Each line is appended to one highlight of
// a base corpus resume and checked exactly like a corpus case (`checkResume`). The figures are
// reported, never gated: nothing exits non-zero on them, and tuning core/moderation on these
// lines would turn them into one more training set and stop them measuring anything.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CORPUS_DIR, checkResume, defaultRuleSet, loadCorpus } from "./moderation-corpus.mjs";

export const HELD_OUT_FILE = path.join(CORPUS_DIR, "held-out.json");
/** The label every report of these figures carries, so nobody mistakes them for the corpus. */
export const HELD_OUT_LABEL = "held out: not used for tuning; not gated";

/** The held-out file: `{ note, base, cases: [{ line, label, category, source, note }] }`. */
export function loadHeldOut(file = HELD_OUT_FILE) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The base resume with one held-out line added to its first job's highlights. */
function withLine(base, line) {
  const resume = structuredClone(base.resume);
  resume.work[0].highlights = [...(resume.work[0].highlights ?? []), line];
  return resume;
}

const rate = (part, whole) => (whole === 0 ? 0 : part / whole);

/** Checks every held-out line in the base resume; a line is flagged when the outcome is not "allow". */
export async function evaluateHeldOut(
  engine,
  heldOut = loadHeldOut(),
  ruleSet = defaultRuleSet(engine),
) {
  const base = loadCorpus().find((c) => c.id === heldOut.base);
  if (!base) throw new Error(`held-out base resume ${heldOut.base} is not in the corpus`);
  const baseline = await checkResume(engine, ruleSet, base.resume, base.owner);
  if (baseline.outcome !== "allow")
    throw new Error(`held-out base ${heldOut.base} is itself flagged`);
  const results = [];
  for (const c of heldOut.cases) {
    const { outcome, decision } = await checkResume(
      engine,
      ruleSet,
      withLine(base, c.line),
      base.owner,
    );
    results.push({ ...c, outcome, decision, flagged: outcome !== "allow" });
  }
  const violating = results.filter((r) => r.label === "violating");
  const benign = results.filter((r) => r.label === "benign");
  const missed = violating.filter((r) => !r.flagged);
  const falsePositives = benign.filter((r) => r.flagged);
  const perCategory = Object.fromEntries(
    engine.MODERATION_CATEGORIES.map((category) => {
      const v = violating.filter((r) => r.category === category);
      const b = benign.filter((r) => r.category === category);
      return [
        category,
        {
          violating: v.length,
          detected: v.filter((r) => r.flagged).length,
          benign: b.length,
          falsePositives: b.filter((r) => r.flagged).length,
        },
      ];
    }),
  );
  const sources = [...new Set(results.map((r) => r.source))].map((source) => {
    const of = (list) => list.filter((r) => r.source === source);
    return {
      source,
      violating: of(violating).length,
      detected: of(violating).filter((r) => r.flagged).length,
      benign: of(benign).length,
      falsePositives: of(falsePositives).length,
    };
  });
  return {
    base: heldOut.base,
    sources,
    baseline: baseline.decision,
    categories: engine.MODERATION_CATEGORIES,
    violating: violating.length,
    benign: benign.length,
    missed,
    falsePositives,
    detectionRate: rate(violating.length - missed.length, violating.length),
    falsePositiveRate: rate(falsePositives.length, benign.length),
    perCategory,
  };
}

const pct = (value) => `${(value * 100).toFixed(1)} %`;
/** The outcome, with the deciding category unless that is only the base resume's own signal. */
const decided = (r, baseline) =>
  r.decision.category &&
  !(r.decision.category === baseline.category && r.decision.confidence === baseline.confidence)
    ? `${r.outcome} (${r.decision.category} ${r.decision.confidence})`
    : r.outcome;

/** The held-out figures as Markdown, labelled as such, with every miss and false positive. */
export function heldOutMarkdown(report) {
  const rows = report.categories
    .map((category) => {
      const c = report.perCategory[category];
      return `| ${category} | ${c.detected}/${c.violating} | ${c.falsePositives}/${c.benign} |`;
    })
    .join("\n");
  const list = (items) =>
    items.length === 0
      ? "none"
      : items
          .map((r) => `- [${r.category}, ${r.source}] ${decided(r, report.baseline)} — “${r.line}”`)
          .join("\n");
  const bySource = report.sources
    .map(
      (s) =>
        `| held-out, from ${s.source} | ${s.detected}/${s.violating} | ${s.falsePositives}/${s.benign} |`,
    )
    .join("\n");
  return `Held-out lines (${HELD_OUT_LABEL}), each added to a highlight of \`${report.base}\`:

| | lines | flagged | rate |
|---|---|---|---|
| held-out violating (detection) | ${report.violating} | ${report.violating - report.missed.length} | ${pct(report.detectionRate)} |
| held-out benign (false positives) | ${report.benign} | ${report.falsePositives.length} | ${pct(report.falsePositiveRate)} |

| source | detected | false positives |
|---|---|---|
${bySource}

| category | held-out detected | held-out false positives |
|---|---|---|
${rows}

Held-out misses (violating allowed):
${list(report.missed)}

Held-out false positives (benign flagged):
${list(report.falsePositives)}`;
}
