import type { Page, Request } from "playwright-core";
import { logSince, sizeOf } from "./worker-log";

interface Entry {
  method: string;
  url: string;
  startedAt: number;
  endedAt?: number;
  outcome?: string;
}

/**
 * Every request a page makes, with when it started and how it ended. A timed-out wait says
 * only that a signal never came; this says which request the page was still waiting for
 * (a stalled script keeps the app from starting at all) and which ones failed.
 */
export class RequestJournal {
  readonly #entries = new Map<Request, Entry>();
  readonly #openedAt = Date.now();
  readonly #logOffset: number;
  #closedAt: number | undefined;

  /** `workerLog`: the file wrangler's output goes to; the report quotes what it gained since. */
  constructor(
    private readonly page: Page,
    private readonly workerLog: string,
  ) {
    this.#logOffset = sizeOf(workerLog);
    page.on("request", (request) => {
      if (this.#closedAt !== undefined) return;
      this.#entries.set(request, {
        method: request.method(),
        url: request.url(),
        startedAt: Date.now(),
      });
    });
    page.on("requestfinished", async (request) => {
      const response = await request.response().catch(() => null);
      this.#end(request, `${response?.status() ?? "no response"}`);
    });
    page.on("requestfailed", (request) => {
      this.#end(request, `failed: ${request.failure()?.errorText ?? "unknown"}`);
    });
  }

  /**
   * What the page itself says, each probe bounded so a stalled page cannot hang the report:
   * whether animation frames still come (Playwright's "stable" check waits on them), what has
   * focus, whether the form is disabled, and the start of the main text.
   */
  async pageState(): Promise<string[]> {
    const probe = this.page.evaluate(async () => {
      const frames = await Promise.race([
        new Promise<string>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve("yes"))),
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve("NO (none in 2 s)"), 2_000)),
      ]);
      const active = document.activeElement;
      return [
        `visibility: ${document.visibilityState}, animation frames: ${frames}`,
        `focus: ${active ? `${active.tagName.toLowerCase()}#${active.id} "${active.textContent?.trim().slice(0, 60) ?? ""}"` : "none"}`,
        `disabled fieldsets: ${document.querySelectorAll("fieldset:disabled").length}, open dialogs: ${document.querySelectorAll("dialog[open], [role=dialog]").length}`,
        `main text: ${(document.querySelector("main")?.textContent ?? "").replace(/\s+/g, " ").slice(0, 400)}`,
      ];
    });
    const timeout = new Promise<string[]>((resolve) =>
      setTimeout(() => resolve(["the page did not answer within 5 s (main thread busy?)"]), 5_000),
    );
    return Promise.race([probe, timeout]).catch((error: Error) => [`page: ${error.message}`]);
  }

  /** Called when the test is done with the page: later requests are not the story. */
  close() {
    this.#closedAt ??= Date.now();
  }

  #end(request: Request, outcome: string) {
    if (this.#closedAt !== undefined) return;
    const entry = this.#entries.get(request);
    if (entry) Object.assign(entry, { endedAt: Date.now(), outcome });
  }

  /**
   * The page's side: its URL, whether it still renders, its focus and text, its unfinished
   * requests, the last ones that ended, and the problems seen.
   */
  async pageReport(problems: string[], lastEnded = 25): Promise<string> {
    const now = this.#closedAt ?? Date.now();
    const at = (ms: number) => `+${((ms - this.#openedAt) / 1000).toFixed(1)} s`;
    const entries = [...this.#entries.values()];
    const open = entries.filter((entry) => entry.endedAt === undefined);
    const ended = entries
      .filter((entry) => entry.endedAt !== undefined)
      .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0))
      .slice(-lastEnded);
    return [
      `── the page when the test failed (${at(now)} after it opened)`,
      `url: ${this.page.url()}`,
      ...(await this.pageState()),
      `unfinished, ${this.#closedAt ? "when the test was done with the page" : "now"}: ${open.length} request(s):`,
      ...open.map((e) => `  ${e.method} ${e.url} since ${at(e.startedAt)}`),
      `last ${ended.length} finished:`,
      ...ended.map(
        (e) =>
          `  ${e.method} ${e.url} → ${e.outcome} (${at(e.startedAt)}, ${(e.endedAt ?? 0) - e.startedAt} ms)`,
      ),
      `problems: ${problems.length ? problems.join("; ") : "none"}`,
    ].join("\n");
  }

  /** What wrangler dev logged while the page was open (its last 150 lines). */
  serverReport(): string {
    return [
      "── what wrangler dev logged meanwhile (the last 150 lines)",
      ...logSince(this.workerLog, this.#logOffset).split("\n").slice(-150),
      "──",
    ].join("\n");
  }
}
