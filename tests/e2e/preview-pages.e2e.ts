import { readFileSync } from "node:fs";
import { type Browser, chromium, type Frame, type Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ResumeData } from "../../core/resume/schema";
import { CHROMIUM_FLAGS, CHROMIUM_HEADLESS_SHELL } from "../../scripts/lib/chromium.mjs";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { openPage } from "./support/browser";
import { subscribeThroughCheckout } from "./support/subscriber";

// README "Editor and preview": the preview's pages are the PDF's pages. For a one-page and a
// long resume, in a one-column template and in the two-column Sidebar, the preview shows as
// many pages as Chromium prints, and every line it shows on page i is on page i of the PDF.

const baseUrl = inject("baseUrl");
const USER_IP = "192.0.2.231";
let browser: Browser;

beforeAll(async () => {
  // The PDFs come from full Chromium, which lays text out with unhinted glyph advances; the
  // headless shell hints them by default, and a line a pixel wider can move a break. With
  // hinting off the shell lays out as the printer does.
  browser = await chromium.launch({
    executablePath: CHROMIUM_HEADLESS_SHELL,
    args: [...CHROMIUM_FLAGS, "--font-render-hinting=none"],
    headless: true,
  });
});

afterAll(async () => {
  await browser?.close();
});

/** tests/fixtures/resumes: a long career, two pages and more. */
const LONG = JSON.parse(
  readFileSync(new URL("../fixtures/resumes/two-page.json", import.meta.url), "utf8"),
) as ResumeData;
const SHORT: ResumeData = {
  basics: LONG.basics,
  work: LONG.work?.slice(0, 1),
  skills: LONG.skills?.slice(0, 2),
};

/** Letters and digits only, case folded: what both text extractions agree on. */
const normal = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

async function apiToken(email: string, password: string): Promise<string> {
  const response = await fetch(new URL("/api/auth/login", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": USER_IP },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

function call(token: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, baseUrl), {
    method: body === undefined ? "GET" : "POST",
    headers: {
      "Content-Type": "application/json",
      "CF-Connecting-IP": USER_IP,
      Authorization: `Bearer ${token}`,
      "Idempotency-Key": `e2e-${crypto.randomUUID()}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The text of each page of the resume's PDF, printed by the export job. */
async function pdfPages(token: string, resumeId: string): Promise<string[]> {
  const started = await call(token, `/api/resumes/${resumeId}/export`, { format: "pdf" });
  expect(started.status).toBe(202);
  const { job_id: jobId } = ((await started.json()) as { data: { job_id: string } }).data;
  await expect
    .poll(
      async () =>
        ((await (await call(token, `/api/jobs/${jobId}`)).json()) as { data: { status: string } })
          .data.status,
      { timeout: 60_000, interval: 300 },
    )
    .toBe("succeeded");
  const file = await call(token, `/api/exports/${jobId}/download`);
  expect(file.status).toBe(200);
  const pdf = await getDocumentProxy(new Uint8Array(await file.arrayBuffer()));
  const { text } = await extractText(pdf, { mergePages: false });
  return text as string[];
}

/**
 * The preview's lines, page by page: the first frame holds the whole paged document, its
 * flow's column i being page i. Each text run is cut where a character starts a new line
 * (a new top) or a new column.
 */
async function previewPages(frame: Frame): Promise<string[][]> {
  return frame.evaluate(() => {
    const flow = document.querySelector(".paged-flow") as HTMLElement;
    const box = flow.getBoundingClientRect();
    const stride = box.width + Number.parseFloat(getComputedStyle(flow).columnGap);
    const pages: string[][] = [];
    const walker = document.createTreeWalker(flow, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? "";
      let run = "";
      let where = "";
      const flush = () => {
        const column = Number(where.split(":")[0]);
        if (run.trim()) {
          pages[column] ??= [];
          pages[column].push(run);
        }
        run = "";
      };
      for (let at = 0; at < value.length; at += 1) {
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width || rect.height) {
          const column = Math.floor((rect.left - box.left + 0.5) / stride);
          const next = `${column}:${Math.round(rect.top)}`;
          if (next !== where) {
            flush();
            where = next;
          }
        }
        run += value[at];
      }
      flush();
    }
    return pages;
  });
}

async function openPreview(page: Page, resumeId: string): Promise<Frame> {
  // the preview's own signal, not the `load` event (which waits on every subresource)
  await page.goto(`/resumes/${resumeId}`, { waitUntil: "commit" });
  await page.locator('.preview[data-state="ready"]').waitFor({ timeout: 60_000 });
  const handle = await page.locator("iframe[title='Resume preview']").elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("no preview frame");
  return frame;
}

describe("paged preview", () => {
  it("shows the PDF's pages with the PDF's breaks, in one- and two-column templates", async () => {
    const account = await registerAccount(baseUrl, {
      label: "preview-pages",
      name: "Paige Turner",
      ip: USER_IP,
    });
    // Sidebar is a premium template: a Standard trial prints it
    await subscribeThroughCheckout(baseUrl, account, USER_IP);
    const token = await apiToken(account.email, account.password);

    // a resume never shared has no link yet: GET …/share answers 404 until it is turned on
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      for (const template of ["classic", "sidebar"]) {
        for (const [length, data] of [
          ["short", SHORT],
          ["long", LONG],
        ] as const) {
          const created = await call(token, "/api/resumes", {
            title: `${template} ${length}`,
            template,
            data,
          });
          expect(created.status).toBe(201);
          const { id } = ((await created.json()) as { data: { id: string } }).data;
          const printed = (await pdfPages(token, id)).map(normal);
          const frame = await openPreview(page, id);
          const shown = await previewPages(frame);
          const label = `${template}, ${length}`;

          if (length === "short") expect(printed.length, label).toBe(1);
          else expect(printed.length, label).toBeGreaterThanOrEqual(2);
          expect(shown.length, label).toBe(printed.length);
          expect(Number(await page.locator(".preview").getAttribute("data-pages"))).toBe(
            printed.length,
          );
          // one sheet per page, numbered
          expect(await page.locator(".preview__page").count()).toBe(printed.length);
          await page.getByText(`Page ${printed.length} of ${printed.length}`).waitFor();
          expect(await page.locator(".preview__fullness").textContent()).toMatch(
            new RegExp(`${printed.length - 1}\\.\\d pages$`),
          );

          // Every line long enough to be told apart, and printed on exactly one page, is on
          // the same page in both; the first and last such line of each page are among them.
          shown.forEach((lines, index) => {
            const checked = lines
              .map(normal)
              .filter((line) => line.length >= 12)
              .filter((line) => printed.filter((text) => text.includes(line)).length === 1);
            expect(checked.length, `${label}: page ${index + 1}`).toBeGreaterThan(2);
            for (const line of checked) {
              expect(printed[index], `${label}: page ${index + 1} "${line}"`).toContain(line);
            }
          });
        }
      }

      // zoom: by keyboard, shown, and kept for the session
      const zoomIn = page.getByRole("button", { name: "Zoom in" });
      await zoomIn.focus();
      const before = (await page.locator(".preview__zoom-value").textContent()) ?? "";
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".preview__zoom-value").textContent()).not.toBe(before);
      const zoomed = await page.locator(".preview__zoom-value").textContent();
      expect(
        await page.getByRole("button", { name: "Fit width" }).getAttribute("aria-pressed"),
      ).toBe("false");
      await page.reload({ waitUntil: "commit" });
      await page.locator('.preview[data-state="ready"]').waitFor();
      expect(await page.locator(".preview__zoom-value").textContent()).toBe(zoomed);
      await page.getByRole("button", { name: "Fit width" }).click();
      await expect
        .poll(() => page.getByRole("button", { name: "Fit width" }).getAttribute("aria-pressed"))
        .toBe("true");

      // the template gallery shows each template's first page
      await page.getByRole("tab", { name: "Design" }).click();
      const thumbnail = page.locator(".template-card .page-thumbnail iframe").first();
      await thumbnail.waitFor();
      const thumbFrame = await (await thumbnail.elementHandle())?.contentFrame();
      await expect
        .poll(async () => (await thumbFrame?.locator(".paged-flow .name").textContent()) ?? "")
        .toBe("Maya Okafor");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
