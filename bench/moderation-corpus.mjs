// The moderation corpus and the one automated check both moderation benchmarks and the corpus
// unit test run (README "Content moderation"): load the labelled cases of
// tests/fixtures/moderation, run each through document extraction, the content hash, the
// default rules, the built-in classifier and the decision, and score the outcomes.
// `bench/moderation-quality.mjs` prints the scores, `bench/moderation.mjs` times the same check
// and writes the scores to bench/RESULTS.md, tests/unit/moderation-corpus.test.ts asserts them.
// The engine is passed in (`loadEngine()` bundles the Worker's own core/moderation with
// esbuild; the unit test imports the same TypeScript directly), so all three score one code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = path.join(here, "../tests/fixtures/moderation");
/** The targets of the issue and README: false positives under 2 %, detection at least 95 %. */
export const TARGETS = { falsePositiveRate: 0.02, detectionRate: 0.95 };
/** What a publication of a share is checked as; the decision's thresholds depend on it. */
export const SUBJECT = "share";
/** Confidence from which a signal counts towards a category in the per-category column. */
const CATEGORY_FLOOR = 60;

/** Every case of the corpus, benign first, each with its id (`benign/001-slug`). */
export function loadCorpus(dir = CORPUS_DIR) {
  const cases = [];
  for (const label of ["benign", "violating"]) {
    const folder = path.join(dir, label);
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const body = JSON.parse(readFileSync(path.join(folder, file), "utf8"));
      cases.push({ id: `${label}/${file.replace(/\.json$/, "")}`, folder: label, ...body });
    }
  }
  return cases;
}

/** The engine's functions, bundled from the Worker's TypeScript by esbuild. */
export async function loadEngine() {
  const { loadWorkerModule } = await import("../scripts/lib/worker-module.mjs");
  const modules = await Promise.all(
    [
      "core/moderation/model.ts",
      "core/moderation/document.ts",
      "core/moderation/hash.ts",
      "core/moderation/rules/defaults.ts",
      "core/moderation/rules/compile.ts",
      "core/moderation/rules/evaluate.ts",
      "core/moderation/rules/link-index.ts",
      "core/moderation/classifier.ts",
      "core/moderation/decision.ts",
    ].map((file) => loadWorkerModule(file)),
  );
  return Object.assign({}, ...modules);
}

/** The default rule set, compiled and loaded as the Worker does from KV. */
export function defaultRuleSet(engine) {
  return engine.loadRuleSet(engine.compileRuleSet(engine.DEFAULT_RULES));
}

/**
 * The automated layers for one resume, as the workflow runs them: extraction, content hash,
 * rules, built-in classifier, decision. Returns the outcome and the signals behind it.
 */
export async function checkResume(engine, ruleSet, resume, owner) {
  const doc = engine.resumeToModerationDocument(resume, owner);
  const hash = await engine.contentHash(doc);
  const signals = [...engine.evaluateRules(doc, ruleSet), ...engine.classifyLocally(doc)];
  const decision = engine.decide(signals, SUBJECT);
  return { hash, signals, outcome: decision.outcome, decision };
}

const rate = (part, whole) => (whole === 0 ? 0 : part / whole);

/** Runs every case and scores the outcomes: a case is flagged when the outcome is not "allow". */
export async function evaluateCorpus(engine, cases, ruleSet = defaultRuleSet(engine)) {
  const results = [];
  for (const c of cases) {
    const { outcome, signals } = await checkResume(engine, ruleSet, c.resume, c.owner);
    results.push({
      id: c.id,
      label: c.label,
      categories: c.categories,
      note: c.note,
      outcome,
      signals,
      flagged: outcome !== "allow",
    });
  }
  const benign = results.filter((r) => r.label === "benign");
  const violating = results.filter((r) => r.label === "violating");
  const perCategory = Object.fromEntries(
    engine.MODERATION_CATEGORIES.map((category) => {
      const inCategory = violating.filter((r) => r.categories.includes(category));
      const named = inCategory.filter((r) =>
        r.signals.some((s) => s.category === category && s.confidence >= CATEGORY_FLOOR),
      );
      const detected = inCategory.filter((r) => r.flagged).length;
      return [
        category,
        {
          cases: inCategory.length,
          detected,
          detectionRate: rate(detected, inCategory.length),
          namedCategory: named.length,
        },
      ];
    }),
  );
  const falsePositives = benign.filter((r) => r.flagged);
  const missed = violating.filter((r) => !r.flagged);
  return {
    categories: engine.MODERATION_CATEGORIES,
    benign: benign.length,
    violating: violating.length,
    falsePositives,
    missed,
    falsePositiveRate: rate(falsePositives.length, benign.length),
    detectionRate: rate(violating.length - missed.length, violating.length),
    perCategory,
  };
}

export function meetsTargets(report) {
  return (
    report.falsePositiveRate < TARGETS.falsePositiveRate &&
    report.detectionRate >= TARGETS.detectionRate
  );
}

const pct = (value) => `${(value * 100).toFixed(1)} %`;
/** The strongest signals of a case, for the misclassification list. */
const strongest = (r) =>
  [...r.signals]
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, 3)
    .map((s) => `${s.category} ${s.confidence} (${s.rule ?? s.model ?? s.layer})`)
    .join(", ") || "no signals";

/** The quality figures as Markdown: totals, per category, and every misclassified file. */
export function qualityMarkdown(report) {
  const rows = report.categories
    .map((category) => {
      const c = report.perCategory[category];
      return `| ${category} | ${c.cases} | ${c.detected} | ${pct(c.detectionRate)} | ${c.namedCategory} |`;
    })
    .join("\n");
  const list = (items) =>
    items.length === 0
      ? "none"
      : items.map((r) => `- \`${r.id}\` → ${r.outcome}: ${strongest(r)} — ${r.note}`).join("\n");
  return `| | cases | flagged | rate | target |
|---|---|---|---|---|
| benign (false positives) | ${report.benign} | ${report.falsePositives.length} | ${pct(report.falsePositiveRate)} | < ${pct(TARGETS.falsePositiveRate)} |
| violating (detection) | ${report.violating} | ${report.violating - report.missed.length} | ${pct(report.detectionRate)} | ≥ ${pct(TARGETS.detectionRate)} |

Per category (a violating case counts in each category it is labelled with; "named" = a signal of that category at ≥ ${CATEGORY_FLOOR}):

| category | cases | flagged | detection | named |
|---|---|---|---|---|
${rows}

False positives (benign flagged):
${list(report.falsePositives)}

Missed (violating allowed):
${list(report.missed)}`;
}
