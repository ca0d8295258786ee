import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Pages of a PDF as Chromium writes them: one `/Type /Page` object per page. */
const pageCount = (pdf: Buffer) =>
  pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

describe("export from the editor", () => {
  it("exports a PDF with a progress bar that reaches done, downloads it and lists it", async () => {
    const account = await registerAccount(baseUrl, {
      label: "export",
      name: "Mary Jackson",
      ip: "192.0.2.95",
    });
    // a resume never shared has no link yet: GET …/share answers 404 until it is turned on
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      await page.getByRole("button", { name: "New resume" }).click();
      const create = page.getByRole("dialog", { name: "New resume" });
      await create.getByLabel("Title").fill("Aerospace engineer");
      await create.getByRole("button", { name: "Create resume" }).click();
      await page.waitForURL(/\/resumes\/[0-9a-f-]{36}$/);
      await page.getByRole("heading", { level: 1, name: "Aerospace engineer" }).waitFor();

      await page.getByRole("button", { name: "Export", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Export" });
      await dialog.getByLabel(/^PDF/).check();
      await dialog.getByRole("button", { name: "Export PDF" }).click();

      // The bar names each stage; it must end at Done with 100 %.
      const bar = dialog.getByRole("progressbar");
      await bar.waitFor();
      await dialog.getByRole("progressbar", { name: "Done" }).waitFor({ timeout: 60_000 });
      expect(await bar.getAttribute("aria-valuenow")).toBe("100");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        dialog.getByRole("button", { name: "Download" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("Aerospace-engineer.pdf");
      const pdf = await readFile((await download.path()) as string);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pageCount(pdf)).toBe(1);

      await dialog.getByRole("link", { name: "All exports" }).click();
      await page.waitForURL((url) => url.pathname === "/exports");
      await page.getByRole("heading", { level: 1, name: "Exports" }).waitFor();
      const row = page.getByRole("row").filter({ hasText: "Aerospace engineer" });
      await row.getByText("Done").waitFor();
      const [again] = await Promise.all([
        page.waitForEvent("download"),
        row.getByRole("button", { name: "Download Aerospace-engineer.pdf" }).click(),
      ]);
      const second = await readFile((await again.path()) as string);
      expect(second.equals(pdf)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
