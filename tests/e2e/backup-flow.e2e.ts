import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems } from "./support/a11y";
import { launchBrowser, openPage } from "./support/browser";
import { signInAsOperator } from "./support/operator";

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("backups", () => {
  it("runs a backup, follows its job to 100 % and finds its workflow run", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsOperator(page, opsToken, "/admin/backups");
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      await page.getByRole("button", { name: "Run backup now" }).click();

      await page.waitForURL(/\/admin\/jobs\/[^/]+$/);
      const jobId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
      expect(jobId).not.toBe("");
      await page.getByRole("heading", { level: 1, name: "Job progress" }).waitFor();

      const progress = page.getByRole("progressbar", { name: "Progress" });
      await progress.waitFor();
      await expect
        .poll(() => progress.getAttribute("aria-valuenow"), { timeout: 60_000, interval: 500 })
        .toBe("100");
      await page.getByText("Succeeded", { exact: true }).waitFor();
      await page.getByText("Job finished").waitFor();
      expect(await page.getByText("Job failed").count()).toBe(0);

      // the finished backup is listed, linked to its job
      await page.getByRole("link", { name: "Back to backups" }).click();
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      const history = page.getByRole("table", { name: "Backup history" });
      await history.waitFor();
      const jobLink = history.locator(`a[href="/admin/jobs/${encodeURIComponent(jobId)}"]`);
      expect(await jobLink.count()).toBe(1);

      // the run behind it is listed under Workflow runs, with its step history
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Workflow runs" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Workflow runs" }).waitFor();
      await page.getByRole("button", { name: /^Workflow/ }).click();
      await page.getByRole("option", { name: "backup", exact: true }).click();
      await page.waitForURL(/[?&]workflow=backup/);
      const runs = page.getByRole("table", { name: "Workflow runs" });
      await runs.waitFor();
      // the run's own link comes first (its subject links to the backups page)
      await runs.getByRole("row").nth(1).getByRole("link").first().click();
      await page.getByRole("heading", { level: 1, name: "Workflow run" }).waitFor();
      await page.getByRole("table", { name: "Step history" }).waitFor();
      expect(await page.getByRole("link", { name: jobId }).count()).toBe(1);

      // restarting asks first; cancelling changes nothing and gives focus back
      const restart = page.getByRole("button", { name: "Restart", exact: true });
      await restart.click();
      const dialog = page.getByRole("dialog", { name: "Restart this run?" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => restart.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
