import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject, onTestFinished } from "vitest";
import { CHROMIUM_FLAGS, CHROMIUM_HEADLESS_SHELL } from "../../../scripts/lib/chromium.mjs";
import { RequestJournal } from "./request-journal";

/** Debian's Chromium headless shell (see scripts/lib/chromium.mjs), never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_HEADLESS_SHELL,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
}

export interface OpenPageOptions {
  baseUrl: string;
  /** HTTP error statuses the test expects (e.g. 401 after a rejected token). */
  allowStatuses?: number[];
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions, failed requests and unexpected HTTP errors. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Each context calls the API from an address of its own (RFC 2544's 198.18.0.0/15), as
 * separate people would: without one, every page in the run shares the Worker's "unknown"
 * address and the per-address sign-in limit (10 a minute) refuses whichever test comes
 * eleventh.
 */
let contexts = 0;
function clientAddress(): string {
  const n = (process.pid * 97 + contexts++) % 65_024;
  return `198.18.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

const RESOURCE_STATUS = /^Failed to load resource: the server responded with a status of (\d+)/;

/**
 * A page in a fresh context (own storage) that records everything a user would notice
 * going wrong, so each test can end with `expect(problems).toEqual([])`.
 */
export async function openPage(browser: Browser, options: OpenPageOptions): Promise<WatchedPage> {
  const allowed = new Set(options.allowStatuses ?? []);
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    reducedMotion: "reduce",
  });
  // Only on the API: a custom header on every request would make the preview frame's
  // cross-origin font loads CORS-preflighted, which the static assets do not answer.
  const address = clientAddress();
  await context.route(
    (url) => url.pathname.startsWith("/api/"),
    (route) =>
      route.fallback({ headers: { ...route.request().headers(), "cf-connecting-ip": address } }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  // When a wait times out, the page's side of the story: where it was, what it still waited for.
  const journal = new RequestJournal(page, inject("workerLog"));
  // The context stays open until the test has finished, so a failed test can still ask the
  // page what it was doing (its rendering, its focus, its text), then it is closed.
  onTestFinished(async ({ task }) => {
    if (task.result?.state === "fail") {
      const pageSide = await journal.pageReport(problems);
      console.error(`${pageSide}\n${journal.serverReport()}`);
      // The summary at the end of the run repeats the error, and a CI log is often read only
      // from its tail: the page's side goes with it (the server's log stays above, streamed).
      const error = task.result.errors?.[0];
      if (error) error.message = `${error.message}\n${pageSide}`;
    }
    await context.close();
  });

  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const status = message.text().match(RESOURCE_STATUS)?.[1];
    if (status && allowed.has(Number(status))) return;
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "unknown";
    // aborted on purpose: a poll cancelled by navigating away, a superseded fetch
    if (reason === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.method()} ${request.url()} ${reason}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !allowed.has(response.status())) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });

  return {
    page,
    context,
    problems,
    // the report describes the page as the test left it; the context closes when the test ends
    close: async () => journal.close(),
  };
}
