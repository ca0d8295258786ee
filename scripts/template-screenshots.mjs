// `npm run screenshots:templates`: page one of every template, as docs/templates/<id>.png,
// and the README "Templates" gallery that shows them (README "Templates").
// Renders the invented sample resume (core/templates/sample.ts) with the real template code
// (bundled with esbuild, as the Worker bundles it) and each template's own font embedded as
// data: URLs, the way the PDF is made, then photographs the first A4 page in Debian's
// Chromium headless shell (scripts/lib/chromium.mjs; nothing is downloaded). Premium templates
// are labelled with the plans that include them ("Standard and above"), as the app words it.
// The sample fits on one page, so the sheet the screen shows is the page the PDF prints;
// the script refuses to continue if a template's sample ever runs onto a second page.
// `--check` writes nothing and fails when a template has no screenshot or gallery row.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_HEADLESS_SHELL } from "./lib/chromium.mjs";
import { ROOT } from "./lib/env.mjs";
import { loadWorkerModule } from "./lib/worker-module.mjs";

const OUT = path.join(ROOT, "docs/templates");
const README = path.join(ROOT, "README.md");
const START = "<!-- template-gallery:start (written by npm run screenshots:templates) -->";
const END = "<!-- template-gallery:end -->";
/** A4 at CSS pixels (96 per inch): 210 mm × 297 mm. */
const PAGE = { width: 794, height: 1123 };
/** Wider than the sheet, so the screen shows the whole sheet with its height (base.ts). */
const VIEWPORT = { width: 900, height: 1300 };
/** Gallery cells per row and thumbnail width in the README. */
const PER_ROW = 3;
const THUMB = 240;
const MAX_BYTES = 200 * 1024;

const { renderResumeDocument, TEMPLATES } = await loadWorkerModule("core/templates/index.ts");
const { SAMPLE_RESUME } = await loadWorkerModule("core/templates/sample.ts");
const { cheapestPlanWith } = await loadWorkerModule("core/plans/cheapest.ts");
const { ENTITLEMENTS, PLANS } = await loadWorkerModule("core/plans/entitlements.ts");

/** "Standard and above": the plans with premium templates, worded as the app words them. */
function premiumPlans() {
  const plan = cheapestPlanWith(ENTITLEMENTS, "premiumTemplates");
  if (!plan) throw new Error("No plan includes premium templates");
  const name = plan[0].toUpperCase() + plan.slice(1);
  return plan === PLANS[PLANS.length - 1] ? name : `${name} and above`;
}

/** The gallery table: name, which plans, one line, a thumbnail linking to the full page. */
function gallery() {
  const premium = premiumPlans();
  const cells = TEMPLATES.map((template) => {
    const plan = template.premium ? premium : "Free";
    const columns = template.columns === 2 ? ", two columns" : "";
    return `<a href="docs/templates/${template.id}.png"><img src="docs/templates/${template.id}.png" width="${THUMB}" alt="${template.name} template, page one"></a><br><b>${template.name}</b> (${plan}${columns})<br>${template.description}`;
  });
  const rows = [];
  for (let i = 0; i < cells.length; i += PER_ROW) {
    const row = cells.slice(i, i + PER_ROW);
    rows.push(`<tr>${row.map((cell) => `<td valign="top">${cell}</td>`).join("")}</tr>`);
  }
  return `${START}\n<table>\n${rows.join("\n")}\n</table>\n${END}`;
}

function withGallery(readme) {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no gallery markers (${START})`);
  return readme.slice(0, from) + gallery() + readme.slice(to + END.length);
}

if (process.argv.includes("--check")) {
  const readme = readFileSync(README, "utf8");
  const missing = TEMPLATES.filter(({ id }) => !existsSync(path.join(OUT, `${id}.png`)));
  if (missing.length) throw new Error(`No screenshot for ${missing.map((t) => t.id).join(", ")}`);
  if (withGallery(readme) !== readme) throw new Error("The README gallery is out of date");
  console.log(`${TEMPLATES.length} screenshots and the README gallery are in step.`);
  process.exit(0);
}

const fontData = new Map();
const dataUrl = (face) => {
  if (!fontData.has(face.file)) {
    const bytes = readFileSync(path.join(ROOT, "node_modules", face.file));
    fontData.set(face.file, `data:font/woff2;base64,${bytes.toString("base64")}`);
  }
  return fontData.get(face.file);
};

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM_HEADLESS_SHELL,
  args: CHROMIUM_FLAGS,
  headless: true,
});
try {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  // Nothing leaves the page: the documents embed everything, and a request would mean a bug.
  await page.route("**/*", (route) => route.abort());
  for (const template of TEMPLATES) {
    const html = renderResumeDocument(SAMPLE_RESUME, { template: template.id, fonts: dataUrl });
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const sheet = page.locator(".page");
    const box = await sheet.boundingBox();
    if (!box) throw new Error(`${template.id}: no .page element`);
    const overflow = await sheet.evaluate((element) => element.scrollHeight);
    if (overflow > PAGE.height + 1)
      throw new Error(`${template.id}: the sample runs onto a second page (${overflow}px)`);
    const file = path.join(OUT, `${template.id}.png`);
    await page.screenshot({
      path: file,
      clip: { x: box.x, y: box.y, width: PAGE.width, height: PAGE.height },
    });
    const bytes = statSync(file).size;
    if (bytes > MAX_BYTES) throw new Error(`${template.id}: ${bytes} bytes is over ${MAX_BYTES}`);
    console.log(`${path.relative(ROOT, file)}  ${Math.round(bytes / 1024)} KB`);
  }
} finally {
  await browser.close();
}
writeFileSync(README, withGallery(readFileSync(README, "utf8")));
console.log("README.md: gallery updated");
