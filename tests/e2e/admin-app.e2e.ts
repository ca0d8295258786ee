import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
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

describe("admin app", () => {
  it("offers the operator token next to staff sign-in, signs in and shows the health dashboard", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/admin/", { waitUntil: "networkidle" });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Staff sign-in");
      await page.getByRole("button", { name: "Use an operator token instead" }).click();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Operator sign-in");
      const field = page.getByLabel("Operator token");
      expect(await field.getAttribute("type")).toBe("password");
      // no navigation to pages that need a token
      expect(await page.getByRole("navigation", { name: "Admin" }).count()).toBe(0);

      await signInAsOperator(page, opsToken);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
      // the header says who is signed in
      expect(await page.getByRole("banner").textContent()).toContain("Operator");
      const bindings = page.getByRole("table", { name: "Bindings" });
      await bindings.waitFor();
      expect(await bindings.getByRole("rowheader", { name: "DB", exact: true }).count()).toBe(1);
      const dbRow = bindings
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: "DB", exact: true }) });
      expect(await dbRow.textContent()).toContain("OK");
      expect(
        await page
          .getByText(/Operational|Degraded/)
          .first()
          .isVisible(),
      ).toBe(true);

      // the token lives in sessionStorage: a reload stays signed in
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Operator sign-in" }).waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("rejects a wrong token on the form", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [401] });
    try {
      await page.goto("/admin/");
      await page.getByRole("button", { name: "Use an operator token instead" }).click();
      await page.getByLabel("Operator token").fill("not-the-operator-token");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByText("That operator token was not accepted.").waitFor();
      expect(await page.getByLabel("Operator token").getAttribute("aria-invalid")).toBe("true");
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("returns to the sign-in form with an explanation when the API answers 401", async () => {
    const { page, context, problems, close } = await openPage(browser, {
      baseUrl,
      allowStatuses: [401],
    });
    try {
      // a token that was valid once (e.g. before the secret was rotated)
      await context.addInitScript(() => {
        if (!sessionStorage.getItem("seeded")) {
          sessionStorage.setItem("seeded", "1");
          sessionStorage.setItem("rb-operator-token", "a-token-that-was-rotated-away-long-ago");
        }
      });
      await page.goto("/admin/backups");
      await page.getByRole("heading", { level: 1, name: "Operator sign-in" }).waitFor();
      await page.getByText("The operator token was not accepted.", { exact: false }).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem("rb-operator-token"))).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("navigates between sections by keyboard and moves focus to the new page", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsOperator(page, opsToken);
      const backupsLink = page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Backups" });
      await backupsLink.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/admin/backups");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
      expect(await backupsLink.getAttribute("aria-current")).toBe("page");

      // the browser's back button goes through the router too
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
