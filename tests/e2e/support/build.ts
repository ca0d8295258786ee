import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Sources the two apps are built from; a newer file than the build means it is stale. */
const SOURCES = ["ui", "admin-ui", "core", "scripts/build-apps.mjs"];
const SKIPPED = new Set([".output", ".vinxi", "node_modules"]);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!SKIPPED.has(entry)) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Builds the apps unless dist/public is newer than every source file (`npm test` builds
 * right before this suite; a manual run after editing the UI must not test a stale build).
 * E2E_REBUILD=1 forces a build.
 */
export function ensureAppsBuilt(root: string): void {
  const builtIndex = join(root, "dist/public/admin/index.html");
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((dir) => newestMtime(join(root, dir))));
  if (process.env.E2E_REBUILD !== "1" && builtAt > sourcesAt) return;
  const result = spawnSync(process.execPath, [join(root, "scripts/build-apps.mjs")], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`building the apps failed (exit ${result.status})`);
}
