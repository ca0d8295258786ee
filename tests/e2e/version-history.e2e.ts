import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { createResumeFromDashboard, frameText, saved } from "./support/editor";

/** README "Version history": name a version, change the resume, see the diff, restore. */
const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("version history", () => {
  it("names a version, shows its preview and diff against the resume now, and restores it", async () => {
    const account = await registerAccount(baseUrl, {
      label: "history",
      name: "Ada Lovelace",
      ip: "192.0.2.86",
    });
    const { page, problems, close } = await openPage(browser, { baseUrl, allowStatuses: [404] });
    try {
      await signInThroughForm(page, account);
      await createResumeFromDashboard(page, { title: "Acme application" });

      const fullName = page.getByLabel("Full name", { exact: true });
      const type = async (text: string) => {
        await fullName.fill(text);
        await expect.poll(() => frameText(page, "Resume preview")).toContain(text);
        // leaving the field saves at once
        await fullName.blur();
        await saved(page);
      };
      await type("Ada Original");

      // name what is there now
      await page.getByRole("button", { name: "History" }).click();
      const history = page.getByRole("dialog", { name: "Version history" });
      await history.getByLabel("Name the current version").fill("Sent to Acme");
      await history.getByRole("button", { name: "Save name" }).click();
      const named = history.getByRole("listitem").filter({ hasText: "Sent to Acme" });
      await named.getByText("Pinned").waitFor();
      await history.getByRole("button", { name: "Dismiss" }).click();
      await page.locator(".ds-modal__overlay").waitFor({ state: "detached" });

      // edit more: a new version, the named one stays as it was
      await type("Ada Changed");

      await page.getByRole("button", { name: "History" }).click();
      await history.getByRole("button", { name: "View Sent to Acme" }).click();
      await history.getByRole("heading", { name: "Changes since this version" }).waitFor();
      await expect.poll(() => frameText(page, "Preview of Sent to Acme")).toContain("Ada Original");
      await history.locator("del", { hasText: "Original" }).waitFor();
      await history.locator("ins", { hasText: "Changed" }).waitFor();
      expect(await history.locator(".version-diff").textContent()).toContain("Name (changed)");

      await history.getByRole("button", { name: "Restore Sent to Acme" }).click();
      await history.waitFor({ state: "hidden" });
      await expect.poll(() => fullName.inputValue()).toBe("Ada Original");
      await expect.poll(() => frameText(page, "Resume preview")).toContain("Ada Original");

      // the restore is the newest version; the named one is still listed
      await page.getByRole("button", { name: "History" }).click();
      await history.getByText("Restored an earlier version").first().waitFor();
      await history.getByRole("listitem").filter({ hasText: "Sent to Acme" }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
