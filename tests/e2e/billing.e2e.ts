import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
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

/** A settings card: a section titled by its h2. */
const card = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title }) });

async function fillCard(page: Page, card: string) {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Grace Hopper");
}

async function payWith(page: Page, card: string) {
  await fillCard(page, card);
  await page.getByRole("button", { name: "Pay and subscribe" }).click();
}

describe("billing", () => {
  it("picks Standard on /pricing, is declined, pays with 4242 on the local checkout, sees the trial, cancels", async () => {
    const account = await registerAccount(baseUrl, {
      label: "billing",
      name: "Grace Hopper",
      ip: "192.0.2.91",
    });
    // the declined card answers 402 on the checkout page: that is the case under test
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [402] });
    try {
      await signInThroughForm(page, account);
      expect(await checkPage(page, "/pricing", "Plans and pricing")).toEqual([]);

      // the comparison comes from the entitlements table; Free is marked as this account's plan
      const free = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: /^Free/ }) });
      await free.getByText("Your plan", { exact: true }).waitFor();
      const table = page.getByRole("table", { name: "Compare plans" });
      await table
        .getByRole("row", { name: /^Resumes/ })
        .getByText("10 resumes")
        .waitFor();
      await table
        .getByRole("row", { name: /^Price/ })
        .getByText("$14.99 a month")
        .waitFor();

      await page.getByRole("button", { name: "Start Standard trial" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/local-checkout/"));
      await page.getByText("Local test checkout — no real payment").waitFor();
      await page.getByRole("heading", { level: 1, name: "Subscribe to Standard" }).waitFor();

      // a declined card: a readable reason on the checkout page, nothing started
      await payWith(page, "4000 0000 0000 9995");
      await page.getByRole("alert").getByText("Your card has insufficient funds.").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/local-checkout\//);

      // Stripe's succeeding test card: back to billing, which waits for the webhook
      await payWith(page, "4242 4242 4242 4242");
      await page.waitForURL(
        (url) =>
          url.pathname === "/account/billing" && url.searchParams.get("checkout") === "success",
      );
      await page.getByRole("heading", { level: 1, name: "Billing" }).waitFor();
      const status = page.getByRole("status").filter({ hasText: "Checkout complete." });
      await status.waitFor({ timeout: 60_000 });
      expect(await status.textContent()).toContain("Standard trial is running: 14 days left");

      // Standard's lifecycle: a 14-day trial with the card on file
      const plan = card(page, "Your plan");
      await plan.getByText("Trial", { exact: true }).waitFor();
      await plan.getByText(/Standard trial: 14 days left — then Standard renews on/).waitFor();
      const cards = card(page, "Payment methods");
      const visa = cards.getByRole("listitem").filter({ hasText: /^Visa ending 4242/ });
      await visa.getByText("Default", { exact: true }).waitFor();
      const history = card(page, "Billing history");
      await history.getByText("Checkout completed").waitFor();

      expect(await checkPage(page, "/account/billing", "Billing")).toEqual([]);
      await plan.getByText("Trial", { exact: true }).waitFor();

      // cancel at the period end, confirmed in a dialog
      await plan.getByRole("button", { name: "Cancel plan" }).click();
      const dialog = page.getByRole("dialog", { name: "Cancel Standard?" });
      await dialog.getByText(/You keep Standard until/).waitFor();
      await dialog.getByRole("button", { name: "Cancel plan" }).click();
      await dialog.waitFor({ state: "detached" });
      await plan.getByText(/Standard is cancelled: access until .+, then Free\./).waitFor({
        timeout: 30_000,
      });
      await plan.getByText("Cancelled", { exact: true }).waitFor();
      await plan.getByRole("button", { name: "Reactivate Standard" }).waitFor();
      await page
        .getByRole("status")
        .filter({ hasText: /Cancelled: access until/ })
        .waitFor();

      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("adds a card on a Free account through the local checkout (declined first), then cancels a second one", async () => {
    const account = await registerAccount(baseUrl, {
      label: "billing",
      name: "Grace Hopper",
      ip: "192.0.2.93",
    });
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [402] });
    try {
      await signInThroughForm(page, account);
      expect(await checkPage(page, "/account/billing", "Billing")).toEqual([]);
      const cards = card(page, "Payment methods");
      await cards.getByText("No card on file yet.").waitFor();

      await cards.getByRole("button", { name: "Add a card" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/local-checkout/"));
      await page.getByText("Local test checkout — no real payment").waitFor();
      await page.getByRole("heading", { level: 1, name: "Add a card" }).waitFor();
      await page.getByText("Nothing is charged today.").waitFor();

      // a declined card: its reason on the page, nothing saved
      await fillCard(page, "4000 0000 0000 9995");
      await page.getByRole("button", { name: "Save card" }).click();
      await page.getByRole("alert").getByText("Your card has insufficient funds.").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/local-checkout\//);

      // Stripe's Mastercard test card: back on billing, which waits for the webhook
      await fillCard(page, "5555 5555 5555 4444");
      await page.getByRole("button", { name: "Save card" }).click();
      await page.waitForURL((url) => url.pathname === "/account/billing");
      const saved = cards.getByRole("status").filter({ hasText: "Card saved." });
      await saved.waitFor({ timeout: 60_000 });
      expect(await saved.textContent()).toContain("Mastercard ending 4444 is on file");
      // the outcome has focus, and the query is gone so a reload does not say it again
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe(
        "status",
      );
      expect(new URL(page.url()).search).toBe("");
      const mastercard = cards.getByRole("listitem").filter({ hasText: /^Mastercard ending 4444/ });
      await mastercard.getByText("Default", { exact: true }).waitFor();
      // the completed checkout is applied just after the card is listed: the history follows
      await expect
        .poll(
          async () => {
            await page.reload();
            const history = card(page, "Billing history");
            await history.getByRole("list").waitFor();
            return history.getByText("Card saved and made the default").count();
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBe(1);

      // a second card: the choice to make it the default, and a checkout left without saving
      await cards.getByRole("checkbox", { name: "Make the new card the default" }).waitFor();
      await cards.getByRole("button", { name: "Add a card" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/local-checkout/"));
      await page.getByText("The card is saved for later payments.").waitFor();
      await page.getByRole("link", { name: "Cancel and go back" }).click();
      await page.waitForURL((url) => url.pathname === "/account/billing");
      await cards.getByRole("status").filter({ hasText: "No card was added." }).waitFor();
      await mastercard.waitFor();
      expect(await cards.getByRole("listitem").count()).toBe(1);
      expect(await checkPage(page, "/account/billing", "Billing")).toEqual([]);

      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
