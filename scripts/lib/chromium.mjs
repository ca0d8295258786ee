// Chromium for PDFs (through Miniflare's browser binding) and for the end-to-end tests.
// Miniflare looks for a Chrome for Testing build in wrangler's cache and would download one;
// this machine has no internet, so a wrapper that runs Debian's Chromium is put where
// Miniflare looks, and the download is skipped.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectEnv, ROOT } from "./env.mjs";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Installs Debian's chromium when missing (needs root, as on CI and the dev machines). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing: run 'sudo apt-get install -y chromium'`);
  }
  console.log("Installing Chromium from Debian (apt-get install -y chromium)...");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-liberation"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** The Chrome version the installed Miniflare asks for, read from its code. */
export function miniflareChromeVersion() {
  const source = readFileSync(path.join(ROOT, "node_modules/miniflare/dist/src/index.js"), "utf8");
  const match = source.match(/browserVersion:\s*"(\d+\.\d+\.\d+\.\d+)"/);
  if (!match) throw new Error("Could not find the browser version in miniflare; has it changed?");
  return match[1];
}

export function chromeWrapperPath() {
  const cache = projectEnv().XDG_CACHE_HOME;
  return path.join(
    cache,
    ".wrangler/chrome",
    `linux-${miniflareChromeVersion()}`,
    "chrome-linux64/chrome",
  );
}

export function ensureChromeWrapper() {
  const target = chromeWrapperPath();
  const script = `#!/bin/sh\n# Written by scripts/lib/chromium.mjs: Miniflare's browser binding runs Debian's Chromium.\nexec ${CHROMIUM} ${CHROMIUM_FLAGS.join(" ")} "$@"\n`;
  if (existsSync(target) && readFileSync(target, "utf8") === script) return target;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, script);
  chmodSync(target, 0o755);
  return target;
}
