import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { registerAccount, signInThroughForm, type TestAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { createStaffWithTotp } from "./support/staff";
import { confirmItsMe, signInWithTotpLongAgo } from "./support/step-up";
import { subscribeThroughCheckout } from "./support/subscriber";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const CUSTOMER_IP = "192.0.2.181";

interface Invoice {
  id: string;
  subscription_id: string;
  number: string | null;
  amount_paid: number;
  amount_refunded: number;
}

/**
 * A Standard subscriber with a paid invoice: the trial, then the test clock moved past it (the
 * first renewal).
 */
async function paidCustomer(account: TestAccount): Promise<Invoice> {
  const api = await subscribeThroughCheckout(baseUrl, account, CUSTOMER_IP);
  expect((await api.post("/api/billing/local/advance")).status).toBe(200);
  let invoice: Invoice | undefined;
  await expect
    .poll(
      async () => {
        invoice = (await api.get<Invoice[]>("/api/invoices")).find(
          (entry) => entry.amount_paid > 0,
        );
        return invoice !== undefined;
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBe(true);
  return invoice!;
}

describe("admin payments", () => {
  it("a billing admin refunds half an invoice, and the customer's billing page shows it", async () => {
    const customer = await registerAccount(baseUrl, {
      label: "refunded",
      name: "Ada Refund",
      ip: CUSTOMER_IP,
    });
    const invoice = await paidCustomer(customer);
    const half = invoice.amount_paid / 2;
    const halfText = (half / 100).toFixed(2);
    const admin = await createStaffWithTotp(baseUrl, "billing_admin", "192.0.2.182");

    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    try {
      const { page, context } = staff;
      await signInWithTotpLongAgo(page, context, admin, `/admin/payments/invoices/${invoice.id}`);
      await page.getByRole("heading", { level: 1, name: /^Invoice / }).waitFor();
      await page.getByRole("button", { name: "Refund", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: /^Refund invoice/ });
      await dialog.getByRole("button", { name: /^Amount/ }).click();
      await page.getByRole("option", { name: "Part of it", exact: true }).click();
      await dialog.getByLabel(/^Amount to refund/).fill(halfText);
      await dialog.getByRole("button", { name: /^Reason/ }).click();
      await page.getByRole("option", { name: "Requested by the customer", exact: true }).click();
      await dialog.getByLabel(/^Note/).fill("Asked for half back by email");
      await dialog.getByRole("button", { name: "Refund", exact: true }).click();
      // refunds are sensitive: a fresh second factor first, then the request goes again
      await confirmItsMe(page, admin.app);
      await dialog.waitFor({ state: "detached" });
      await page
        .getByRole("status")
        .filter({ hasText: /confirmed by the provider/ })
        .waitFor({ timeout: 30_000 });
      const refunds = page.getByRole("table", { name: "Refunds" });
      await refunds.getByText("Asked for half back by email").waitFor();
      await page.getByText("Partially refunded", { exact: true }).first().waitFor();

      // the Payments pages: named controls, one h1, one main, no sideways scrolling
      const found = [
        ...(await checkPage(page, "/admin/payments", "Payments")),
        ...(await checkPage(page, "/admin/payments/invoices", "Invoices")),
        ...(await checkPage(page, `/admin/payments/invoices/${invoice.id}`, "Invoice")),
        ...(await checkPage(
          page,
          `/admin/payments/subscriptions/${invoice.subscription_id}`,
          "Subscription",
        )),
      ];
      expect(found).toEqual([]);
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    const own = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(own.page, customer);
      await own.page.goto("/account/billing");
      const row = own.page
        .getByRole("table", { name: "Invoices" })
        .getByRole("row")
        .filter({ hasText: invoice.number ?? invoice.id });
      await row.getByText("Partially refunded", { exact: true }).waitFor({ timeout: 30_000 });
      await row.getByText(`($${halfText} refunded)`).waitFor();
      expect(own.problems).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("a billing admin issues a credit note, and the customer's billing page shows it", async () => {
    const customer = await registerAccount(baseUrl, {
      label: "credited",
      name: "Ada Credit",
      ip: CUSTOMER_IP,
    });
    const invoice = await paidCustomer(customer);
    const admin = await createStaffWithTotp(baseUrl, "billing_admin", "192.0.2.183");

    const staff = await openPage(browser, { baseUrl, allowStatuses: [401, 403] });
    try {
      const { page, context } = staff;
      await signInWithTotpLongAgo(page, context, admin, `/admin/payments/invoices/${invoice.id}`);
      await page.getByRole("heading", { level: 1, name: /^Invoice / }).waitFor();
      await page.getByRole("button", { name: "Credit note", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: /^Credit note for invoice/ });
      await dialog.getByLabel(/^Amount to credit/).fill("5.00");
      await dialog.getByRole("button", { name: /^Reason/ }).click();
      await page.getByRole("option", { name: "Order changed", exact: true }).click();
      await dialog.getByLabel(/^Memo/).fill("Outage on 3 May");
      await dialog.getByRole("button", { name: "Issue credit note", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await page
        .getByRole("status")
        .filter({ hasText: /Credit note of \$5\.00 confirmed by the provider/ })
        .waitFor({ timeout: 30_000 });
      await page
        .getByRole("table", { name: "Credit notes" })
        .getByText("Outage on 3 May")
        .waitFor();
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    const own = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(own.page, customer);
      await own.page.goto("/account/billing");
      const row = own.page
        .getByRole("table", { name: "Invoices" })
        .getByRole("row")
        .filter({ hasText: invoice.number ?? invoice.id });
      await row.getByText("($5.00 credited to your balance)").waitFor({ timeout: 30_000 });
      expect(own.problems).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
