import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkPage } from "./support/a11y";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { signInThroughApi } from "./support/customer-api";
import { executeE2eSql } from "./support/d1";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The owner's shared resume, through the API; the link need not be live for the card. */
async function sharedResume(account: { email: string; password: string }, ip: string) {
  const api = await signInThroughApi(baseUrl, account, ip);
  const created = await api.post("/api/resumes", {
    title: "Site resume",
    data: { basics: { name: "Ada Lovelace" } },
  });
  expect(created.status).toBe(201);
  const { id } = ((await created.json()) as { data: { id: string } }).data;
  expect((await api.post(`/api/resumes/${id}/share`, { enabled: true })).status).toBe(200);
}

describe("custom domain card", () => {
  it("adds a hostname, shows the records, turns active after the DNS, and removes it", async () => {
    const account = await registerAccount(baseUrl, {
      label: "custom-domain",
      name: "Ada Lovelace",
      ip: "192.0.2.171",
    });
    // What billing writes after an Enterprise checkout.
    await executeE2eSql(`UPDATE users SET plan = 'enterprise' WHERE id = '${account.id}';`);
    await sharedResume(account, "192.0.2.171");
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(page, account);
      await page.goto("/account/profile");
      const card = page.locator("section", {
        has: page.getByRole("heading", { name: "Custom domain" }),
      });
      await card.getByLabel("Hostname").fill("cv.e2e-example.org");
      await card.getByRole("button", { name: "Add domain" }).click();
      await card.getByText("Waiting for DNS").waitFor();
      const rows = card.getByRole("row");
      expect(await rows.count()).toBe(4);
      expect(await card.getByRole("cell", { name: "CNAME" }).count()).toBe(1);
      expect(await card.getByText("_cf-custom-hostname.cv.e2e-example.org").count()).toBe(1);

      await card.getByRole("button", { name: "Check now" }).click();
      await card.getByText("Waiting for DNS").waitFor();
      await card.getByRole("button", { name: "Mark DNS as added (local only)" }).click();
      await card.getByRole("button", { name: "Check now" }).click();
      await card.getByText("Active", { exact: true }).waitFor();
      expect(await card.getByRole("link", { name: "https://cv.e2e-example.org/" }).count()).toBe(1);
      expect(await checkPage(page, "/account/profile", "Your profile")).toEqual([]);

      await card.getByRole("button", { name: "Remove domain" }).click();
      await card.getByRole("button", { name: "Add domain" }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
