import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, type TestAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
import { createStaffWithTotp } from "./support/staff";
import { ageStaffSignIn, confirmItsMe, signInWithTotpLongAgo } from "./support/step-up";

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const DAY_MS = 24 * 60 * 60_000;

/** The export's columns (README "Admin: users", bulk actions). */
const CSV_HEADER =
  "id,email,name,status,role,plan,email_verified,mfa_enabled,customer_id,created_at,last_login_at";

interface OutboxEmail {
  to: string;
  subject: string;
  template: string;
  text: string;
}

/** Every email the local outbox holds for `to` (README "Email"; local and test only). */
async function outboxFor(to: string): Promise<OutboxEmail[]> {
  const response = await fetch(
    new URL(`/api/dev/outbox?to=${encodeURIComponent(to)}&per_page=100`, baseUrl),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: OutboxEmail[] }).data;
}

interface Standing {
  status: string;
  sanctions: { kind: string; starts_at: string; ends_at: string | null }[];
}

/** The account's standing as the admin API has it (the operator token reads it). */
async function standingOf(account: TestAccount): Promise<Standing> {
  const response = await fetch(new URL(`/api/admin/users/${account.id}/sanctions`, baseUrl), {
    headers: { Authorization: `Bearer ${opsToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Standing }).data;
}

/**
 * Does `show` (a search, going back to the list) and waits until the list read for `word`
 * came back and shows exactly `accounts`: the unsearched list shows the same new accounts
 * first, so their rows alone do not say the search has run.
 */
async function listFor(
  page: Page,
  word: string,
  accounts: TestAccount[],
  show: () => Promise<unknown>,
): Promise<void> {
  const searched = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return (
      url.pathname === "/api/admin/users" &&
      url.searchParams.get("q") === word &&
      response.status() === 200
    );
  });
  await show();
  await searched;
  const table = page.getByRole("table", { name: "Accounts" });
  for (const account of accounts) {
    await table.getByRole("link", { name: account.email, exact: true }).waitFor();
  }
  expect(await table.getByRole("rowheader").count()).toBe(accounts.length);
}

/** Runs the list's search for `word`, which should find exactly `accounts`. */
async function searchFor(page: Page, word: string, accounts: TestAccount[]): Promise<void> {
  await page.getByRole("searchbox", { name: "Search" }).fill(word);
  await listFor(page, word, accounts, async () => {
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === word);
  });
}

/** Ticks the rows of `accounts`; the bar counts them. */
async function tick(page: Page, accounts: TestAccount[]): Promise<void> {
  for (const account of accounts) {
    await page.getByRole("checkbox", { name: `Select ${account.email}`, exact: true }).check();
  }
  await page.getByText(`${accounts.length} accounts selected`, { exact: true }).waitFor();
}

/** The status badge of `account`'s row in the list shown. */
const rowStatus = (page: Page, account: TestAccount) =>
  page
    .getByRole("table", { name: "Accounts" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: account.email, exact: true }) })
    .getByRole("cell")
    .nth(2);

describe("admin: users, bulk actions", () => {
  it("an admin ticks two of three matching accounts, exports them as CSV, emails them through a job and suspends them for 2 days", async () => {
    const word = `bulk${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
    const [first, second, third] = await Promise.all(
      (["Ada", "Ben", "Cleo"] as const).map((given, index) =>
        registerAccount(baseUrl, {
          label: `bulk-${given.toLowerCase()}`,
          name: `${given} ${word}`,
          ip: `192.0.2.${170 + index}`,
        }),
      ),
    );
    if (!first || !second || !third) throw new Error("three accounts were registered");
    const ticked = [first, second];
    // customers who confirmed their address (the verification link's effect), so "active"
    await executeE2eSql(
      `UPDATE users SET status = 'active', email_verified_at = ${Date.now()} WHERE id IN ('${first.id}', '${second.id}', '${third.id}')`,
    );
    const admin = await createStaffWithTotp(baseUrl, "admin", "192.0.2.173");

    // 401: the access token dropped to age the session (refreshed); 403: the step-ups it asks for
    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    const { page, context } = staff;
    try {
      await signInWithTotpLongAgo(page, context, admin, "/admin/users");
      await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
      await searchFor(page, word, [first, second, third]);
      await tick(page, ticked);

      // 1. Export CSV: personal data in bulk asks for a fresh second factor, then downloads
      const download = page.waitForEvent("download", { timeout: 60_000 });
      await page.getByRole("button", { name: "Export CSV" }).click();
      await confirmItsMe(page, admin.app);
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile(await file.path(), "utf8");
      const lines = csv.split("\r\n").filter((line) => line !== "");
      expect(lines[0]).toBe(CSV_HEADER);
      const emails = lines.slice(1).map((line) => line.split(",")[1]);
      expect(emails.sort()).toEqual(ticked.map((account) => account.email).sort());
      expect(csv).not.toContain(third.email);

      // 2. Email…: a template, a subject and a message, a step-up, then the sending job
      await ageStaffSignIn(context, admin.id);
      await page.getByRole("button", { name: "Email…" }).click();
      const emailDialog = page.getByRole("dialog", { name: "Email 2 accounts" });
      await emailDialog.getByRole("button", { name: /^Template/ }).click();
      await page.getByRole("option", { name: "Service notice", exact: true }).click();
      const subject = `Planned maintenance ${word}`;
      await emailDialog.getByLabel(/^Subject/).fill(subject);
      await emailDialog
        .getByLabel(/^Message/)
        .fill("The editor is offline on Sunday from 02:00 to 03:00 UTC.\n\nYour resumes are safe.");
      await emailDialog.getByRole("button", { name: "Send", exact: true }).click();
      await confirmItsMe(page, admin.app);
      await emailDialog.waitFor({ state: "detached" });
      await page.getByText("Emails are on their way").waitFor();
      await page.getByRole("link", { name: "Follow the job" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/admin/jobs/"));
      await page.getByRole("heading", { level: 1, name: "Job progress" }).waitFor();
      // the workflow checks the counts between sleeps of 2 s doubling: within a minute
      await page.getByText("Job finished").waitFor({ timeout: 90_000 });
      await page.getByText("Succeeded", { exact: true }).waitFor();
      await page.getByText("Result details").click();
      expect(JSON.parse((await page.locator("details pre").textContent()) ?? "")).toMatchObject({
        sent: 2,
        failed: 0,
        skipped: 0,
      });
      for (const account of ticked) {
        const notices = (await outboxFor(account.email)).filter(
          (email) => email.template === "staff_notice",
        );
        expect(notices).toHaveLength(1);
        expect(notices[0]?.subject).toBe(subject);
        expect(notices[0]?.text).toContain("The editor is offline on Sunday");
      }
      const untouched = await outboxFor(third.email);
      expect(untouched.filter((email) => email.template === "staff_notice")).toEqual([]);

      // 3. Suspend…: back on the list (the email cleared the selection), 2 days and a reason
      await listFor(page, word, [first, second, third], () => page.goBack());
      await tick(page, ticked);
      await ageStaffSignIn(context, admin.id);
      await page.getByRole("button", { name: "Suspend…" }).click();
      const suspendDialog = page.getByRole("dialog", { name: "Suspend 2 accounts" });
      await suspendDialog.getByLabel(/^Days/).fill("2");
      await suspendDialog.getByRole("button", { name: /^Reason/ }).click();
      await page.getByRole("option", { name: "Spam or scam", exact: true }).click();
      await suspendDialog.getByLabel(/^Note/).fill(`Bulk signups ${word}`);
      await suspendDialog.getByRole("button", { name: "Suspend 2 accounts" }).click();
      await confirmItsMe(page, admin.app);
      await suspendDialog.waitFor({ state: "detached" });
      // the per-account result
      await page.getByText("Suspension requested for 2 accounts", { exact: true }).waitFor();
      for (const account of ticked) {
        await page
          .getByRole("listitem")
          .filter({ hasText: `${account.email}: suspension requested` })
          .waitFor();
      }

      // each account's ban workflow applies it within seconds
      for (const account of ticked) {
        await expect
          .poll(async () => (await standingOf(account)).status, { timeout: 30_000, interval: 250 })
          .toBe("suspended");
        const suspension = (await standingOf(account)).sanctions.find(
          (sanction) => sanction.kind === "suspension",
        );
        expect(
          Date.parse(suspension?.ends_at ?? "") - Date.parse(suspension?.starts_at ?? ""),
        ).toBe(2 * DAY_MS);
      }
      expect((await standingOf(third)).status).toBe("active");
      // and the list says so once read again
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
      for (const account of ticked) {
        await rowStatus(page, account).getByText("Suspended", { exact: true }).waitFor();
      }
      await rowStatus(page, third).getByText("Active", { exact: true }).waitFor();
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }
  }, 240_000);
});
