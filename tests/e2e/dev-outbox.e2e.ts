import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems } from "./support/a11y";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const uniqueAddress = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe("dev outbox", () => {
  it("searches by recipient from the keyboard and shows the empty state", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/dev/outbox");
      await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
      // dev-only: reachable by URL, never offered in the navigation
      const nav = page.getByRole("navigation", { name: "Main" });
      expect(await nav.getByRole("link", { name: /outbox/i }).count()).toBe(0);

      const search = page.getByRole("search", { name: "Outbox" });
      const field = search.getByRole("textbox", { name: "Recipient address" });
      const address = uniqueAddress("nobody");
      await field.focus();
      await page.keyboard.type(address);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.searchParams.get("to") === address);
      await page.getByRole("heading", { level: 2, name: `Emails to ${address}` }).waitFor();
      await page.getByText(`No emails to ${address} yet.`).waitFor();
      expect(await page.getByText("Choose an email to read it here.").isVisible()).toBe(true);

      // Tab reaches the search button right after the field
      await field.focus();
      await page.keyboard.press("Tab");
      expect(
        await search
          .getByRole("button", { name: "Search" })
          .evaluate((element) => element === document.activeElement),
      ).toBe(true);

      // "Show all" clears the search
      await search.getByRole("button", { name: "Show all" }).click();
      await page.waitForURL((url) => !url.searchParams.has("to"));
      await page.getByRole("heading", { level: 2, name: "All emails" }).waitFor();

      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 320, height: 640 },
      ]) {
        await page.setViewportSize(viewport);
        await page.goto(`/dev/outbox?to=${encodeURIComponent(address)}`);
        await page.getByText(`No emails to ${address} yet.`).waitFor();
        expect(await accessibilityProblems(page), `${viewport.width}px`).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${viewport.width}px sideways scroll`).toBe(0);
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows a verification email in a sandboxed frame whose link opens a new tab", async () => {
    // a real trigger: signing up sends the verification email through the one sender
    const address = uniqueAddress("outbox-reader");
    const registered = await fetch(new URL("/api/auth/register", baseUrl), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        email: address,
        password: "violet-quartz-harbor-93",
        name: "Ada Outbox",
      }),
    });
    expect(registered.status).toBe(202);

    const { page, context, problems, close } = await openPage(browser, { baseUrl });
    try {
      // the signup workflow sends it a moment later: search until it is there
      await expect
        .poll(
          async () => {
            await page.goto(`/dev/outbox?to=${encodeURIComponent(address)}`);
            await page.getByRole("heading", { level: 2, name: `Emails to ${address}` }).waitFor();
            await page
              .locator(".outbox-list")
              .or(page.getByText(`No emails to ${address} yet.`))
              .waitFor();
            return page.locator(".outbox-list li").count();
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBe(1);

      await page.getByRole("link", { name: /Confirm your email address/ }).click();
      await page.waitForURL((url) => url.searchParams.has("id"));
      const detail = page.getByRole("region", { name: "Selected email" });
      await detail.getByRole("heading", { level: 2, name: "Confirm your email address" }).waitFor();
      // opening an email moves focus to it
      await expect
        .poll(() => detail.evaluate((element) => element === document.activeElement))
        .toBe(true);

      const frameElement = detail.locator("iframe");
      expect(await frameElement.getAttribute("sandbox")).toBe(
        "allow-popups allow-popups-to-escape-sandbox",
      );
      expect(await frameElement.getAttribute("title")).toContain("Confirm your email address");
      const frame = detail.frameLocator("iframe");
      // the name typed at sign-up never reaches an unconfirmed address
      await frame.getByRole("heading", { level: 1, name: "Welcome to Resume Builder" }).waitFor();
      expect(await frame.locator("body").textContent()).not.toContain("Ada Outbox");
      const confirm = frame.getByRole("link", { name: "Confirm my email" });
      const verifyUrl = (await confirm.getAttribute("href")) ?? "";
      expect(verifyUrl.startsWith("http")).toBe(true);

      const [tab] = await Promise.all([context.waitForEvent("page"), confirm.click()]);
      await tab.waitForLoadState();
      expect(tab.url()).toBe(verifyUrl);
      // the app's scripts run there: the tab left the sandbox
      await tab.getByRole("heading", { level: 1 }).first().waitFor();
      await tab.close();

      await detail.getByRole("tab", { name: "Plain text" }).click();
      const text = detail.getByRole("region", { name: "Plain-text part" });
      expect(await text.textContent()).toContain(verifyUrl);
      expect(await accessibilityProblems(page)).toEqual([]);
      // no CSP violation, no blocked frame, no failed request on the outbox page itself
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
