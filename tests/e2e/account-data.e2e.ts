import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { signInThroughApi } from "./support/customer-api";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A resume made through the API, as the editor would; returns its id. */
async function resumeOf(account: { email: string; password: string }, ip: string, title: string) {
  const api = await signInThroughApi(baseUrl, account, ip);
  const created = await api.post("/api/resumes", {
    title,
    data: { basics: { name: "Dorothy Vaughan" } },
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { data: { id: string } }).data.id;
}

describe("your data", () => {
  it("exports the account's data, shows it become ready, and downloads a zip with the resume", async () => {
    const ip = "192.0.2.188";
    const account = await registerAccount(baseUrl, {
      label: "your-data",
      name: "Dorothy Vaughan",
      ip,
    });
    const resumeId = await resumeOf(account, ip, "FORTRAN programmer");
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(page, account);
      await page.goto("/account/profile");
      const card = page.locator("section", {
        has: page.getByRole("heading", { name: "Your data" }),
      });
      await card.getByRole("button", { name: "Export my data" }).click();
      // The bar (or, on a fast machine, the finished export) follows the workflow.
      const ready = card.getByTestId("data-export-ready");
      await ready.waitFor({ timeout: 60_000 });
      expect(await ready.textContent()).toMatch(/^Ready \(/);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        card.getByRole("link", { name: "Download your data" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^resume-builder-data-\d{4}-\d{2}-\d{2}\.zip$/);
      const files = unzipSync(new Uint8Array(await readFile((await download.path()) as string)));
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining(["README.txt", "account.json", `resumes/${resumeId}.json`]),
      );
      const resume = JSON.parse(new TextDecoder().decode(files[`resumes/${resumeId}.json`]));
      expect(resume.title).toBe("FORTRAN programmer");
      expect(resume.data.basics.name).toBe("Dorothy Vaughan");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("delete account", () => {
  it("deletes the account with the password: signed out, and signing in shows the deletion with Cancel", async () => {
    const account = await registerAccount(baseUrl, {
      label: "delete-account",
      name: "Mary Jackson",
      ip: "192.0.2.189",
    });
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(page, account);
      await page.goto("/account/profile");
      const card = page.locator("section", {
        has: page.getByRole("heading", { name: "Delete my account" }),
      });
      await card.getByRole("button", { name: "Delete my account" }).click();
      await card.getByLabel("Your password").fill(account.password);
      await card.getByRole("button", { name: "Delete my account permanently" }).click();
      // every session ended: the app is back on the sign-in form
      await page.waitForURL((url) => url.pathname === "/login");
      await page.goto("/dashboard", { waitUntil: "commit" });
      await page.waitForURL((url) => url.pathname === "/login", { waitUntil: "commit" });

      // the grace (14 days, not shortened here): signing in shows the deletion and its Cancel;
      // the completed deletion and the refused sign-in after it are in the worker test
      await signInThroughForm(page, account);
      const notice = page.getByText(/Your account is scheduled for deletion on/);
      await notice.waitFor();
      await page.getByRole("button", { name: "Cancel deletion" }).click();
      await notice.waitFor({ state: "detached" });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
