import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
import { createResumeFromDashboard, previewFrame, saved } from "./support/editor";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Text of one element of the preview's document, "" while it is not there. */
const previewTextOf = async (page: Page, selector: string) =>
  (await (
    await previewFrame(page)
  )
    .locator(selector)
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => "")) ?? "";

/** Exports the open resume as a PDF through the export dialog and returns its bytes. */
async function exportPdf(page: Page): Promise<Uint8Array> {
  await page.getByLabel("Resume title").focus();
  await page.getByLabel("Resume title").blur();
  await saved(page);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByLabel(/^PDF/).check();
  await dialog.getByRole("button", { name: "Export PDF" }).click();
  await dialog.getByRole("progressbar", { name: "Done" }).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Download" }).click(),
  ]);
  const bytes = new Uint8Array(await readFile((await download.path()) as string));
  await page.keyboard.press("Escape");
  return bytes;
}

/**
 * Whether PDF text holds an Arabic word: compared as letters (shaped presentation forms folded
 * back, spaces dropped) in logical or visual order, since a PDF keeps right-to-left runs in
 * drawing order. Its dotted letters prove the glyphs are real letters, not boxes or bare bases.
 */
function hasArabic(pdfText: string, word: string): boolean {
  const found = pdfText.normalize("NFKC").replace(/\s+/g, "");
  const wanted = word.normalize("NFKC").replace(/\s+/g, "");
  return found.includes(wanted) || found.includes([...wanted].reverse().join(""));
}

describe("layout and language", () => {
  it("renames a heading and moves a section between columns; preview and PDF follow", async () => {
    const account = await registerAccount(baseUrl, {
      label: "layout-language",
      name: "Emmy Noether",
      ip: "192.0.2.171",
    });
    // Sidebar is a premium template
    await executeE2eSql(`UPDATE users SET plan = 'standard' WHERE id = '${account.id}';`);
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      await createResumeFromDashboard(page, { title: "Mathematik", template: /^Sidebar/ });
      // the editor with the columns box and every "Rename heading" passes the page checks
      expect(await checkPage(page, new URL(page.url()).pathname, "Mathematik")).toEqual([]);

      await page.getByRole("button", { name: "Experience", exact: true }).click();
      await page.getByRole("button", { name: "Add position to Experience" }).click();
      await page.getByLabel("Position", { exact: true }).fill("Professorin");
      await page.getByLabel("Company", { exact: true }).fill("Universität Göttingen");
      await page.locator("#section-work-body").getByLabel("Rename heading").fill("Berufserfahrung");
      await expect.poll(() => previewTextOf(page, "#section-work-title")).toBe("Berufserfahrung");
      await page
        .getByRole("button", { name: "Experience — shown as Berufserfahrung", exact: true })
        .waitFor();

      await page.getByRole("button", { name: "Skills", exact: true }).click();
      await page.getByRole("button", { name: "Add skill to Skills" }).click();
      await page.getByLabel("Skill", { exact: true }).fill("Abstrakte Algebra");
      await expect
        .poll(() => previewTextOf(page, "aside.side .section-skills"))
        .toContain("Abstrakte Algebra");

      // drag Skills from the side column to the main one
      const skills = page.locator('[data-column="side"] [data-section="skills"]');
      await skills.dragTo(page.locator('[data-column="main"]'));
      await page.locator('[data-column="main"] [data-section="skills"]').waitFor();
      await page.getByText("Skills moved to the main column").waitFor();
      const mainOrder = async () =>
        (await previewFrame(page)).evaluate(() =>
          [...document.querySelectorAll("main.main > section")].map(
            (section) => section.id || section.className,
          ),
        );
      await expect
        .poll(async () => (await mainOrder()).filter((name) => /work|skills/.test(name)))
        .toEqual(["section section-work", "section section-skills"]);
      expect(await previewTextOf(page, "aside.side")).not.toContain("Abstrakte Algebra");

      // and back by button, then to the main column again by keyboard
      await page.getByRole("button", { name: "Move to side column: Skills" }).click();
      await page.locator('[data-column="side"] [data-section="skills"]').waitFor();
      await page.getByRole("button", { name: "Move to main column: Skills" }).press("Enter");
      await page.locator('[data-column="main"] [data-section="skills"]').waitFor();

      const pdf = await getDocumentProxy(await exportPdf(page));
      const { text } = await extractText(pdf, { mergePages: true });
      // the template sets headings in capitals
      expect(text.toLowerCase()).toContain("berufserfahrung");
      expect(text.toLowerCase()).not.toContain("experience");
      expect(text).toContain("Abstrakte Algebra");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("renders an Arabic resume right to left, with Arabic glyphs, in the preview and the PDF", async () => {
    const account = await registerAccount(baseUrl, {
      label: "layout-arabic",
      name: "Layla Ahmed",
      ip: "192.0.2.172",
    });
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      await createResumeFromDashboard(page, { title: "سيرة ذاتية", template: /^Classic/ });

      await page.getByRole("tab", { name: "Design" }).click();
      await page.getByLabel("Resume language").selectOption("ar");
      await page.getByLabel("Text direction").selectOption("");
      await page.getByRole("tab", { name: "Content" }).click();
      await page.getByLabel("Full name", { exact: true }).fill("ليلى أحمد");
      await page.getByLabel("Headline", { exact: true }).fill("مهندسة برمجيات");
      await page.getByRole("button", { name: /^Experience/ }).click();
      await page.getByRole("button", { name: "Add position to Experience" }).click();
      await page.getByLabel("Position", { exact: true }).fill("مهندسة برمجيات أولى");
      await page.getByLabel("Company", { exact: true }).fill("شركة النور");

      await expect
        .poll(async () => (await previewFrame(page)).evaluate(() => document.documentElement.dir))
        .toBe("rtl");
      await expect.poll(() => previewTextOf(page, "#section-work-title")).toBe("الخبرة المهنية");
      // the heading's text sits on the right half of the page, in an Arabic face
      const heading = await (await previewFrame(page)).evaluate(async () => {
        await document.fonts.ready;
        const title = document.querySelector("#section-work-title") as HTMLElement;
        const range = document.createRange();
        range.selectNodeContents(title);
        const box = range.getBoundingClientRect();
        const page = (document.querySelector(".page") as HTMLElement).getBoundingClientRect();
        const arabic = [...document.fonts].some(
          (face) => face.family.includes("IBM Plex Sans Arabic") && face.status === "loaded",
        );
        return { left: box.left, right: box.right, middle: page.left + page.width / 2, arabic };
      });
      expect(heading.left).toBeGreaterThan(heading.middle);
      expect(heading.arabic).toBe(true);

      const bytes = await exportPdf(page);
      // the Arabic face is embedded: glyphs, not boxes
      expect(Buffer.from(bytes).toString("latin1")).toMatch(/IBMPlexSansArabic/);
      const pdf = await getDocumentProxy(bytes);
      const { text } = await extractText(pdf, { mergePages: true });
      // inner letters of the heading, the name and the company: a PDF may move a word's first
      // or last letter across the space in a spaced-out heading
      for (const part of ["خبر", "هني", "ليل", "شرك"])
        expect(hasArabic(text, part), text).toBe(true);
      const first = await pdf.getPage(1);
      const width = first.view[2] ?? 0;
      const content = await first.getTextContent();
      // a PDF may cut a line into several runs: the heading is the line (same baseline) whose
      // runs together hold it, and all of it lies on the right half of the page
      const lines = new Map<number, { text: string; left: number }>();
      for (const item of content.items) {
        if (!("str" in item) || !item.str.trim()) continue;
        const y = Math.round(item.transform[5] ?? 0);
        const line = lines.get(y) ?? { text: "", left: Number.POSITIVE_INFINITY };
        lines.set(y, {
          text: line.text + item.str,
          left: Math.min(line.left, item.transform[4] ?? 0),
        });
      }
      const headingLine = [...lines.values()].find((line) => hasArabic(line.text, "هني"));
      expect(headingLine, text).toBeDefined();
      expect(headingLine?.left ?? 0).toBeGreaterThan(width / 2);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
