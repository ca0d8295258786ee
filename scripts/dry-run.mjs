// `npm run deploy:dry-run`: builds exactly the bundle `wrangler deploy --env production`
// would upload, and prints its size. Fails when it nears the Workers size limit.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, wrangler } from "./lib/env.mjs";

// Workers Paid allows 10 MiB compressed, Free 3 MiB; stay far below the smaller one.
const BUDGET_GZIP_BYTES = 1024 * 1024;
const outdir = path.join(ROOT, "dist/worker");

rmSync(outdir, { recursive: true, force: true });
await wrangler(["deploy", "--dry-run", "--env", "production", "--outdir", outdir], { quiet: true });

let raw = 0;
let gzip = 0;
for (const file of readdirSync(outdir, { recursive: true })) {
  const full = path.join(outdir, String(file));
  if (!statSync(full).isFile() || full.endsWith(".map")) continue;
  const bytes = readFileSync(full);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `Worker bundle (production): ${kib(raw)} raw, ${kib(gzip)} gzip (budget ${kib(BUDGET_GZIP_BYTES)} gzip)`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error("The Worker bundle is over its size budget.");
  process.exit(1);
}
