// The local stack: D1 migrated and seeded on disk, the operator token in .dev.vars, and a
// `wrangler dev` process that serves the API and both apps.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectEnv, ROOT, WRANGLER_BIN, wrangler } from "./env.mjs";
import { browserGroupsOf, stopGroups } from "./processes.mjs";
import { rotateKeys } from "./signing-key.mjs";

export const DEFAULT_PERSIST = path.join(ROOT, ".wrangler/state");
const DEV_VARS = path.join(ROOT, ".dev.vars");

/**
 * Local secrets in .dev.vars, each created once when missing: the operator token, the
 * access-token signing key and the MFA encryption key. Returns the operator token.
 */
export function ensureDevVars() {
  let content = existsSync(DEV_VARS)
    ? readFileSync(DEV_VARS, "utf8")
    : "# Local secrets for wrangler dev; never committed.\n";
  const missing = {
    OPS_API_TOKEN: () => randomBytes(24).toString("base64url"),
    JWT_PRIVATE_KEYS: () => rotateKeys(null),
    MFA_ENCRYPTION_KEY: () => randomBytes(32).toString("base64url"),
  };
  for (const [name, create] of Object.entries(missing)) {
    if (!new RegExp(`^${name}=`, "m").test(content)) {
      content = `${content.trimEnd()}\n${name}=${create()}\n`;
    }
  }
  writeFileSync(DEV_VARS, content);
  return { opsToken: content.match(/^OPS_API_TOKEN=(.+)$/m)[1].trim() };
}

/** Applies migrations and every seed file (all idempotent) to the local D1 at `persistTo`. */
export async function prepareLocalStack({ fresh = false, persistTo = DEFAULT_PERSIST } = {}) {
  if (fresh) rmSync(persistTo, { recursive: true, force: true });
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    quiet: true,
  });
  // Seeds run in name order: `.sql` files as they are, `.mjs` files generate their SQL
  // (e.g. demo accounts, whose passwords the Worker's own code hashes).
  const seedDir = path.join(ROOT, "db/seed");
  mkdirSync(persistTo, { recursive: true });
  for (const file of readdirSync(seedDir).sort()) {
    let sqlFile = path.join(seedDir, file);
    if (file.endsWith(".mjs")) {
      const generate = (await import(pathToFileURL(sqlFile).href)).default;
      sqlFile = path.join(persistTo, `${file}.sql`);
      writeFileSync(sqlFile, await generate());
    } else if (!file.endsWith(".sql")) {
      continue;
    }
    await wrangler(
      ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", sqlFile],
      {
        quiet: true,
      },
    );
  }
  return ensureDevVars();
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not become healthy at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts `wrangler dev` as its own process group (wrangler itself, not npx, so stopping it
 * stops workerd too) and resolves once /api/health answers 200.
 *
 * @param {{ port?: number, persistTo?: string, inheritOutput?: boolean, logFile?: string | null, extraArgs?: string[] }} [options]
 *   `logFile`: where wrangler's whole output is appended as well (the browser suite keeps it).
 */
export async function startWorker({
  port = 8787,
  persistTo = DEFAULT_PERSIST,
  inheritOutput = false,
  logFile = null,
  /** More `wrangler dev` flags (`--test-scheduled` for the analytics bench and the browser suite). */
  extraArgs = [],
} = {}) {
  const args = [
    WRANGLER_BIN,
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    persistTo,
    // This server's own origin, not wrangler.toml's :8787: links in emails (and the token
    // issuer) must name the port it answers on (e2e 8790, bench 8797, PORT).
    "--var",
    `JWT_ISSUER:http://127.0.0.1:${port}`,
    // Dev tools are opt-in (wrangler.toml says production): outbox, local billing, passkeys
    // on localhost (server/dev-tools.ts).
    "--var",
    "ENVIRONMENT:local",
    ...extraArgs,
  ];
  const child = spawn(process.execPath, [...args, "--show-interactive-dev-session=false"], {
    cwd: ROOT,
    env: projectEnv(),
    detached: true,
    stdio: inheritOutput ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  // The tail of wrangler's output, for the error message if it fails to start.
  let log = "";
  const keep = (chunk) => {
    log = (log + chunk).slice(-16_384);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // The whole output, when asked: what the server was doing when a browser test timed out.
  // Appended, so a restarted server (the browser suite's runtime supervisor) adds to the same
  // file; closed on "close", not "exit": the pipes may still hold output when the process exits.
  if (logFile && !inheritOutput) {
    const log = createWriteStream(logFile, { flags: "a" });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once("close", () => log.end());
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    // Looked up first: once wrangler is gone, its browsers no longer name it as their parent.
    const browsers = browserGroupsOf(child.pid);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    await stopGroups(browsers);
  };
  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- wrangler output ---\n${log.slice(-4000)}`);
  }
  return { url, stop, child, log: () => log };
}
