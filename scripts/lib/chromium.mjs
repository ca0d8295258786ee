// Chromium for PDFs (through Miniflare's browser binding) and for the end-to-end tests.
// Miniflare looks for a Chrome for Testing build in wrangler's cache and would download one;
// this machine has no internet, so a wrapper that runs Debian's Chromium is put where
// Miniflare looks, and the download is skipped.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectEnv, ROOT } from "./env.mjs";

export const CHROMIUM = "/usr/bin/chromium";
/**
 * Debian's build of Chromium's headless shell, for the browser tests: the build Playwright
 * itself drives when headless. Full Chromium's `--headless` mode draws through the windowing
 * compositor, and on a loaded CI machine a page sometimes stopped getting animation frames,
 * so every Playwright wait that polls on them (visible, stable) hung until its timeout.
 */
export const CHROMIUM_HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Installs Debian's chromium (PDFs) when missing, and with `forTests` its headless shell
 * (browser tests) too. Needs root, as on CI and the dev machines.
 */
export function ensureChromium({ forTests = false } = {}) {
  const wanted = [[CHROMIUM, "chromium"]];
  if (forTests) wanted.push([CHROMIUM_HEADLESS_SHELL, "chromium-headless-shell"]);
  const missing = wanted.filter(([binary]) => !existsSync(binary));
  if (missing.length === 0) return;
  const packages = missing.map(([, name]) => name);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${missing[0][0]} is missing: run 'sudo apt-get install -y ${packages.join(" ")}'`,
    );
  }
  console.log(`Installing from Debian (apt-get install -y ${packages.join(" ")})...`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...packages, "fonts-liberation"], {
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
