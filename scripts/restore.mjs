// `npm run restore -- <backup-id> [--into DIR | --replace] [--from DIR]`
// `npm run restore -- --list [--from DIR]`
//
// Loads a D1 backup from the local R2 bucket into an empty local database, through the same
// `restoreBackup` the Worker's tests exercise. By default the target is a new persistence
// folder (serve it with `npm run dev:worker -- --persist-to <DIR>`); `--replace` empties the
// main local database first and restores into it.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { projectEnv, ROOT } from "./lib/env.mjs";
import { DEFAULT_PERSIST } from "./lib/local-stack.mjs";
import { loadWorkerModule } from "./lib/worker-module.mjs";

Object.assign(process.env, projectEnv());

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: "string", default: DEFAULT_PERSIST },
    into: { type: "string" },
    replace: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
  },
});

const proxyFor = (persistRoot) =>
  getPlatformProxy({
    configPath: path.join(ROOT, "wrangler.toml"),
    persist: { path: path.join(persistRoot, "v3") },
  });

const service = await loadWorkerModule("server/ops/backups.ts");
const source = await proxyFor(values.from);
try {
  const ids = await service.listStoredBackupIds(source.env.FILES);
  if (values.list) {
    console.log(ids.length ? ids.join("\n") : "No backups in the local R2 bucket yet.");
    process.exit(0);
  }
  const [backupId] = positionals;
  if (!backupId) {
    console.error(
      "Usage: npm run restore -- <backup-id> [--into DIR | --replace] [--from DIR]\n       npm run restore -- --list",
    );
    process.exit(2);
  }
  if (!ids.includes(backupId)) {
    console.error(`No backup ${backupId}. Available: ${ids.join(", ") || "none"}`);
    process.exit(1);
  }

  let target;
  let into;
  if (values.replace) {
    await source.dispose();
    rmSync(path.join(values.from, "v3/d1"), { recursive: true, force: true });
    target = await proxyFor(values.from);
    into = values.from;
  } else {
    into = path.resolve(values.into ?? path.join(ROOT, ".wrangler/restored", backupId));
    if (existsSync(path.join(into, "v3/d1"))) {
      console.error(`${into} already has a database; choose another --into or remove it.`);
      process.exit(1);
    }
    target = await proxyFor(into);
  }
  const bucket = values.replace ? target.env.FILES : source.env.FILES;
  const { tables, rows } = await service.restoreBackup(bucket, target.env.DB, backupId);
  await target.dispose();
  console.log(`Restored backup ${backupId}: ${tables} tables, ${rows} rows into ${into}`);
  const shown = into.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, into) : into;
  if (!values.replace) console.log(`Serve it with: npm run dev:worker -- --persist-to ${shown}`);
} finally {
  await source.dispose().catch(() => {});
}
