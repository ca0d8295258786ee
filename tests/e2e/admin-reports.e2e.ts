import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { registerAccount } from "./support/accounts";
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

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The 5-minute cron, as Cloudflare would fire it: the suite's `wrangler dev` runs with
 * `--test-scheduled` (global-setup.ts), which hands `/__scheduled` to the Worker's scheduled
 * handler (README "Analytics": the roll-up recounts the days with new events).
 */
async function runRollup() {
  const cron = encodeURIComponent("*/5 * * * *");
  const response = await fetch(new URL(`/__scheduled?cron=${cron}`, baseUrl));
  await response.arrayBuffer();
  expect(response.status).toBe(200);
}

interface UsersReport {
  rows: { day: string; signups: number; verified: number; active: number }[];
  summary: { signups: number };
}

/** The users report as the API answers it to the operator. */
async function usersReport(from: string, to: string): Promise<UsersReport> {
  const response = await fetch(
    new URL(`/api/admin/analytics/users?from=${from}&to=${to}`, baseUrl),
    { headers: { Authorization: `Bearer ${opsToken}` } },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: UsersReport }).data;
}

const signupsToday = async () => (await usersReport(today(), today())).summary.signups;

describe("admin reports", () => {
  it("shows today's sign-ups as a chart and a table, by range, and downloads them as CSV", async () => {
    // Other files of the suite sign people up too: count from what is rolled up now.
    await runRollup();
    const before = await signupsToday();
    for (const [i, name] of ["Ada Reports", "Grace Reports"].entries())
      await registerAccount(baseUrl, { label: "reports", name, ip: `192.0.2.${231 + i}` });
    // the queue hands the events to the consumer within its batch timeout (30 s); each
    // roll-up counts what has arrived by then
    await expect
      .poll(
        async () => {
          await runRollup();
          return signupsToday();
        },
        { timeout: 75_000, interval: 2_000 },
      )
      .toBeGreaterThanOrEqual(before + 2);
    // no cron fires by itself under `wrangler dev`: the roll-up stays as it is from here on
    const signups = await signupsToday();

    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsOperator(page, opsToken);
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Reports" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
      expect(new URL(page.url()).search).toBe("");

      // the chart is drawn, and its numbers are a table (captioned like the chart)
      const caption = "Sign-ups, verified addresses and active users per day";
      const users = page.locator("figure").filter({ hasText: caption });
      await users
        .getByRole("img", { name: new RegExp(`^${caption}`) })
        .locator("canvas")
        .first()
        .waitFor();
      const table = page.getByRole("table", { name: caption });
      const todayRow = table
        .getByRole("row")
        .filter({ has: page.locator(`time[datetime="${today()}"]`) });
      await expect
        .poll(() => todayRow.getByRole("cell").first().textContent())
        .toBe(String(signups));
      expect(await table.locator("tbody tr").count()).toBe(30);

      // another range: the URL says it, so a link opens the same view
      await page.getByRole("button", { name: "Last 7 days" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("range")).toBe("7");
      await expect.poll(() => table.locator("tbody tr").count()).toBe(7);
      expect(
        await page.getByRole("button", { name: "Last 7 days" }).getAttribute("aria-pressed"),
      ).toBe("true");
      expect(await todayRow.getByRole("cell").first().textContent()).toBe(String(signups));

      // the CSV holds the same rows as the report the page shows
      const download = page.waitForEvent("download", { timeout: 60_000 });
      await page.getByRole("button", { name: "Download CSV of sign-ups" }).click();
      const file = await download;
      const from = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
      expect(file.suggestedFilename()).toBe(`users-${from}-to-${today()}.csv`);
      const lines = (await readFile(await file.path(), "utf8"))
        .split("\r\n")
        .filter((line) => line !== "");
      const report = await usersReport(from, today());
      expect(lines).toEqual([
        "day,signups,verified,active",
        ...report.rows.map((row) => `${row.day},${row.signups},${row.verified},${row.active}`),
      ]);
      expect(lines.at(-1)?.startsWith(`${today()},${signups},`)).toBe(true);

      // charts, tables and filters: named controls, one h1, no sideways scrolling on a phone
      expect(await checkPage(page, "/admin/reports?range=7", "Reports")).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
