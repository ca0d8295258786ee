import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./support/browser";
import { executeE2eSql } from "./support/d1";
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

/**
 * Two failed events of one customer, as the consumer and the dead-letter queue leave them
 * (README "Stuck billing events"). No endpoint makes an event unappliable on purpose, so the
 * rows are written; the customer belongs to no account, so the one queued again is ignored.
 */
async function failedEvents() {
  const stamp = Date.now().toString(36);
  const customer = `cus_e2e_${stamp}`;
  const first = `evt_e2e_${stamp}_a`;
  const second = `evt_e2e_${stamp}_b`;
  const created = Math.floor(Date.now() / 1000);
  const payload = (id: string, at: number) =>
    JSON.stringify({
      id,
      object: "event",
      created: at,
      type: "customer.updated",
      data: { object: { id: customer, object: "customer" } },
    }).replaceAll("'", "''");
  await executeE2eSql(
    `INSERT INTO stripe_events (event_id, type, customer_id, created, payload_json, status, error, received_at, processed_at) VALUES
     ('${first}', 'customer.updated', '${customer}', ${created}, '${payload(first, created)}', 'failed', 'unreadable_payload: items.data: Too small', ${Date.now()}, ${Date.now()}),
     ('${second}', 'customer.updated', '${customer}', ${created + 1}, '${payload(second, created + 1)}', 'failed', 'waits behind event ${first}', ${Date.now()}, ${Date.now()})`,
  );
  return { first, second };
}

describe("admin billing events", () => {
  it("lists failed events and skips one with a reason from a dialog, by keyboard", async () => {
    const { first, second } = await failedEvents();
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsOperator(page, opsToken);
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Billing events" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Billing events" }).waitFor();
      const rowOf = (id: string) =>
        page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: id }) });
      const row = rowOf(first);
      await row.waitFor();
      expect(await row.textContent()).toContain("unreadable_payload");

      await page.getByRole("button", { name: `Skip ${first}` }).focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Skip this event?" });
      await dialog.waitFor();
      // a reason is required before anything is sent
      await dialog.getByRole("button", { name: "Skip event" }).click();
      await dialog.getByText("Say why this event is skipped.").waitFor();
      await dialog.getByLabel("Reason").fill("Test data written by the e2e suite");
      await dialog.getByRole("button", { name: "Skip event" }).click();
      await dialog.waitFor({ state: "detached" });
      await page
        .getByText(`Event ${first} skipped: 1 event of its customer queued again.`)
        .waitFor();
      // the list shows failed events: the skipped one and the one queued again left it
      await row.waitFor({ state: "detached" });
      expect(await rowOf(second).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
