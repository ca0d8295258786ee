#!/usr/bin/env node
/**
 * Builds both SolidStart apps and assembles the Worker's static assets in dist/public:
 *
 *   dist/public/            user app (ui/)
 *   dist/public/admin/      admin app (admin-ui/, built with base URL /admin)
 *   dist/public/vendor/swagger-ui/   files the Worker's /api/docs page loads
 *   dist/public/resume-fonts/        the template fonts share pages and previews link to
 *   dist/public/_headers    security and cache headers for every static response
 *
 * It then checks what the CSP depends on (no inline scripts or handlers in any HTML) and
 * the per-page budgets of SPEC §10, and prints the sizes. Exits non-zero on any failure.
 *
 * Everything is assembled in dist/.public-next first and only synced into dist/public when
 * every check passed. dist/public is updated in place, never deleted: a running
 * `wrangler dev` exits when its assets directory disappears.
 *
 * Usage: node scripts/build-apps.mjs [--sequential] [--verbose]
 */
import { cp, mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { projectEnv, run } from "./lib/env.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PUBLIC = join(ROOT, "dist", "public");
/** Where the next dist/public is assembled and checked. */
const DIST = join(ROOT, "dist", ".public-next");
const VINXI = join(ROOT, "node_modules", ".bin", "vinxi");
const args = new Set(process.argv.slice(2));

/** `mount` is where the app's files go under dist/public and the URL prefix they use. */
const APPS = [
  { name: "ui", dir: join(ROOT, "ui"), mount: "" },
  { name: "admin-ui", dir: join(ROOT, "admin-ui"), mount: "admin" },
];

/** One policy for static files and API answers (api/middleware/security.ts reads it too). */
const SECURITY_HEADERS = JSON.parse(
  await readFile(join(ROOT, "core/security/headers.json"), "utf8"),
);

/** Content-hashed output folders: safe to cache for a year. */
const IMMUTABLE_PATHS = ["/_build/*", "/admin/_build/*"];

/** SPEC §10 budgets per page, in bytes sent over the wire (gzip). */
const BUDGET = { html: 10_000, css: 50_000, js: 200_000, fonts: 100_000, total: 400_000 };

async function buildApp(app) {
  const started = Date.now();
  // stale files from an earlier build must not reach dist
  await rm(join(app.dir, ".output"), { recursive: true, force: true });
  await run(VINXI, ["build"], {
    cwd: app.dir,
    env: projectEnv({ NODE_ENV: "production" }),
    quiet: !args.has("--verbose"),
  });
  console.log(`built ${app.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Vite's manifest, the server-function bundle and precompressed copies are not served. */
function isServed(path) {
  const parts = path.split("/");
  if (parts.includes(".vite")) return false;
  if (parts[0] === "_server") return false;
  return !/\.(gz|br)$/.test(path);
}

async function listFiles(dir, base = dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path, base) : [relative(base, path)];
    }),
  );
  return files.flat().sort();
}

async function assembleApp(app) {
  const source = join(app.dir, ".output", "public");
  const target = join(DIST, app.mount);
  for (const file of await listFiles(source)) {
    if (!isServed(file.split("\\").join("/"))) continue;
    await mkdir(dirname(join(target, file)), { recursive: true });
    await cp(join(source, file), join(target, file));
  }
}

async function copySwaggerUi() {
  const source = join(ROOT, "node_modules", "swagger-ui-dist");
  const target = join(DIST, "vendor", "swagger-ui");
  await mkdir(target, { recursive: true });
  for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
    await cp(join(source, file), join(target, file));
  }
}

/** Where share pages and template previews find the fonts (core/share/page.ts). */
const RESUME_FONTS = "resume-fonts";

/**
 * Copies exactly the WOFF2 files `fontFaces()` names for every template font and subset.
 * core/templates/fonts.ts only imports types, so stripping them is enough to load it here.
 */
async function copyResumeFonts() {
  const { transform } = await import("esbuild");
  const source = await readFile(join(ROOT, "core/templates/fonts.ts"), "utf8");
  const { code } = await transform(source, { loader: "ts", format: "esm" });
  const fonts = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  const subsets = Object.keys(fonts.UNICODE_RANGES);
  const target = join(DIST, RESUME_FONTS);
  await mkdir(target, { recursive: true });
  for (const font of Object.keys(fonts.FONT_INFO)) {
    for (const face of fonts.fontFaces(font, subsets)) {
      await cp(join(ROOT, "node_modules", face.file), join(target, face.file.split("/").pop()));
    }
  }
}

function headersFile() {
  const block = (path, headers) =>
    [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join("\n");
  const immutable = { "Cache-Control": "public, max-age=31536000, immutable" };
  return `${[
    "# Written by scripts/build-apps.mjs; applies to every static asset response.",
    block("/*", SECURITY_HEADERS),
    ...IMMUTABLE_PATHS.map((path) => block(path, immutable)),
    // not content-hashed, but only change with a @fontsource upgrade
    // The editor's preview is a sandboxed frame with an opaque origin: its font requests
    // are cross-origin (Origin: null) and need CORS. The files are public anyway.
    block(`/${RESUME_FONTS}/*`, {
      "Cache-Control": "public, max-age=604800",
      "Access-Control-Allow-Origin": "*",
    }),
  ].join("\n")}\n`;
}

/**
 * `script-src 'self'` blocks inline scripts and event-handler attributes. The documents are
 * built to need neither (see ui-kit/document/AppDocument.tsx); this keeps it so.
 */
async function checkHtmlAgainstCsp(htmlFiles) {
  const problems = [];
  for (const file of htmlFiles) {
    const html = await readFile(join(DIST, file), "utf8");
    for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const attributes = match[1] ?? "";
      const isData = /type=["']?application\/(ld\+)?json/i.test(attributes);
      if (!/\bsrc=/i.test(attributes) && !isData && (match[2] ?? "").trim() !== "") {
        problems.push(`${file}: inline <script> would be blocked by the CSP`);
      }
    }
    if (/<[^>]+\son[a-z]+\s*=/i.test(html)) {
      problems.push(`${file}: inline event handler attribute would be blocked by the CSP`);
    }
  }
  return problems;
}

const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

/**
 * Bytes each route needs on first load: the document, the assets it links, and the
 * route's own chunks from SolidStart's manifest. Fonts count every face the CSS declares,
 * an upper bound (a browser only fetches the faces its text uses).
 */
async function measureApp(app) {
  const root = join(DIST, app.mount);
  const html = await readFile(join(root, "index.html"));
  const manifestMatch = html.toString().match(/id="start-manifest">([\s\S]*?)<\/script>/);
  const manifest = manifestMatch ? JSON.parse(manifestMatch[1]) : {};
  const entryAssets = [...html.toString().matchAll(/(?:href|src)="([^"]+\.(?:js|css))"/g)].map(
    (match) => match[1],
  );
  // the user app's folder also holds the admin app's; count only this app's faces
  const otherMounts = APPS.filter((other) => other !== app && other.mount.startsWith(app.mount));
  // ...nor the template fonts, which only resume documents load
  const fontFiles = (await listFiles(root)).filter(
    (file) =>
      file.endsWith(".woff2") &&
      !file.startsWith(`${RESUME_FONTS}/`) &&
      !otherMounts.some((other) => file.startsWith(`${other.mount}/`)),
  );
  const fonts = await Promise.all(fontFiles.map((file) => readFile(join(root, file))));
  const fontBytes = fonts.reduce((sum, buffer) => sum + buffer.length, 0);

  const rows = [];
  for (const [input, entry] of Object.entries(manifest)) {
    const match = input.match(/^src\/routes\/(.+)\.tsx\?/);
    if (!match) continue;
    const urls = new Set([...entryAssets, ...entry.assets.map((asset) => asset.attrs.href)]);
    const sizes = { html: gzipSize(html), css: 0, js: 0, fonts: fontBytes };
    const raw = { css: 0, js: 0 };
    for (const url of urls) {
      const buffer = await readFile(join(DIST, url.replace(/^\//, "")));
      const kind = extname(url) === ".css" ? "css" : "js";
      sizes[kind] += gzipSize(buffer);
      raw[kind] += buffer.length;
    }
    sizes.total = sizes.html + sizes.css + sizes.js + sizes.fonts;
    rows.push({ app: app.name, route: match[1], sizes, raw });
  }
  return rows;
}

function reportBudgets(rows) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const problems = [];
  console.log("\nper-page first load (gzip; raw JS/CSS in brackets; fonts = all faces declared):");
  for (const { app, route, sizes, raw } of rows) {
    console.log(
      `  ${`${app} ${route}`.padEnd(28)} html ${kb(sizes.html)}  css ${kb(sizes.css)} [${kb(raw.css)}]` +
        `  js ${kb(sizes.js)} [${kb(raw.js)}]  fonts ${kb(sizes.fonts)}  total ${kb(sizes.total)}`,
    );
    for (const [kind, limit] of Object.entries(BUDGET)) {
      if (sizes[kind] > limit)
        problems.push(`${app} ${route}: ${kind} ${kb(sizes[kind])} > ${kb(limit)}`);
    }
  }
  return problems;
}

/** Makes `target` hold exactly the files of `source`, without ever removing `target`. */
async function syncInto(source, target) {
  const wanted = new Set(await listFiles(source));
  for (const file of wanted) {
    const next = await readFile(join(source, file));
    const current = await readFile(join(target, file)).catch(() => null);
    if (current?.equals(next)) continue;
    await mkdir(dirname(join(target, file)), { recursive: true });
    await writeFile(join(target, file), next);
  }
  await mkdir(target, { recursive: true });
  for (const file of await listFiles(target)) {
    if (!wanted.has(file)) await rm(join(target, file));
  }
  await removeEmptyDirs(target, target);
}

async function removeEmptyDirs(dir, root) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await removeEmptyDirs(join(dir, entry.name), root);
  }
  if (dir !== root && (await readdir(dir)).length === 0) await rmdir(dir);
}

async function main() {
  const started = Date.now();
  await rm(DIST, { recursive: true, force: true });
  if (args.has("--sequential")) {
    for (const app of APPS) await buildApp(app);
  } else {
    await Promise.all(APPS.map(buildApp));
  }
  for (const app of APPS) await assembleApp(app);
  await copySwaggerUi();
  await copyResumeFonts();
  await writeFile(join(DIST, "_headers"), headersFile());

  const htmlFiles = (await listFiles(DIST)).filter((file) => file.endsWith(".html"));
  const rows = (await Promise.all(APPS.map(measureApp))).flat();
  const problems = [...(await checkHtmlAgainstCsp(htmlFiles)), ...reportBudgets(rows)];
  if (problems.length > 0) {
    console.error(
      `\nbuild checks failed (dist/public left as it was):\n  ${problems.join("\n  ")}`,
    );
    process.exit(1);
  }
  await syncInto(DIST, PUBLIC);
  await rm(DIST, { recursive: true, force: true });
  console.log(`\ndist/public assembled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
