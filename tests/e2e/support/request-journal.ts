import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { Page, Request } from "playwright-core";

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

  /** Called before the page closes: requests cut short by closing it are not the story. */
  close() {
    this.#closedAt ??= Date.now();
  }

  #end(request: Request, outcome: string) {
    if (this.#closedAt !== undefined) return;
    const entry = this.#entries.get(request);
    if (entry) Object.assign(entry, { endedAt: Date.now(), outcome });
  }

  /** The page's URL, its unfinished requests, the last ones that ended, problems, the server's log. */
  report(problems: string[], lastEnded = 25): string {
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
      `unfinished, ${this.#closedAt ? "when the test closed the page" : "now"}: ${open.length} request(s):`,
      ...open.map((e) => `  ${e.method} ${e.url} since ${at(e.startedAt)}`),
      `last ${ended.length} finished:`,
      ...ended.map(
        (e) =>
          `  ${e.method} ${e.url} → ${e.outcome} (${at(e.startedAt)}, ${(e.endedAt ?? 0) - e.startedAt} ms)`,
      ),
      `problems: ${problems.length ? problems.join("; ") : "none"}`,
      "── what wrangler dev logged meanwhile (the last 150 lines)",
      ...logSince(this.workerLog, this.#logOffset).split("\n").slice(-150),
      "──",
    ].join("\n");
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function logSince(file: string, offset: number): string {
  const length = sizeOf(file) - offset;
  if (length <= 0) return "(nothing)";
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString("utf8").trimEnd();
}
