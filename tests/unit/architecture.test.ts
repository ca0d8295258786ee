import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import rules of docs/architecture.md ("What may import what"), checked on every
 * static import, re-export and dynamic `import("…")` of every .ts/.tsx file of the layers.
 * Packages (bare specifiers) are not layers and are not checked here.
 */

const root = path.join(import.meta.dirname, "../..");

type Layer =
  | "core"
  | "db"
  | "server"
  | "api"
  | "workflows"
  | "consumers"
  | "worker"
  | "ui"
  | "admin-ui"
  | "ui-kit";

/** What each layer may import besides itself; `db` from `api` is allowed for types only. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: [],
  db: ["core"],
  server: ["core", "db"],
  api: ["server", "core"],
  workflows: ["server", "core"],
  consumers: ["server", "core"],
  worker: ["api", "consumers", "workflows", "server", "core"],
  ui: ["ui-kit", "core"],
  "admin-ui": ["ui-kit", "core"],
  "ui-kit": ["core"],
};
const TYPES_ONLY: Partial<Record<Layer, readonly Layer[]>> = { api: ["db"] };

/** The apps' path aliases (ui/tsconfig.json, admin-ui/tsconfig.json). */
const ALIASES: Record<string, (app: string) => string> = {
  "~/": (app) => `${app}/src/`,
  "~kit/": () => "ui-kit/",
  "~core/": () => "core/",
};

const SKIPPED_DIRS = new Set(["node_modules", "dist", ".vinxi", ".output", ".wrangler"]);

function sourceFiles(relative: string): string[] {
  const absolute = path.join(root, relative);
  if (statSync(absolute).isFile()) return [relative];
  return readdirSync(absolute).flatMap((name) => {
    if (SKIPPED_DIRS.has(name)) return [];
    const child = path.posix.join(relative, name);
    if (statSync(path.join(root, child)).isDirectory()) return sourceFiles(child);
    return /\.tsx?$/.test(name) ? [child] : [];
  });
}

/** The layer a repository path belongs to, or null outside the layers (tests, scripts, …). */
function layerOf(repoPath: string): Layer | null {
  if (repoPath === "worker.ts") return "worker";
  const top = repoPath.split("/")[0] as Layer;
  return top in MAY_IMPORT && top !== "worker" ? top : null;
}

interface ImportSite {
  specifier: string;
  typeOnly: boolean;
}

/** Every import of a source text: `import … from`, `export … from`, `import "…"`, `import("…")`. */
function importsOf(source: string): ImportSite[] {
  const sites: ImportSite[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(statement)) {
    sites.push({ specifier: match[3] as string, typeOnly: match[2] !== undefined });
  }
  for (const match of source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) {
    sites.push({ specifier: match[1] as string, typeOnly: false });
  }
  return sites;
}

/** The repository path an import points at, or null for a package. */
function resolveImport(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith(".")) {
    return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  }
  const app = fromFile.split("/")[0] as string;
  for (const [prefix, target] of Object.entries(ALIASES)) {
    if (specifier.startsWith(prefix)) return target(app) + specifier.slice(prefix.length);
  }
  return null;
}

/** The broken rules of one file, as `file → import (why)`. */
function violationsOf(file: string, source: string): string[] {
  const from = layerOf(file);
  if (!from) return [];
  return importsOf(source).flatMap(({ specifier, typeOnly }) => {
    const target = resolveImport(file, specifier);
    if (target === null) return [];
    const to = layerOf(target);
    if (to === from) return [];
    if (to && MAY_IMPORT[from].includes(to)) return [];
    if (to && typeOnly && TYPES_ONLY[from]?.includes(to)) return [];
    const why = to ? `${from} may not import ${to}` : `${from} imports outside the layers`;
    return [`${file} → ${specifier} (${why})`];
  });
}

const LAYER_ROOTS = ["core", "db", "server", "api", "workflows", "consumers", "worker.ts"];
const APP_ROOTS = [
  "ui/src",
  "ui/app.config.ts",
  "admin-ui/src",
  "admin-ui/app.config.ts",
  "ui-kit",
];

describe("import rules (docs/architecture.md)", () => {
  it("finds static, re-exported, side-effect and dynamic imports, and type-only ones", () => {
    const sites = importsOf(
      [
        'import { a } from "../api/app";',
        'import type { B } from "../db/schema";',
        'export { c } from "./c";',
        'import "./side-effect";',
        "import {\n  d,\n  e,\n} from '../server/env';",
        'const f = await import("../workflows/export");',
      ].join("\n"),
    );
    expect(sites).toEqual([
      { specifier: "../api/app", typeOnly: false },
      { specifier: "../db/schema", typeOnly: true },
      { specifier: "./c", typeOnly: false },
      { specifier: "./side-effect", typeOnly: false },
      { specifier: "../server/env", typeOnly: false },
      { specifier: "../workflows/export", typeOnly: false },
    ]);
  });

  it("reports a broken rule with the file and the import", () => {
    const source =
      'import { app } from "../../api/app";\nconst m = await import("../../workflows/x");';
    expect(violationsOf("server/ops/jobs.ts", source)).toEqual([
      "server/ops/jobs.ts → ../../api/app (server may not import api)",
      "server/ops/jobs.ts → ../../workflows/x (server may not import workflows)",
    ]);
    expect(violationsOf("api/routes/x.ts", 'import { users } from "../../db/schema";')).toEqual([
      "api/routes/x.ts → ../../db/schema (api may not import db)",
    ]);
    expect(
      violationsOf("api/routes/x.ts", 'import type { UserRow } from "../../db/schema";'),
    ).toEqual([]);
    expect(violationsOf("admin-ui/src/a.tsx", 'import { x } from "../../ui/src/b";')).toEqual([
      "admin-ui/src/a.tsx → ../../ui/src/b (admin-ui may not import ui)",
    ]);
    expect(violationsOf("ui/src/a.tsx", 'import { x } from "~core/plans/entitlements";')).toEqual(
      [],
    );
  });

  it("holds for every file of the Worker's layers", () => {
    const files = LAYER_ROOTS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const violations = files.flatMap((file) =>
      violationsOf(file, readFileSync(path.join(root, file), "utf8")),
    );
    expect(violations).toEqual([]);
  });

  it("holds for every file of the two apps and their kit", () => {
    const files = APP_ROOTS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const violations = files.flatMap((file) =>
      violationsOf(file, readFileSync(path.join(root, file), "utf8")),
    );
    expect(violations).toEqual([]);
  });
});
