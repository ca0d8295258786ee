// Loads one of the Worker's TypeScript modules in Node (bundled with esbuild), so scripts
// reuse the Worker's own code — the backup service, password hashing — instead of a copy.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "./env.mjs";

export async function loadWorkerModule(relativePath) {
  const name = relativePath.replace(/[^\w]+/g, "_");
  const outfile = path.join(ROOT, "node_modules/.cache/resume-builder", `${name}.mjs`);
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, relativePath)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    // "neutral" reads no package.json main field; CommonJS dependencies (safe-regex2's `ret`)
    // resolve through theirs, as they do in the Worker's own bundle.
    mainFields: ["module", "main"],
    logLevel: "error",
  });
  return import(`${outfile}?t=${Date.now()}`);
}
