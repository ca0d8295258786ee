// Environment every project command runs with: wrangler's config and cache live inside the
// project (nothing in $HOME), and wrangler sends no metrics.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WRANGLER_BIN = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

export function projectEnv(extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? path.join(ROOT, ".config"),
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? path.join(ROOT, ".cache"),
    WRANGLER_SEND_METRICS: "false",
    ...extra,
  };
}

/** Runs a command to completion, streaming its output; rejects on a non-zero exit. */
export function run(command, args, { cwd = ROOT, env = projectEnv(), quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `${command} ${args.join(" ")} exited with ${code ?? signal}\n${output.slice(-4000)}`,
          ),
        );
    });
  });
}

export const wrangler = (args, options) => run(process.execPath, [WRANGLER_BIN, ...args], options);
