import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
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

/** Runs a backup through the API and waits for its job to finish; returns the job id. */
async function backupThroughApi(): Promise<string> {
  const headers = { Authorization: `Bearer ${opsToken}` };
  const started = await fetch(`${baseUrl}/api/admin/backups`, { method: "POST", headers });
  expect(started.status).toBe(202);
  const jobId = ((await started.json()) as { data: { job_id: string } }).data.job_id;
  await expect
    .poll(
      async () => {
        const job = await fetch(`${baseUrl}/api/jobs/${jobId}`, { headers });
        return ((await job.json()) as { data: { status: string } }).data.status;
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe("succeeded");
  return jobId;
}

describe("workflow runs console", () => {
  it("searches runs from the URL, labels subjects, shows step history and failure rates", async () => {
    const jobId = await backupThroughApi();
    const backupId = jobId.replace(/^backup-/, "");
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsOperator(page, opsToken, "/admin/workflows");
      await page.getByRole("heading", { level: 1, name: "Workflow runs" }).waitFor();

      // the search goes into the URL, and a reload keeps it
      await page.getByRole("searchbox", { name: "Search" }).fill(backupId);
      const today = new Date().toISOString().slice(0, 10);
      await page.getByRole("textbox", { name: "Started from" }).fill(today);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.waitForURL(
        (url) => url.searchParams.get("q") === backupId && url.searchParams.get("from") === today,
      );
      await page.reload();
      const runs = page.getByRole("table", { name: "Workflow runs" });
      await runs.waitFor();
      expect(await page.getByRole("searchbox", { name: "Search" }).inputValue()).toBe(backupId);
      expect(await runs.getByRole("row").count()).toBe(2);
      // the subject reads as the backup's time and links to the backups page
      const subject = runs.getByRole("link", { name: /^Backup of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/ });
      expect(await subject.getAttribute("href")).toBe("/admin/backups");

      // the runs table fits a 1280 px screen: its own scroll region does not scroll sideways
      await page.setViewportSize({ width: 1280, height: 800 });
      const region = page.getByRole("region", { name: "Workflow runs" });
      const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // a range the wrong way round is explained and not applied
      await page.getByRole("textbox", { name: "Started until" }).fill("2000-01-01");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.getByText("The start must not be after the end.").waitFor();
      expect(new URL(page.url()).searchParams.get("to")).toBeNull();

      // failure rates per workflow and per step
      const perWorkflow = page.getByRole("table", { name: "Failure rate per workflow" });
      await perWorkflow.waitFor();
      expect(await perWorkflow.getByRole("rowheader", { name: "backup" }).count()).toBe(1);
      await page.getByRole("table", { name: /^Failure rate per step/ }).waitFor();

      // the run's page: its mirrored step history
      await runs.getByRole("link", { name: jobId }).click();
      await page.getByRole("heading", { level: 1, name: "Workflow run" }).waitFor();
      const history = page.getByRole("table", { name: "Step history" });
      await history.waitFor();
      const readSchema = history.getByRole("row").filter({ hasText: "read schema" });
      expect(await readSchema.count()).toBe(1);
      await readSchema.getByText("Succeeded", { exact: true }).waitFor();
      await page.getByRole("table", { name: "Job progress" }).waitFor();

      expect(await checkPage(page, `/admin/workflows?q=${backupId}`, "Workflow runs")).toEqual([]);
      expect(await checkPage(page, `/admin/workflows/${jobId}`, "Workflow run")).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    // a backup runs first: every table dumped, on a machine perhaps busy with other suites
  }, 180_000);
});
