import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { registerAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { submitStaffSignIn } from "./support/operator";
import { createStaffWithTotp } from "./support/staff";
import { subscribeThroughCheckout } from "./support/subscriber";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Staff = Awaited<ReturnType<typeof createStaffWithTotp>>;

/** Signs a staff member with two-factor on in through the admin app's form, just now. */
async function signInStaff(page: Page, staff: Staff, path: string) {
  await submitStaffSignIn(page, staff.email, staff.password, path);
  await page.getByLabel("Authentication code").fill(await staff.app.code());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The value of one fact (a `dt`/`dd` pair) on a detail page. */
const fact = (page: Page, label: string) =>
  page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");

describe("admin payments: subscriptions, dunning, disputes", () => {
  it("a billing admin extends a trial and schedules a cancellation; each shows once the webhook applied it", async () => {
    const customer = await registerAccount(baseUrl, {
      label: "trialing",
      name: "Ada Trial",
      ip: "192.0.2.184",
    });
    await subscribeThroughCheckout(baseUrl, customer, "192.0.2.184");
    const admin = await createStaffWithTotp(baseUrl, "billing_admin", "192.0.2.185");

    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInStaff(page, admin, "/admin/payments");
      await page.getByRole("heading", { level: 1, name: "Payments" }).waitFor();
      // the list's filter, then the customer's row into the detail page
      await page.getByRole("button", { name: /^Status/ }).click();
      await page.getByRole("option", { name: "Trialing", exact: true }).click();
      await page
        .getByRole("table", { name: "Subscriptions" })
        .getByRole("row")
        .filter({ hasText: customer.email })
        .getByRole("rowheader")
        .getByRole("link")
        .click();
      await page.getByRole("heading", { level: 1, name: /^Subscription/ }).waitFor();
      const trialBefore = await fact(page, "Trial ends").textContent();

      await page.getByRole("button", { name: "Extend trial by 7 days" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "Applied: the provider's event has arrived." })
        .waitFor({ timeout: 30_000 });
      expect(await fact(page, "Trial ends").textContent()).not.toBe(trialBefore);

      await page.getByRole("button", { name: "Cancel at period end" }).click();
      // the page reads the subscription until the consumer has applied the provider's event
      await page.getByRole("button", { name: "Keep it going" }).waitFor({ timeout: 30_000 });
      expect(await fact(page, "Cancels at period end").textContent()).toBe("Yes");
      await page
        .getByRole("table", { name: "Billing history" })
        .getByRole("rowheader", { name: "subscription.cancel_scheduled" })
        .waitFor();

      // a change dialog: named, focus inside it, Escape closes it and focus goes back
      const opener = page.getByRole("button", { name: "Apply a coupon…" });
      await opener.click();
      const dialog = page.getByRole("dialog", { name: "Apply a coupon" });
      await dialog.waitFor();
      await expect
        .poll(() => dialog.evaluate((node) => node.contains(document.activeElement)))
        .toBe(true);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await expect
        .poll(() => opener.evaluate((node) => node === document.activeElement))
        .toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the dunning view shows a declined renewal at its step, and the disputes list a chargeback", async () => {
    const customer = await registerAccount(baseUrl, {
      label: "dunning",
      name: "Ada Dunning",
      ip: "192.0.2.186",
    });
    const api = await subscribeThroughCheckout(
      baseUrl,
      customer,
      "192.0.2.186",
      "4000 0000 0000 0341",
    );
    // the trial ends and the renewal is declined: the dunning workflow starts
    expect((await api.post("/api/billing/local/advance")).status).toBe(200);
    await api.waitForState("past_due");
    // Stripe's dispute card: the renewal is paid, then disputed as fraudulent
    const disputer = await registerAccount(baseUrl, {
      label: "dispute",
      name: "Dan Dispute",
      ip: "192.0.2.188",
    });
    const disputerApi = await subscribeThroughCheckout(
      baseUrl,
      disputer,
      "192.0.2.188",
      "4000 0000 0000 0259",
    );
    expect((await disputerApi.post("/api/billing/local/advance")).status).toBe(200);
    await disputerApi.waitForState("active");
    const admin = await createStaffWithTotp(baseUrl, "billing_admin", "192.0.2.187");

    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInStaff(page, admin, "/admin/payments/dunning");
      await page.getByRole("heading", { level: 1, name: "Dunning" }).waitFor();
      // the flow records its steps as it goes: after the failure notice it waits an hour
      const row = page
        .getByRole("table", { name: "Accounts in dunning" })
        .getByRole("row")
        .filter({ hasText: customer.email });
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByRole("heading", { level: 1, name: "Dunning" }).waitFor();
            return (await row.count()) > 0 ? await row.textContent() : "";
          },
          { timeout: 30_000, interval: 500 },
        )
        .toContain("wait 1 hour");

      await page.goto("/admin/payments/disputes");
      await page.getByRole("heading", { level: 1, name: "Disputes" }).waitFor();
      await page.getByRole("button", { name: /^State/ }).click();
      await page.getByRole("option", { name: "Needs response", exact: true }).click();
      // the dispute arrives through the webhook consumer: reload until it is listed
      const disputed = page
        .getByRole("table", { name: "Disputes" })
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: disputer.email }) });
      await expect
        .poll(
          async () => {
            if ((await disputed.count()) === 0) await page.reload();
            return disputed.count();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(1);
      await disputed.getByText("Needs response", { exact: true }).waitFor();
      expect(await disputed.textContent()).toContain("fraudulent");

      const found = [
        ...(await checkPage(page, "/admin/payments/dunning", "Dunning")),
        ...(await checkPage(page, "/admin/payments/disputes", "Disputes")),
      ];
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
