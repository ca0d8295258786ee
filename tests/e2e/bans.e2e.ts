import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { demoEmail, signInAsStaff } from "./support/operator";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("strikes and suspensions", () => {
  it("three strikes from a moderator suspend the account, and its owner is told why at sign-in", async () => {
    const owner = await registerAccount(baseUrl, {
      label: "struck",
      name: "Trudy Example",
      ip: "192.0.2.93",
    });

    const staff = await openPage(browser, { baseUrl });
    try {
      const { page } = staff;
      await signInAsStaff(page, demoEmail("moderator"), `/admin/users/${owner.id}/standing`);
      await page.getByRole("heading", { level: 1, name: "Account standing" }).waitFor();
      for (const round of [1, 2, 3]) {
        await page.getByRole("button", { name: "Add strike" }).click();
        const dialog = page.getByRole("form", { name: "Add a strike" });
        await dialog.waitFor();
        await dialog.getByRole("button", { name: /^Category/ }).click();
        await page.getByRole("option", { name: "Spam / scam", exact: true }).click();
        await dialog.getByLabel(/^Reason/).fill(`Link farm in the summary (${round}).`);
        await dialog.getByRole("button", { name: "Add strike" }).click();
        // the page follows the request until the escalation workflow has processed it
        await page.getByText(/^Done: /).waitFor();
        await expect
          .poll(() => page.getByRole("table", { name: "Strikes" }).getByRole("row").count())
          .toBe(round + 1);
      }
      await page.getByText("Suspended", { exact: true }).first().waitFor();
      await page.getByRole("table", { name: "Suspensions and bans" }).waitFor();
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    // the owner signs in and reads why, and until when
    const visitor = await openPage(browser, { baseUrl, allowStatuses: [403] });
    try {
      const { page } = visitor;
      await page.goto("/login");
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.getByLabel("Email address").fill(owner.email);
      await page.getByLabel("Password", { exact: true }).fill(owner.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page
        .getByText(/This account is suspended until .* UTC because of spam or scams/)
        .waitFor();
    } finally {
      await visitor.close();
    }
  });
});
