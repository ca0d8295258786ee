import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = inject("baseUrl");
/** Features with an issue of their own, not built yet: no page may offer them. */
const UNSHIPPED = /collaborat|review together|install it/i;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("user app", () => {
  it("loads the landing page without console errors or failed requests", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/", { waitUntil: "networkidle" });
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent())
        .toContain("resume");
      for (const section of ["Everything you need to land the interview", "Plans and pricing"]) {
        expect(await page.getByRole("heading", { level: 2, name: section }).isVisible()).toBe(true);
      }
      const pricing = await page.locator("#pricing").textContent();
      for (const price of ["$0", "$14.99", "$29.99", "$49.99", "14-day free trial"]) {
        expect(pricing).toContain(price);
      }
      expect(await page.getByRole("link", { name: "Skip to main content" }).count()).toBe(1);
      // nothing sold that does not work yet (collaboration, installing)
      expect(await page.locator("main").textContent()).not.toMatch(UNSHIPPED);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("switches the theme, sets data-theme on <html> and keeps it after a reload", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl, colorScheme: "light" });
    try {
      await page.goto("/");
      const html = page.locator("html");
      await expect.poll(() => html.getAttribute("data-theme")).toBe("light");

      await page.locator("label", { has: page.getByText("Dark", { exact: true }) }).click();
      await expect.poll(() => html.getAttribute("data-theme")).toBe("dark");
      expect(await page.getByRole("radio", { name: "Dark" }).isChecked()).toBe(true);

      // The theme must already be right when the HTML is parsed (no flash), before the app runs.
      await page.evaluate(() => {
        sessionStorage.setItem("theme-probe", "pending");
      });
      await page.addInitScript(() => {
        document.addEventListener("DOMContentLoaded", () => {
          sessionStorage.setItem(
            "theme-probe",
            document.documentElement.getAttribute("data-theme") ?? "none",
          );
        });
      });
      await page.reload();
      await expect.poll(() => html.getAttribute("data-theme")).toBe("dark");
      expect(await page.evaluate(() => sessionStorage.getItem("theme-probe"))).toBe("dark");
      expect(await page.getByRole("radio", { name: "Dark" }).isChecked()).toBe(true);

      // "System" follows the operating system's preference.
      await page.locator("label", { has: page.getByText("System", { exact: true }) }).click();
      await expect.poll(() => html.getAttribute("data-theme")).toBe("light");
      await page.emulateMedia({ colorScheme: "dark" });
      await expect.poll(() => html.getAttribute("data-theme")).toBe("dark");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("works by keyboard: the skip link focuses main, shell links navigate", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/");
      await page.getByRole("heading", { level: 1 }).waitFor();

      await page.keyboard.press("Tab");
      const skipLink = page.getByRole("link", { name: "Skip to main content" });
      expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await skipLink.isVisible()).toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");

      // From the top of a fresh page, Tab to the "Pricing" entry of the shell navigation.
      const pricingLink = page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Pricing" });
      await page.goto("/");
      await page.getByRole("heading", { level: 1 }).waitFor();
      let reached = false;
      for (let step = 0; step < 12 && !reached; step += 1) {
        await page.keyboard.press("Tab");
        reached = await pricingLink.evaluate((element) => element === document.activeElement);
      }
      expect(reached).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/pricing");
      await page.getByRole("heading", { level: 1, name: "Plans and pricing" }).waitFor();
      const headingInView = await page
        .getByRole("heading", { level: 1, name: "Plans and pricing" })
        .evaluate((element) => element.getBoundingClientRect().top < window.innerHeight);
      expect(headingInView).toBe(true);
      await page.getByRole("table", { name: "Compare plans" }).waitFor();
      expect(await page.locator("main").textContent()).not.toMatch(UNSHIPPED);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
