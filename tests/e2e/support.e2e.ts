import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems } from "./support/a11y";
import { registerAccount, signInThroughForm } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";
import { demoEmail, signInAsStaff } from "./support/operator";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("support tickets", () => {
  it("a user opens a ticket, support answers it in the admin app, the user reads the answer", async () => {
    const account = await registerAccount(baseUrl, {
      label: "support-e2e",
      name: "Grace Hopper",
      ip: "192.0.2.81",
    });
    const subject = `Blank PDF export ${Date.now().toString(36)}`;
    const answer = "We found the cause: the photo was too large. It works again now.";

    // The user opens a ticket from the account menu's Help page.
    const user = await openPage(browser, { baseUrl });
    let ticketPath = "";
    try {
      await signInThroughForm(user.page, account);
      await user.page.getByRole("button", { name: /^Account menu/ }).click();
      await user.page.getByRole("menuitem", { name: "Help" }).click();
      await user.page.getByRole("heading", { level: 1, name: "Help" }).waitFor();
      await user.page.getByText("You have not opened a ticket yet.").waitFor();
      await user.page.getByRole("link", { name: "New ticket" }).click();
      await user.page.getByRole("heading", { level: 1, name: "New ticket" }).waitFor();
      // sent empty, every field says what it needs
      await user.page.getByRole("button", { name: "Send to support" }).click();
      await user.page.getByText("Pick what it is about").waitFor();
      await user.page.getByLabel("Subject").fill(subject);
      await user.page.getByRole("button", { name: /^What is it about/ }).click();
      await user.page.getByRole("option", { name: "Exports and downloads" }).click();
      await user.page.getByLabel("Message").fill("My PDF export comes out blank.");
      await user.page.getByRole("button", { name: "Send to support" }).click();
      await user.page.waitForURL(
        (url) => /^\/support\/[\w-]+$/.test(url.pathname) && url.pathname !== "/support/new",
      );
      ticketPath = new URL(user.page.url()).pathname;
      await user.page.getByRole("heading", { level: 1, name: subject }).waitFor();
      await user.page.getByText("Waiting for support").waitFor();
      expect(await accessibilityProblems(user.page)).toEqual([]);
      expect(user.problems).toEqual([]);
    } finally {
      await user.close();
    }

    // Support finds it in the queue by the user's email and answers.
    const staff = await openPage(browser, { baseUrl });
    try {
      await signInAsStaff(staff.page, demoEmail("support"));
      const nav = staff.page.getByRole("navigation", { name: "Admin" });
      await nav.getByRole("link", { name: "Support tickets" }).click();
      await staff.page.getByRole("heading", { level: 1, name: "Support tickets" }).waitFor();
      await staff.page.getByLabel("Search").fill(account.email);
      await staff.page.getByRole("button", { name: "Search", exact: true }).click();
      await staff.page.waitForURL(/[?&]q=/);
      const queue = staff.page.getByRole("table", { name: "Support tickets" });
      await queue.getByRole("link", { name: subject }).click();
      await staff.page.getByRole("heading", { level: 1, name: "Support ticket" }).waitFor();
      await staff.page.getByText("My PDF export comes out blank.").waitFor();
      await staff.page.getByText(account.email).first().waitFor();
      await staff.page.getByRole("textbox", { name: "Answer" }).fill(answer);
      await staff.page.getByRole("button", { name: "Send answer" }).click();
      await staff.page.getByText(answer).waitFor();
      await staff.page.getByText("Pending (waiting on the user)").first().waitFor();
      expect(await accessibilityProblems(staff.page)).toEqual([]);
      expect(staff.problems).toEqual([]);
    } finally {
      await staff.close();
    }

    // The user sees the answer in the thread.
    const back = await openPage(browser, { baseUrl });
    try {
      await signInThroughForm(back.page, account);
      await back.page.goto(ticketPath);
      await back.page.getByRole("heading", { level: 1, name: subject }).waitFor();
      const thread = back.page.getByRole("list", { name: "Messages" });
      await thread.getByText(answer).waitFor();
      expect(await thread.getByText("Support", { exact: true }).count()).toBe(1);
      await back.page.getByText("Support replied").waitFor();
      expect(back.problems).toEqual([]);
    } finally {
      await back.close();
    }
  });
});
