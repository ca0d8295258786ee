import puppeteer, { type Browser, type HTTPRequest } from "@cloudflare/puppeteer";
import type { Env } from "../env";

/**
 * The one PDF renderer: headless Chromium through the BROWSER binding (Browser Rendering
 * in production, Miniflare's local binding backed by Debian's Chromium here).
 *
 * A browser launch costs seconds, a render tens of milliseconds, so browsers are kept warm
 * (`keep_alive`) and each job connects to an idle one (`sessions()` + `connect`) and only
 * disconnects afterwards, leaving its tab open for the next job. A connection belongs to
 * the request that opened it, so it cannot be shared across jobs; the browser process can. At most the account's concurrent-browser
 * limit (`limits()`) is in use at once; a job that finds them all busy waits for one.
 */
type BrowserEnv = Pick<Env, "BROWSER">;

/** Idle browsers stay up this long between jobs (Browser Rendering allows up to 10 min). */
const KEEP_ALIVE_MS = 10 * 60_000;
/** A job waits this long for a free browser before its step fails and retries. */
const ACQUIRE_TIMEOUT_MS = 20_000;
const POLL_MS = 50;
const LIMITS_TTL_MS = 60_000;

/** Sessions this isolate is using right now (a session takes one connection at a time). */
const inUse = new Set<string>();
let launching = 0;
let limitsCache: { value: number; at: number } | null = null;

async function sessionLimit(env: BrowserEnv): Promise<number> {
  // Wall clock on purpose here and below: this module times its own work (a per-isolate
  // cache age, a wait deadline, the print's duration), which no caller's `now` can stand for.
  if (limitsCache && Date.now() - limitsCache.at < LIMITS_TTL_MS) return limitsCache.value;
  const limits = await puppeteer.limits(env.BROWSER);
  const value = Math.max(1, limits.maxConcurrentSessions || 1);
  limitsCache = { value, at: Date.now() };
  return value;
}

export interface LeasedBrowser {
  browser: Browser;
  sessionId: string;
  /** Whether this job launched it (cold) or reused a warm one. */
  launched: boolean;
  /** Disconnects and leaves the browser warm, or closes it when it misbehaved. */
  release(healthy: boolean): Promise<void>;
}

function lease(browser: Browser, sessionId: string, launched: boolean): LeasedBrowser {
  inUse.add(sessionId);
  let released = false;
  return {
    browser,
    sessionId,
    launched,
    async release(healthy) {
      if (released) return;
      released = true;
      try {
        if (healthy) browser.disconnect();
        else await browser.close();
      } catch {
        // The session is already gone; nothing left to tidy.
      } finally {
        inUse.delete(sessionId);
      }
    },
  };
}

/** A connected browser: a warm idle one if there is one, else a new one within the limit. */
export async function acquireBrowser(env: BrowserEnv): Promise<LeasedBrowser> {
  // Own wall clock: a deadline for this wait, which passes while the loop polls.
  const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
  for (;;) {
    const [sessions, limit] = await Promise.all([
      puppeteer.sessions(env.BROWSER),
      sessionLimit(env),
    ]);
    // Sessions without a connection first: those with one may be another isolate's.
    const idle = sessions
      .filter((session) => !inUse.has(session.sessionId))
      .sort((a, b) => Number(Boolean(a.connectionId)) - Number(Boolean(b.connectionId)));
    for (const session of idle) {
      if (inUse.has(session.sessionId)) continue;
      inUse.add(session.sessionId);
      try {
        const browser = await puppeteer.connect(env.BROWSER, session.sessionId);
        return lease(browser, session.sessionId, false);
      } catch {
        // Taken by someone else between listing and connecting, or just closed.
        inUse.delete(session.sessionId);
      }
    }
    if (sessions.length + launching < limit) {
      launching++;
      try {
        const browser = await puppeteer.launch(env.BROWSER, { keep_alive: KEEP_ALIVE_MS });
        return lease(browser, browser.sessionId(), true);
      } finally {
        launching--;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`All ${limit} browsers stayed busy for ${ACQUIRE_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export interface PdfResult {
  pdf: Uint8Array;
  /** Every request the page tried to make and was refused (should be none for our HTML). */
  blocked: string[];
  /** Milliseconds spent in `page.pdf()` alone. */
  pdfMs: number;
  launched: boolean;
}

/**
 * Only the document itself may load. `setContent` writes the HTML into about:blank, so
 * every other request (an image, a stylesheet, a font, a frame, a beacon) is something
 * the content asked for and is refused: no SSRF, no tracking pixel. data: URLs never
 * reach the network and are what the embedded fonts and photo use.
 */
function allowRequest(request: HTTPRequest): boolean {
  const url = request.url();
  if (url.startsWith("data:")) return true;
  return url === "about:blank" && request.isNavigationRequest() && !request.frame()?.parentFrame();
}

/**
 * Renders a complete HTML document to PDF. Page size and margins come from the document's
 * own `@page` rule (`preferCSSPageSize`), so the PDF matches the preview; text stays text
 * (selectable, searchable) and links stay links.
 */
export async function renderPdf(env: BrowserEnv, html: string): Promise<PdfResult> {
  try {
    return await renderOnce(html, await acquireBrowser(env));
  } catch (error) {
    // A warm browser can die between jobs (its keep-alive ran out, Chromium crashed): that
    // one is closed by now, so the same render on a fresh lease is not a duplicate.
    if (!(error instanceof WarmBrowserGone)) throw error;
    return renderOnce(html, await acquireBrowser(env));
  }
}

class WarmBrowserGone extends Error {}

async function renderOnce(html: string, leased: LeasedBrowser): Promise<PdfResult> {
  let healthy = false;
  let printing = false;
  try {
    // A warm browser keeps the tab of its last job: reusing it skips opening one (the
    // bigger part of a warm render's overhead); the next setContent replaces the document.
    const [warm] = leased.launched ? [] : await leased.browser.pages();
    const page = warm ?? (await leased.browser.newPage());
    const blocked: string[] = [];
    try {
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        if (request.isInterceptResolutionHandled()) return;
        if (allowRequest(request)) void request.continue();
        else {
          blocked.push(request.url());
          void request.abort("blockedbyclient");
        }
      });
      printing = true;
      await page.setContent(html, { waitUntil: "load", timeout: 15_000 });
      // Embedded fonts decode asynchronously; printing before they are ready would fall back.
      await page.evaluate("document.fonts.ready.then(() => true)");
      // Own wall clock: the print's duration, for the metrics.
      const started = Date.now();
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged: true,
        timeout: 15_000,
      });
      const pdfMs = Date.now() - started;
      healthy = true;
      return { pdf: new Uint8Array(pdf), blocked, pdfMs, launched: leased.launched };
    } finally {
      // A page that failed is not trusted with the next job; a good one stays for it.
      if (!healthy) await page.close().catch(() => {});
    }
  } catch (error) {
    if (!printing && !leased.launched) {
      throw new WarmBrowserGone(error instanceof Error ? error.message : String(error));
    }
    throw error;
  } finally {
    await leased.release(healthy);
  }
}
